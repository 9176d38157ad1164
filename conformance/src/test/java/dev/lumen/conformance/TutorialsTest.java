package dev.lumen.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lumen.language.CheckResult;
import dev.lumen.language.FrontEnd;
import dev.lumen.language.source.SourceFile;
import dev.lumen.language.diagnostics.Diagnostic;
import dev.lumen.language.project.ProjectLoader;
import dev.lumen.runtime.json.CanonicalJson;
import dev.lumen.runtime.store.TrustedEntries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The tutorials of {@code docs/tutorials/} cannot rot. Each page {@code NAME.md} may have a folder {@code NAME/}
 * of documents and files it works with. In a page:
 * <ul>
 *   <li>every {@code lumen} block is checked by the front end: on its own (bundled tools only), or, with the attribute
 *       {@code from=FILE} (relative to {@code docs/tutorials/}), as the excerpt of that file it must be
 *       verbatim. It must check without a diagnostic, or, with {@code expect=CODE}, with exactly that error code.
 *       A block of another language with {@code from=FILE} must be a verbatim excerpt of that file;
 *   <li>every {@code console} block ({@link ConsoleTranscript}) is run, in page order, at the root of a fresh copy
 *       of the repository's layout holding the page's folder (and each folder named by an attribute
 *       {@code uses=PATH,…}, relative to the root; a folder with a {@code package.json} but no {@code node_modules}
 *       skips the block): each {@code bin/lumen} command must print its expected output and exit 0, or the
 *       block's {@code exit=N}. No API key, no model, no network other than what the folders ship.
 * </ul>
 */
class TutorialsTest {
    static final Path TUTORIALS = LumenScript.ROOT.resolve("docs/tutorials");
    private static final Path SANDBOXES = Path.of("target", "tutorials").toAbsolutePath();
    private static final List<String> PROVIDER_VARIABLES =
            List.of("ANTHROPIC_API_KEY", "OPENAI_API_KEY", "OPENAI_BASE_URL", "LUMEN_LLM_PROVIDER", "NO_COLOR");
    private static final String NODE_MODULES = "node_modules";

