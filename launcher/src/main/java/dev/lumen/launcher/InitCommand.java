package dev.lumen.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.language.source.SourceFile;
import dev.lumen.runtime.host.Host;
import dev.lumen.runtime.json.CanonicalJson;
import dev.lumen.runtime.store.Store;
import dev.lumen.runtime.store.ToolCache;
import dev.lumen.runtime.tools.LockFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.FileSystemException;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code lumen init [DIR]}: sets up a project that works at once — a document that asks a model for a record
 * with {@code where} constraints and calls a subprocess tool of the project, the model's reply and the tool's
 * output shipped in {@code .lumen/cache/} (entries Lumen trusts by digest, so {@code --offline} runs them from
 * any clone), the lock file, and a {@code .gitignore} that keeps the store out of git but for those. A file
 * that already exists is never touched: it is skipped, and said so. A failure removes what this run created.
 */
@Command(
        name = "init",
        description = {"Set up a Lumen project in DIR (default: the current folder) that runs offline at once.",
            "Writes hello.lm.md, tools/slug/ (a subprocess tool and its manifest), .lumen/ (the lock file and the"
                + " cached replies the offline run needs) and .gitignore.",
            "A file that exists is never changed: it is reported as skipped."},
        sortOptions = false,
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            " 0:the project was set up (files that existed were skipped)",
            " 1:a file or folder cannot be written (nothing this run created is left)",
            " 2:bad arguments, or DIR is not a folder",
        })
final class InitCommand implements Callable<Integer> {
    static final String DOCUMENT = "hello.lm.md";
    private static final String TEMPLATE = "init/";

    /** A file of the project: where it goes, and the resource that holds it. */
    private record TemplateFile(String path, String resource) {
    }

    private static final List<TemplateFile> FILES = List.of(
            new TemplateFile(DOCUMENT, "hello.lm.md"),
            new TemplateFile("tools/slug/tool.json", "tool.json"),
            new TemplateFile("tools/slug/slug.py", "slug.py"),
            new TemplateFile(".gitignore", "gitignore"));

    /** A file left as it was, and why. */
    private record Skipped(String path, String reason) {
    }

    private static final String EXISTS = "it exists; left as it is";

