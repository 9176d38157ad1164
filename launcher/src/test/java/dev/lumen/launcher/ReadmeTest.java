package dev.lumen.launcher;

import static dev.lumen.launcher.EmitCommandTest.lumen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's claims that a test can check from a fresh clone: every path of the repository it names exists,
 * every {@code lumen} command it names is one, and the {@code bin/lumen} commands it shows that need no network
 * and start no server are run, in order, on a copy of examples/ as a clone has it, and succeed.
 * {@code bin/test} (the whole suite, this test included) and the editor and npm scripts are only checked to exist.
 */
class ReadmeTest {
    private static final Path ROOT = Path.of("..");
    private static final Path README = ROOT.resolve("README.md");
    /** The repository's top-level entries: a code span starting with one of them is a path that must exist. */
    private static final Set<String> TOP = Set.of("language", "lir-interpreter", "runtime", "embed", "launcher", "lsp",
            "editors", "conformance", "bench", "examples", "bin", "docs", ".ci");
    /** The commands run as shown: they read and write only the store and the files they are given. */
    private static final Set<String> RUNNABLE = Set.of("run", "trace", "replay", "tools", "check", "init", "cache");

    private static final Pattern FENCE = Pattern.compile("(?ms)^```(\\w*)\\n(.*?)^```");
    /** A span delimited by two or more backticks (```` ```lumen ````), which holds backticks itself. */
    private static final Pattern LONG_SPAN = Pattern.compile("(`{2,}) .+? \\1");
    private static final Pattern SPAN = Pattern.compile("`([^`]+)`");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)#]+)\\)");

    @TempDir
    Path dir;

    private static String readme() throws IOException {
        return Files.readString(README);
    }

    /** The README's prose, fenced blocks left out, lines joined (a code span may wrap). */
    private static String prose(String readme) {
        return LONG_SPAN.matcher(FENCE.matcher(readme).replaceAll("")).replaceAll("").replace('\n', ' ');
    }

    private static List<String> spans(String readme) {
        List<String> spans = new ArrayList<>();
        Matcher m = SPAN.matcher(prose(readme));
        while (m.find()) {
            spans.add(m.group(1).strip().replaceAll("\\s+", " "));
        }
        return spans;
    }

    /** The fenced {@code sh} blocks' commands, one per line or per {@code &&}. */
    private static List<String> shellCommands(String readme) {
        List<String> commands = new ArrayList<>();
        Matcher m = FENCE.matcher(readme);
        while (m.find()) {
            if (m.group(1).equals("sh")) {
                for (String line : m.group(2).split("\\n")) {
                    for (String command : line.split("&&")) {
                        if (!command.isBlank()) {
                            commands.add(command.strip());
                        }
                    }
                }
            }
        }
        return commands;
    }

    private static boolean isRepositoryPath(String word) {
        int slash = word.indexOf('/');
        return slash > 0 && TOP.contains(word.substring(0, slash)) && !word.contains("…") && !word.contains("*")
                && !word.contains("/target/") && !word.contains("node_modules");
    }

    @Test
    void everyPathTheReadmeNamesExists() throws IOException {
        String readme = readme();
        List<String> paths = new ArrayList<>();
        for (String span : spans(readme)) {
            for (String word : span.split(" ")) {
                if (isRepositoryPath(word)) {
                    paths.add(word);
                }
            }
        }
        Matcher links = LINK.matcher(readme);
        while (links.find()) {
            if (!links.group(1).contains("://")) {
                paths.add(links.group(1));
            }
        }
        for (String command : shellCommands(readme)) {
            String first = command.split(" ")[0];
            if (isRepositoryPath(first)) {
                paths.add(first);
            }
        }
        assertTrue(paths.containsAll(List.of("bin/lumen", "lsp/", "examples/tools/", "docs/spec/run.md")), paths.toString());
        for (String path : paths) {
            assertTrue(Files.exists(ROOT.resolve(path)), "the README names `" + path + "`, which does not exist");
        }
    }

    @Test
    void everyLumenCommandTheReadmeNamesIsOne() throws IOException {
        String readme = readme();
        List<String> named = new ArrayList<>(spans(readme));
        named.addAll(shellCommands(readme));
        int commands = 0;
        for (String text : named) {
            String[] words = text.split(" ");
            if (words.length >= 2 && (words[0].equals("bin/lumen") || words[0].equals("lumen"))) {
                assertTrue(Main.COMMANDS.containsKey(words[1]), "the README names `" + text + "`, not a lumen command");
                commands++;
            }
        }
        assertTrue(commands >= 10, "the README names " + commands + " lumen commands");
    }

    @Test
    void theCommandsTheReadmeShowsRunOnAFreshCopy() throws IOException {
        ExamplesOfflineTest.copyExamples(dir.resolve("examples"));
        String readme = readme();
        List<String> commands = new ArrayList<>(shellCommands(readme));
        commands.addAll(spans(readme));
        List<String> ran = new ArrayList<>();
        for (String command : commands) {
            String[] words = command.split(" ");
            if (words.length < 2 || !words[0].equals("bin/lumen") || !RUNNABLE.contains(words[1])
                    || Arrays.stream(words).anyMatch(w -> w.matches(".*[A-Z]{3,}.*")) // a placeholder: FILE, DIR
                    || (words[1].equals("run") && !command.contains("--offline"))) { // that one asks a model
                continue;
            }
            String[] args = Arrays.stream(words).skip(1).map(this::relocated).toArray(String[]::new);
            EmitCommandTest.Run run = lumen(args);
            assertEquals(ExitCodes.OK, run.status(), "`" + command + "`: " + run.err());
            ran.add(command);
        }
        assertTrue(ran.contains("bin/lumen run examples/invoice_agent.lm.md --offline"), ran.toString());
        assertTrue(ran.contains("bin/lumen run /tmp/hello-lumen/hello.lm.md --offline"), ran.toString());
        assertTrue(ran.contains("bin/lumen replay last --store examples"), ran.toString());
    }

    /** An argument naming the checkout's examples or a folder under /tmp, moved into this test's directory. */
    private String relocated(String word) {
        if (word.equals("examples") || word.startsWith("examples/")) {
            return dir.resolve(word).toString();
        }
        if (word.startsWith("/tmp/")) {
            return dir.resolve("tmp").resolve(word.substring("/tmp/".length())).toString();
        }
        return word;
    }
}
