package dev.lumen.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import dev.lumen.lsp.run.LumenExecutable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lumen.runCell and lumen.showTrace start `lumen` as a child process: here a stand-in script that says what it
 * was asked, so the contract (arguments, working directory, result, time limit, output cap, killing) is tested
 * without a JVM per case. The launcher's tests run the real `lumen run`.
 */
class RunCommandsTest {
    @TempDir
    Path dir;

    private Path doc;
    private String uri;
    private Path script;

    @BeforeEach
    void writeTheDocumentAndTheStandIn() throws IOException {
        Files.createDirectories(dir.resolve(".lumen"));
        doc = Files.writeString(dir.resolve("doc.lm.md"), "```lumen\ncell main() -> Int\n  return 1\nend\n```\n");
        uri = doc.toUri().toString();
        script = dir.resolve("lumen");
        Files.writeString(script, """
                #!/bin/sh
                echo "args: $*"
                echo "cwd: $(pwd)"
                echo "LUMEN_BUILD=$LUMEN_BUILD"
                case "$FAKE_MODE" in
                  fail) echo "error: it failed" >&2; exit 3 ;;
                  sleep) sleep 60 & echo $! > "$FAKE_PID"; wait ;;
                  flood) head -c 3000000 /dev/zero | tr '\\0' 'x' ;;
                esac
                """);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    }

    private LspSession session(String mode, Duration timeout, int limit) {
        LumenExecutable fake = new LumenExecutable(List.of(script.toString()), Map.of("LUMEN_BUILD", "0",
                "FAKE_MODE", mode, "FAKE_PID", dir.resolve("pid").toString()));
        return LspSession.start(LspSession.settings(fake, timeout, limit));
    }

    private static JsonObject result(CompletableFuture<Object> answer) {
        // The client reads an answer of type Object as maps and lists; as JSON it is easier to compare.
        return new Gson().toJsonTree(LspSession.await(answer)).getAsJsonObject();
    }

    @Test
    void runCellRunsTheCellOfTheSavedFileInItsDirectory() {
        try (LspSession session = session("ok", Duration.ofSeconds(20), 1 << 20)) {
            JsonObject r = result(session.execute("lumen.runCell", uri, "main"));
            assertEquals("lumen run " + doc + " --cell=main --color=never", r.get("command").getAsString());
            assertEquals(0, r.get("exitCode").getAsInt());
            assertEquals("args: run " + doc + " --cell=main --color=never\ncwd: " + dir + "\nLUMEN_BUILD=0\n",
                    r.get("output").getAsString());
        }
    }

    @Test
    void theExitStatusAndStandardErrorComeBack() {
        try (LspSession session = session("fail", Duration.ofSeconds(20), 1 << 20)) {
            JsonObject r = result(session.execute("lumen.runCell", uri, "main"));
            assertEquals(3, r.get("exitCode").getAsInt());
            assertTrue(r.get("output").getAsString().endsWith("error: it failed\n"), r.toString());
        }
    }

    @Test
    void showTraceShowsTheLastRunOfTheDocumentsStore() {
        try (LspSession session = session("ok", Duration.ofSeconds(20), 1 << 20)) {
            JsonObject r = result(session.execute("lumen.showTrace", uri));
            assertEquals("lumen trace last --store=" + dir, r.get("command").getAsString());
            assertTrue(r.get("output").getAsString().startsWith("args: trace last --store=" + dir + "\n"), r.toString());
        }
    }

    @Test
    void aRunOfTheSavedFileSaysWhenTheOpenTextDiffers() {
        try (LspSession session = session("ok", Duration.ofSeconds(20), 1 << 20)) {
            session.open(uri, "```lumen\ncell main() -> Int\n  return 2\nend\n```\n");
            String output = result(session.execute("lumen.runCell", uri, "main")).get("output").getAsString();
            assertTrue(output.startsWith("lumen: the document has unsaved changes; this run used the file as saved\n"),
                    output);
        }
    }

