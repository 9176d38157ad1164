package dev.lumen.conformance;

import dev.lumen.language.CheckResult;
import dev.lumen.language.FrontEnd;
import dev.lumen.language.diagnostics.HumanRenderer;
import dev.lumen.language.source.SourceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The conformance corpus on disk, shared by the runners: where documents and their goldens are, how they
 * are named in goldens, how goldens are read, and update mode.
 *
 * <p>Documents are named by their path relative to {@code corpus/} with {@code /} separators, so goldens do
 * not depend on where the tests run. Goldens compare with {@code \n} line ends.
 *
 * <p>Update mode ({@code -Dlumen.update=true} or {@code LUMEN_UPDATE=1}) rewrites goldens from the current
 * output and reports each one it changes; review the diff before committing.
 */
public final class Corpus {
    /** Surefire runs tests in the module directory. */
    public static final Path ROOT = Path.of("corpus");
    public static final String DOCUMENT = ".lm.md";
    public static final String ARGS = ".args";

    private Corpus() {
    }

    /** The documents under {@code dir}, sorted. */
    public static List<Path> documents(Path dir) {
        return files(dir, DOCUMENT);
    }

    /** The regular files under {@code dir} (at any depth) whose names end with {@code suffix}, sorted. */
    static List<Path> files(Path dir, String suffix) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(suffix) && Files.isRegularFile(p))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file beside {@code document} with the same base name and the extension {@code suffix}. */
    public static Path sibling(Path document, String suffix) {
        String file = document.getFileName().toString();
        return document.resolveSibling(file.substring(0, file.length() - DOCUMENT.length()) + suffix);
    }

    /** The document a golden or sidecar file ({@code name + suffix}) belongs to. */
    static Path documentOf(Path file, String suffix) {
        String name = file.getFileName().toString();
        return file.resolveSibling(name.substring(0, name.length() - suffix.length()) + DOCUMENT);
    }

    /** The path relative to the corpus root with `/` separators, as documents are named in goldens. */
    public static String name(Path path) {
        return ROOT.relativize(path).toString().replace('\\', '/');
    }

    /** A golden's text with `\n` line ends, whatever a checkout did to them. */
    public static String read(Path path) {
        try {
            return Files.readString(path).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Checks a document byte for byte as stored, line ends included, named as in goldens. */
    static CheckResult check(Path document) throws IOException {
        return FrontEnd.check(new SourceFile(name(document), Files.readString(document)));
    }

    /** Diagnostics as {@code lumen check} prints them on a terminal without color. */
    static String render(CheckResult result) {
        return new HumanRenderer(false).render(result.file(), result.diagnostics());
    }

    /**
     * A run document's {@code .args} sidecar: further command-line arguments, one per line (blank lines
     * ignored), e.g. {@code --cell} / {@code score} or {@code --arg} / {@code text=hello}.
     */
    public static List<String> arguments(Path document) {
        Path args = sibling(document, ARGS);
        if (!Files.exists(args)) {
            return List.of();
        }
        return read(args).lines().filter(line -> !line.isBlank()).toList();
    }

    static boolean updating() {
        return Boolean.getBoolean("lumen.update") || "1".equals(System.getenv("LUMEN_UPDATE"));
    }

    /** In update mode: writes {@code actual} to {@code expected} if it differs, and says so. */
    static void update(Path expected, String actual) throws IOException {
        boolean exists = Files.exists(expected);
        if (exists && read(expected).equals(actual)) {
            return;
        }
        Files.writeString(expected, actual);
        System.out.println("lumen.update: " + (exists ? "rewrote " : "created ") + name(expected));
    }

    /** In update mode: removes a golden that no longer applies, and says so. */
    static void remove(Path stale) throws IOException {
        if (Files.deleteIfExists(stale)) {
            System.out.println("lumen.update: removed " + name(stale));
        }
    }

    /** The command that regenerates goldens, for failure messages. */
    static final String UPDATE_HINT = "`LUMEN_UPDATE=1 bin/test -pl conformance -am` (or -Dlumen.update=true)";
}