    /** The cache entries the offline run is answered from: each is filed where its own tool id and key say. */
    private static final List<String> CACHE_ENTRIES = List.of("cache-llm.chat.json", "cache-text.slug.json");

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "DIR", arity = "0..1", description = "The folder to set up; created if missing.")
    private String dir = ".";

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path root;
        try {
            root = Host.current().resolve(dir).normalize();
        } catch (InvalidPathException e) {
            err.println("error: `" + dir + "` is not a path: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (Files.exists(root) && !Files.isDirectory(root)) {
            err.println("error: `" + dir + "` is a file, not a folder: `lumen init` sets up a folder");
            return ExitCodes.USAGE;
        }
        Created created = new Created();
        List<Skipped> skipped = new ArrayList<>();
        try {
            created.directories(root);
            for (TemplateFile file : FILES) {
                write(root, file.path(), template(file.resource()), created, skipped);
            }
            for (String entry : CACHE_ENTRIES) {
                byte[] bytes = template(entry);
                write(root, root.relativize(entryFile(root, bytes)).toString(), bytes, created, skipped);
            }
            lock(root, created, skipped);
        } catch (IOException e) {
            created.undo();
            err.println("error: cannot set up `" + dir + "`: " + e.getMessage());
            return ExitCodes.ERRORS;
        }
        report(out, root, created.files, skipped);
        return ExitCodes.OK;
    }

    /** The file a shipped cache entry belongs in: under its tool and key, as the runtime's cache files it. */
    private static Path entryFile(Path root, byte[] entry) {
        JsonNode node = CanonicalJson.parse(new String(entry, StandardCharsets.UTF_8));
        return Store.at(root).dir()
                .resolve(ToolCache.entryName(node.get("tool_id").textValue(), node.get("key").textValue()));
    }

    /** Writes {@code bytes} to a new file {@code path} under {@code root}, or skips it when something is there. */
    private static void write(Path root, String path, byte[] bytes, Created created, List<Skipped> skipped) throws IOException {
        Path target = root.resolve(path);
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            skipped.add(new Skipped(path, EXISTS));
            return;
        }
        created.directories(target.getParent());
        try {
            Files.write(target, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            skipped.add(new Skipped(path, EXISTS)); // made meanwhile by someone else: theirs
            return;
        } catch (IOException e) {
            Files.deleteIfExists(target);
            throw new IOException("cannot write `" + target + "`: " + describe(e), e);
        }
        created.files.add(path);
        if (path.endsWith(".py")) {
            target.toFile().setExecutable(true);
        }
    }

    /**
     * Pins the document's tools in {@code .lumen/lock.json}, as {@code lumen lock} does — only when this run
     * wrote the document (a document of the user's is the user's to lock) and there is no lock file yet.
     */
    private static void lock(Path root, Created created, List<Skipped> skipped) throws IOException {
        Path file = root.resolve(".lumen").resolve(LockFile.FILE_NAME);
        String path = root.relativize(file).toString();
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            skipped.add(new Skipped(path, EXISTS));
            return;
        }
        if (!created.files.contains(DOCUMENT)) {
            skipped.add(new Skipped(path, "the " + DOCUMENT + " there is yours: `lumen lock " + DOCUMENT + "` pins its tools"));
            return;
        }
        StringWriter messages = new StringWriter();
        SourceFile source = Documents.read(root.resolve(DOCUMENT).toString(), new PrintWriter(messages));
        if (source == null || LockCommand.lock(source, new PrintWriter(new StringWriter()), new PrintWriter(messages))
                != ExitCodes.OK) {
            throw new IOException("cannot write its lock file: " + messages.toString().strip());
        }
        created.files.add(path);
    }

    private static void report(PrintWriter out, Path root, List<String> created, List<Skipped> skipped) {
        for (String path : created) {
            out.println("created " + path);
        }
        for (Skipped file : skipped) {
            out.println("skipped " + file.path() + " (" + file.reason() + ")");
        }
        if (!created.isEmpty() && skipped.stream().anyMatch(file -> file.path().equals(".gitignore"))) {
            out.println("note: to keep Lumen's traces and blobs out of git, but its lock file and shipped replies in,"
                    + " .gitignore needs these lines:");
            for (String line : new String(template("gitignore"), StandardCharsets.UTF_8).split("\n")) {
                if (!line.startsWith("#") && !line.isBlank()) {
                    out.println("  " + line);
                }
            }
        }
        String at = Host.current().directory().equals(root) ? "" : " in " + root;
        if (!isTemplate(root.resolve(DOCUMENT))) {
            out.println("note: " + DOCUMENT + " is yours and was kept, so the example document was not written:"
                    + " `lumen init` in an empty folder makes one");
            return;
        }
        out.println(created.isEmpty() ? "nothing to do: the project" + at + " is set up" : "set up a Lumen project" + at);
        out.println();
        out.println("next:");
        if (!at.isEmpty()) {
            out.println("  cd " + root);
        }
        out.println("  lumen run " + DOCUMENT + " --offline   # answered from .lumen/cache/: no key, no network");
        out.println("  lumen trace last                  # what the run did, step by step");
        out.println("  lumen check " + DOCUMENT + "           # the diagnostics, after you edit it");
        out.println("  lumen run " + DOCUMENT + "             # asks the model, with ANTHROPIC_API_KEY set");
    }

    /** Whether {@code file} holds the example document as this Lumen writes it. */
    private static boolean isTemplate(Path file) {
        try {
            return java.util.Arrays.equals(Files.readAllBytes(file), template("hello.lm.md"));
        } catch (IOException e) {
            return false;
        }
    }

    /** The reason of a failed file operation, without the path the message already names. */
    private static String describe(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e instanceof FileSystemException ? "the file system refused (" + e.getClass().getSimpleName() + ")"
                : e.getMessage();
    }

    private static byte[] template(String resource) {
        try (InputStream in = InitCommand.class.getResourceAsStream(TEMPLATE + resource)) {
            if (in == null) {
                throw new IllegalStateException("Lumen's resource " + TEMPLATE + resource + " is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What this run made, in order, so that a failure can remove it again. */
    private static final class Created {
        final List<String> files = new ArrayList<>();
        private final List<Path> paths = new ArrayList<>();
        private Path root;

        void directories(Path directory) throws IOException {
            List<Path> missing = new ArrayList<>();
            for (Path p = directory; p != null && !Files.exists(p); p = p.getParent()) {
                missing.addFirst(p);
            }
            for (Path p : missing) {
                try {
                    Files.createDirectory(p);
                } catch (FileAlreadyExistsException e) {
                    continue;
                } catch (IOException e) {
                    throw new IOException("cannot create the folder `" + p + "`: " + describe(e), e);
                }
                paths.add(p);
            }
            if (root == null) {
                root = directory;
            }
        }

        /** Removes the files and folders this run created, newest first. */
        void undo() {
            for (String file : files) {
                paths.add(root.resolve(file));
            }
            paths.sort((a, b) -> b.getNameCount() - a.getNameCount());
            for (Path p : paths) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // a folder someone else has since written into stays
                }
            }
        }
    }
}