    static List<Path> pages() {
        try (Stream<Path> files = Files.list(TUTORIALS)) {
            return files.filter(p -> p.toString().endsWith(".md")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theTutorialsAreThere() {
        List<String> names = pages().stream().map(p -> p.getFileName().toString()).toList();
        assertTrue(names.containsAll(List.of("getting-started.md", "first-agent.md", "custom-tool.md")), names::toString);
    }

    @TestFactory
    Stream<DynamicNode> tutorials() {
        return pages().stream().map(page -> {
            List<FencedBlock> blocks = FencedBlock.of(read(page));
            String name = page.getFileName().toString();
            List<DynamicNode> tests = new ArrayList<>();
            for (FencedBlock block : blocks) {
                if (block.attributes().containsKey("from") && !block.language().equals("lumen")) {
                    tests.add(DynamicTest.dynamicTest(block.language() + " block at line " + block.line(),
                            () -> excerpt(name, block)));
                }
                if (block.language().equals("lumen")) {
                    tests.add(DynamicTest.dynamicTest("lumen block at line " + block.line(),
                            () -> checks(name, block)));
                }
            }
            Sandbox sandbox = new Sandbox(page);
            for (FencedBlock block : blocks) {
                if (block.language().equals("console")) {
                    tests.add(DynamicTest.dynamicTest("console block at line " + block.line(),
                            () -> sandbox.runs(name, block)));
                }
            }
            return DynamicContainer.dynamicContainer(name, page.toUri(), tests.stream());
        });
    }

    private static void checks(String page, FencedBlock block) throws IOException {
        String where = page + ":" + block.line();
        String from = block.attributes().get("from");
        CheckResult result;
        if (from == null) {
            result = FrontEnd.check(new SourceFile(where, "```lumen\n" + block.text() + "```\n"));
        } else {
            Path file = excerpt(page, block);
            String text = read(file);
            // As `lumen check` sees it: with the tools beside it and its store's lock file.
            result = ProjectLoader.check(new SourceFile(from, text, file));
        }
        String expected = block.attributes().get("expect");
        List<String> codes = result.diagnostics().stream().map(d -> d.code().id()).distinct().toList();
        if (expected == null) {
            assertEquals(List.of(), codes, () -> where + " should check cleanly:\n" + Corpus.render(result));
        } else {
            assertEquals(List.of(expected), codes, () -> where + " should fail with " + expected + " only:\n"
                    + Corpus.render(result));
            assertTrue(result.diagnostics().stream().allMatch(Diagnostic::isError), () -> Corpus.render(result));
        }
    }

    /** The file a block with {@code from=FILE} shows, after checking that the block is a verbatim part of it. */
    private static Path excerpt(String page, FencedBlock block) {
        String from = block.attributes().get("from");
        Path file = TUTORIALS.resolve(from).normalize();
        String where = page + ":" + block.line();
        assertTrue(Files.isRegularFile(file), where + ": from=" + from + " names no file (relative to docs/tutorials/)");
        assertTrue(read(file).contains(block.text()), where + ": the block is not a verbatim excerpt of " + from);
        return file;
    }

    /** A fresh copy, per page, of the folders its commands work in; made when its first block runs. */
    private static final class Sandbox {
        private final Path page;
        private Path root;

        Sandbox(Path page) {
            this.page = page;
        }

        void runs(String name, FencedBlock block) throws IOException, InterruptedException {
            assertTrue(LumenScript.available(), "the launcher is not built: run the conformance tests through the"
                    + " reactor (-pl conformance -am)");
            List<String> uses = block.attributes().containsKey("uses")
                    ? List.of(block.attributes().get("uses").split(",")) : List.of();
            for (String used : uses) {
                Path folder = LumenScript.ROOT.resolve(used);
                if (Files.exists(folder.resolve("package.json"))) {
                    Assumptions.assumeTrue(Files.isDirectory(folder.resolve(NODE_MODULES)),
                            used + " has no " + NODE_MODULES + ": bin/mcp-peers installs them");
                }
            }
            if (root == null) {
                Files.createDirectories(SANDBOXES);
                root = Files.createTempDirectory(SANDBOXES, page.getFileName().toString().replace(".md", "-"));
                String folder = page.getFileName().toString().replace(".md", "");
                copy(LumenScript.ROOT.resolve("docs/tutorials").resolve(folder), root.resolve("docs/tutorials").resolve(folder));
            }
            for (String used : uses) {
                if (!Files.exists(root.resolve(used))) {
                    copy(LumenScript.ROOT.resolve(used), root.resolve(used));
                }
            }
            int status = Integer.parseInt(block.attributes().getOrDefault("exit", "0"));
            String where = name + ":" + block.line();
            for (ConsoleTranscript.Step step : ConsoleTranscript.of(block.text()).steps()) {
                Outcome outcome = run(step.arguments());
                String shown = "$ " + step.command() + "\n" + outcome.output();
                if (!step.matches(outcome.output())) {
                    // assertEquals shows the two side by side in an IDE and in the report.
                    assertEquals(step.expected(), outcome.output(), where + ": the output of `" + step.command()
                            + "` differs (… stands for any text)");
                }
                assertEquals(status, outcome.status(), where + ": exit status of\n" + shown);
            }
        }

        private record Outcome(int status, String output) {
        }

        private Outcome run(List<String> arguments) throws IOException, InterruptedException {
            Path output = Files.createTempFile(SANDBOXES, "console", ".txt");
            ProcessBuilder builder = LumenScript.builder(root, arguments).redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            Map<String, String> env = builder.environment();
            PROVIDER_VARIABLES.forEach(env::remove);
            Process process = builder.start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("`bin/lumen " + String.join(" ", arguments) + "` did not finish in two minutes");
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            Files.delete(output);
            return new Outcome(process.exitValue(), text.isEmpty() || text.endsWith("\n") ? text : text + "\n");
        }
    }

    /**
     * Copies a folder as a fresh clone holds it: of a {@code .lumen/} store only the lock file and the cache
     * entries Lumen ships (a reader's own traces and entries stay behind), {@code node_modules} linked, not copied.
     */
    static void copy(Path from, Path to) throws IOException {
        assertTrue(Files.exists(from), from + " does not exist");
        if (Files.isRegularFile(from)) {
            Files.createDirectories(to.getParent());
            Files.copy(from, to);
            return;
        }
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path relative = from.relativize(file);
                Path target = to.resolve(relative.toString());
                if (relative.toString().contains(NODE_MODULES)) {
                    if (relative.getFileName().toString().equals(NODE_MODULES)
                            && relative.getNameCount() == 1) {
                        Files.createDirectories(target.getParent());
                        Files.createSymbolicLink(target, file);
                    }
                } else if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else if (shipped(relative, file)) {
                    Files.createDirectories(target.getParent());
                    Files.copy(file, target);
                }
            }
        }
    }

    private static boolean shipped(Path relative, Path file) throws IOException {
        String path = relative.toString().replace('\\', '/');
        if (!path.startsWith(".lumen/") && !path.contains("/.lumen/")) {
            return true;
        }
        return path.endsWith(".lumen/lock.json")
                || TrustedEntries.contains(CanonicalJson.sha256(Files.readAllBytes(file)));
    }

    @Test
    void aTranscriptMasksOnlyWhatItSays() {
        ConsoleTranscript.Step step = ConsoleTranscript.of("$ bin/lumen trace last --store x\nrun … took … ms\n…\nend\n")
                .steps().getFirst();
        assertEquals(List.of("trace", "last", "--store", "x"), step.arguments());
        assertTrue(step.matches("run 2026-12-07 took 6 ms\nend\n"));
        assertTrue(step.matches("run a took 12 ms\none\ntwo\nend\n"));
        assertFalse(step.matches("run a took 12 s\nend\n"));
        assertFalse(step.matches("run a\ntook 12 ms\nend\n"), "… stays within a line");
        assertFalse(step.matches("run a took 12 ms\nend\nmore\n"));
        assertEquals(List.of("run", "--arg", "text=a b", "x"), ConsoleTranscript.words("run --arg text=\"a b\" 'x'"));
    }

    @Test
    void aTranscriptRunsOnlyPlainLumenCommands() {
        assertThrows(IllegalArgumentException.class, () -> ConsoleTranscript.of("$ rm -r docs\n"));
        assertThrows(IllegalArgumentException.class, () -> ConsoleTranscript.of("$ bin/lumen run x > out\n"));
        assertThrows(IllegalArgumentException.class, () -> ConsoleTranscript.of("output first\n$ bin/lumen check x\n"));
        assertThrows(IllegalArgumentException.class, () -> FencedBlock.of("```console\n$ bin/lumen check x\n"));
        assertEquals(Map.of("from", "a.lm.md", "expect", "E0025"),
                FencedBlock.of("text\n```lumen from=a.lm.md expect=E0025\nx\n```\n").getFirst().attributes());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
