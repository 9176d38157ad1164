package dev.lumen.launcher;

import static dev.lumen.launcher.EmitCommandTest.lumen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.runtime.json.CanonicalJson;
import dev.lumen.runtime.store.Store;
import dev.lumen.runtime.trace.TraceVerifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lumen init}: a project that checks and runs offline at once, and that never touches a file it did not make. */
class InitCommandTest {
    @TempDir
    Path dir;

    /** Every file under {@code root} with its bytes and modification time, to tell whether anything changed. */
    private static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.toList()) {
                FileTime modified = Files.getLastModifiedTime(p);
                files.put(root.relativize(p).toString(), (Files.isRegularFile(p)
                        ? CanonicalJson.sha256(Files.readAllBytes(p)) : "dir") + " " + modified.toMillis());
            }
        }
        return files;
    }

    @Test
    void theProjectChecksAndRunsOfflineAtOnce() throws IOException {
        Path project = dir.resolve("new/project");
        EmitCommandTest.Run init = lumen("init", project.toString());
        assertEquals(ExitCodes.OK, init.status(), init.err());
        for (String path : List.of("hello.lm.md", "tools/slug/tool.json", "tools/slug/slug.py", ".gitignore",
                ".lumen/lock.json")) {
            assertTrue(Files.isRegularFile(project.resolve(path)), path);
            assertTrue(init.out().contains("created " + path + "\n"), init.out());
        }
        assertTrue(init.out().contains("lumen run hello.lm.md --offline"), init.out());
        List<String> next = init.out().lines().dropWhile(l -> !l.equals("next:")).skip(1).toList();
        assertTrue(next.size() >= 4, init.out());
        for (String line : next) {
            String[] words = line.strip().split("\\s+");
            assertTrue(words[0].equals("cd") || (words[0].equals("lumen") && Main.COMMANDS.containsKey(words[1])),
                    "a next step is a real command: " + line);
        }
        JsonNode lock = CanonicalJson.parse(Files.readString(project.resolve(".lumen/lock.json")));
        assertEquals("project", lock.get("tools").get("text.slug").get("origin").textValue());

        Path document = project.resolve("hello.lm.md");
        EmitCommandTest.Run check = lumen("check", document.toString());
        assertEquals(ExitCodes.OK, check.status(), check.err());
        EmitCommandTest.Run run = lumen("run", document.toString(), "--offline");
        assertEquals(ExitCodes.OK, run.status(), run.err());
        assertEquals("", run.err(), "answered from the shipped entries, with no warning");
        JsonNode card = CanonicalJson.parse(run.out());
        assertEquals("ada@example.org", card.get("contact").get("email").textValue());
        assertEquals("ada-lovelace", card.get("handle").textValue());
        Store store = Store.at(project);
        assertTrue(TraceVerifier.verify(store, store.runIds().getLast()).ok());
        EmitCommandTest.Run trace = lumen("trace", "last", "--store", project.toString());
        assertEquals(ExitCodes.OK, trace.status(), trace.err());
        assertTrue(trace.out().contains("tool_call text.slug"), trace.out());
    }

    @Test
    void initTwiceChangesNothingTheSecondTime() throws IOException {
        assertEquals(ExitCodes.OK, lumen("init", dir.toString()).status());
        Map<String, String> before = snapshot(dir);
        EmitCommandTest.Run again = lumen("init", dir.toString());
        assertEquals(ExitCodes.OK, again.status(), again.err());
        assertEquals(before, snapshot(dir));
        assertFalse(again.out().contains("created "), again.out());
        assertTrue(again.out().contains("skipped hello.lm.md (it exists; left as it is)"), again.out());
        assertTrue(again.out().contains("nothing to do"), again.out());
    }

    @Test
    void aNonEmptyFolderKeepsTheUsersFiles() throws IOException {
        Files.writeString(dir.resolve("hello.lm.md"), "# my own notes\n");
        Files.writeString(dir.resolve(".gitignore"), "*.log\n");
        Files.writeString(dir.resolve("data.csv"), "a,b\n");
        Map<String, String> mine = snapshot(dir);
        EmitCommandTest.Run init = lumen("init", dir.toString());
        assertEquals(ExitCodes.OK, init.status(), init.err());
        Map<String, String> after = snapshot(dir);
        for (String file : List.of("hello.lm.md", ".gitignore", "data.csv")) {
            assertEquals(mine.get(file), after.get(file), file);
        }
        assertTrue(Files.isRegularFile(dir.resolve("tools/slug/tool.json")));
        assertFalse(Files.exists(dir.resolve(".lumen/lock.json")), "the user's document is not locked behind their back");
        assertTrue(init.out().contains("skipped hello.lm.md"), init.out());
        assertTrue(init.out().contains("skipped .gitignore"), init.out());
        assertTrue(init.out().contains("  !.lumen/lock.json\n"), "says what .gitignore needs: " + init.out());
        assertTrue(init.out().contains("note: hello.lm.md is yours"), init.out());
    }

    @Test
    void aFileIsNotAFolder() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.txt"), "keep\n");
        EmitCommandTest.Run init = lumen("init", file.toString());
        assertEquals(ExitCodes.USAGE, init.status());
        assertTrue(init.err().contains("is a file, not a folder"), init.err());
        assertEquals("keep\n", Files.readString(file));
    }

    @Test
    void aFailureHalfWayLeavesNothingItCreated() throws IOException {
        Files.writeString(dir.resolve("tools"), "a file where the tools folder goes\n");
        Map<String, String> before = snapshot(dir);
        EmitCommandTest.Run init = lumen("init", dir.toString());
        assertEquals(ExitCodes.ERRORS, init.status(), init.out());
        assertTrue(init.err().startsWith("error: cannot set up `"), init.err());
        assertTrue(init.err().contains("tools"), init.err());
        assertFalse(init.err().contains("Exception"), init.err());
        assertEquals(before.keySet(), snapshot(dir).keySet(), "hello.lm.md, written first, is removed again");
    }

    @Test
    void gitKeepsTheLockFileAndTheShippedRepliesButNotTheTraces() throws Exception {
        assumeTrue(new ProcessBuilder("git", "--version").start().waitFor() == 0, "git is installed");
        assertEquals(ExitCodes.OK, lumen("init", dir.toString()).status());
        assertEquals(ExitCodes.OK, lumen("run", dir.resolve("hello.lm.md").toString(), "--offline").status());
        assertEquals(0, git("init", "-q").exitValue());
        Process add = git("add", "--dry-run", "-A");
        String added = new String(add.getInputStream().readAllBytes());
        assertTrue(added.contains(".lumen/lock.json"), added);
        assertTrue(added.contains(".lumen/cache/llm.chat/"), added);
        assertTrue(added.contains(".lumen/cache/text.slug/"), added);
        assertTrue(added.contains("tools/slug/tool.json"), added);
        for (String line : added.lines().filter(l -> l.contains(".lumen/")).toList()) {
            assertTrue(line.contains(".lumen/lock.json") || line.contains(".lumen/cache/llm.chat/")
                    || line.contains(".lumen/cache/text.slug/"), "only the lock file and the shipped replies: " + line);
        }
        assertTrue(Files.list(dir.resolve(".lumen")).count() > 2, "the run left a trace, which git ignores");
    }

    private Process git(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return p;
    }
}