    @Test
    void aCommandThatRunsTooLongIsKilledWithWhatItStarted() throws Exception {
        try (LspSession session = session("sleep", Duration.ofSeconds(1), 1 << 20)) {
            JsonObject r = result(session.execute("lumen.runCell", uri, "main"));
            assertEquals(124, r.get("exitCode").getAsInt());
            assertTrue(r.get("output").getAsString().endsWith(
                    "lumen: stopped after 1 s, the language server's time limit for a command\n"), r.toString());
            assertGone(grandchild());
        }
    }

    @Test
    void theOutputKeptIsCapped() {
        try (LspSession session = session("flood", Duration.ofSeconds(20), 65536)) {
            String output = result(session.execute("lumen.runCell", uri, "main")).get("output").getAsString();
            assertTrue(output.length() < 66000, "kept " + output.length());
            assertTrue(output.endsWith("\nlumen: " + (3000000 + output.indexOf("xxx") - 65536)
                    + " more bytes of output are not shown (the language server keeps the first 65536)\n"),
                    output.substring(output.length() - 200));
        }
    }

    @Test
    void cancellingTheRequestKillsTheChild() throws Exception {
        try (LspSession session = session("sleep", Duration.ofSeconds(60), 1 << 20)) {
            CompletableFuture<Object> answer = session.execute("lumen.runCell", uri, "main");
            long pid = grandchild();
            answer.cancel(true);
            assertGone(pid);
        }
    }

    @Test
    void theServerExitingKillsTheChild() throws Exception {
        try (LspSession session = session("sleep", Duration.ofSeconds(60), 1 << 20)) {
            session.execute("lumen.runCell", uri, "main");
            long pid = grandchild();
            assertEquals(0, session.shutdown());
            assertGone(pid);
        }
    }

    @Test
    void badCommandsAndArgumentsAreRefusedWithAMessage() throws IOException {
        try (LspSession session = session("ok", Duration.ofSeconds(20), 1 << 20)) {
            assertRefused(session.execute("lumen.nope", uri), "the Lumen language server has no command `lumen.nope`;"
                    + " its commands are lumen.runCell and lumen.showTrace");
            assertRefused(session.execute("lumen.runCell", uri), "lumen.runCell takes [documentUri, cellName], not 1"
                    + " argument");
            assertRefused(session.execute("lumen.runCell", uri, "--store=/etc"), "`--store=/etc` is not a cell name");
            assertRefused(session.execute("lumen.runCell", uri, 42), "lumen.runCell: argument 1 must be a cell name"
                    + " (a string)");
            assertRefused(session.execute("lumen.showTrace", "untitled:Untitled-1"),
                    "lumen.showTrace runs a saved document: `untitled:Untitled-1` is not a file: URI");
            assertRefused(session.execute("lumen.showTrace", dir.resolve("gone.lm.md").toUri().toString()),
                    "lumen.showTrace: there is no file " + dir.resolve("gone.lm.md"));
            assertFalse(Files.exists(dir.resolve("pid")), "nothing ran");
            for (JsonObject error : session.errorResponses()) {
                assertNull(error.getAsJsonObject("error").get("data"), error.toString());
            }
        }
    }

    private static void assertRefused(CompletableFuture<Object> answer, String message) {
        try {
            answer.get(LspSession.PATIENCE.toSeconds(), TimeUnit.SECONDS);
            fail("accepted");
        } catch (ExecutionException e) {
            ResponseErrorException error = assertInstanceOf(ResponseErrorException.class, e.getCause());
            assertEquals(ResponseErrorCode.InvalidParams.getValue(), error.getResponseError().getCode());
            assertEquals(message, error.getResponseError().getMessage());
        } catch (Exception e) {
            fail(e);
        }
    }

    /** The pid of the `sleep` the stand-in started, once it has written it. */
    private long grandchild() throws Exception {
        Path pid = dir.resolve("pid");
        for (int i = 0; i < 200 && (!Files.exists(pid) || Files.readString(pid).isBlank()); i++) {
            Thread.sleep(50);
        }
        return Long.parseLong(Files.readString(pid).strip());
    }

    private static void assertGone(long pid) throws InterruptedException {
        for (int i = 0; i < 100 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false); i++) {
            Thread.sleep(50);
        }
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "process " + pid + " lives on");
    }
}
