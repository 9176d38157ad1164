package dev.lumen.runtime.tools.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.runtime.json.CanonicalJson;
import dev.lumen.runtime.policy.PolicyViolation;
import dev.lumen.runtime.tools.ManifestException;
import dev.lumen.runtime.tools.BundledTools;
import dev.lumen.runtime.tools.ToolFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SubprocessToolTest {

    private static String failure(SubprocessTool tool) {
        return assertThrows(ToolFailure.class, () -> tool.call(Scripts.request())).getMessage();
    }

    private static List<Long> pids(String message, String label) {
        Matcher m = Pattern.compile(label + "((?: \\d+)+)").matcher(message);
        assertTrue(m.find(), message);
        return Pattern.compile(" ").splitAsStream(m.group(1).trim()).map(Long::parseLong).toList();
    }

    private static void assertEnds(long pid) throws Exception {
        var handle = ProcessHandle.of(pid);
        if (handle.isPresent()) {
            handle.get().onExit().get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void sendsOneRequestAndReadsTheOutput() throws IOException, InterruptedException {
        Map<String, String> lumen = new HashMap<>();
        lumen.put("PATH", "/usr/bin:/bin");
        lumen.put("OPENAI_API_KEY", "sk-not-for-tools");
        lumen.put("AWS_SECRET_ACCESS_KEY", "not-for-tools");
        lumen.put("LANG", "C.UTF-8");
        // The interpreter itself, not a launcher (such as pyenv's) that would add variables of its own.
        SubprocessTool echo = new SubprocessTool(Scripts.manifest(Scripts.interpreter(), "echo.py"),
                Scripts.directory(), lumen);
        JsonNode out = echo.call(Scripts.request("héllo 🌍", Map.of("timeout_ms", List.of(10_000L),
                "path", List.of("data")))).output();

        assertEquals("{\"base_dir\":\"/tmp/doc\",\"grants\":{\"path\":[\"data\"],\"timeout_ms\":[10000]},"
                + "\"input\":{\"text\":\"héllo 🌍\"},\"protocol\":\"lumen-tool/1\",\"tool_id\":\"test.tool\","
                + "\"version\":\"2.1.0\"}", CanonicalJson.write(out.get("request")));
        JsonNode env = out.get("env");
        assertEquals("/usr/bin:/bin", env.get("PATH").textValue());
        assertEquals("C.UTF-8", env.get("LANG").textValue());
        assertFalse(env.has("OPENAI_API_KEY"));
        assertFalse(env.has("AWS_SECRET_ACCESS_KEY"));
        env.fieldNames().forEachRemaining(name -> assertTrue(ToolEnvironment.PASSED.contains(name), name));
    }

    @Test
    void runsInTheManifestsDirectoryWithAnyTimeout() throws IOException {
        JsonNode out = Scripts.python("echo.py")
                .call(Scripts.request("abc", Map.of("timeout_ms", List.of(Long.MAX_VALUE)))).output();
        assertEquals(Scripts.directory().toRealPath().toString(), out.get("cwd").textValue());
    }

    @Test
    void aToolsOwnErrorIsAToolFailureWithItsStderr() {
        assertEquals("the input has no title\nstderr: checked the input", failure(Scripts.python("tool_error.py")));
    }

    @Test
    void aCrashIsAToolFailureWithTheEndOfItsStderr() {
        String message = failure(Scripts.python("crash.py"));
        assertTrue(message.startsWith("the process exited with status 1\nstderr: Traceback"), message);
        assertTrue(message.endsWith("ValueError: cannot count abc"), message);
        assertEquals("the process exited with status 3\nstderr: giving up", failure(Scripts.python("status.py", "3")));
    }

    @Test
    void stderrIsQuotedByItsLast2048Bytes() {
        String message = failure(Scripts.python("loud.py"));
        String tail = message.substring(message.indexOf("\nstderr: ") + 9);
        assertTrue(tail.startsWith("…"), tail);
        assertTrue(tail.endsWith("line   999"), tail);
        assertTrue(tail.length() <= StderrTail.BYTES + 1, tail.length() + " characters");
        assertTrue(tail.contains("line   900\n"), tail);
    }

    @Test
    void responsesThatBreakTheProtocolAreToolFailures() {
        assertTrue(failure(Scripts.python("garbage.py")).startsWith("the process wrote a response that is not JSON: "));
        String trailing = failure(Scripts.python("trailing.py"));
        assertTrue(trailing.startsWith("the process wrote a response that is not JSON: "), trailing);
        assertEquals("the process exited without writing a response", failure(Scripts.python("silent.py")));
        assertEquals("the process wrote a response that is not UTF-8", failure(Scripts.python("not_utf8.py")));
        assertEquals("the response must have one member, `output` or `error`; it has `result`",
                failure(Scripts.python("wrong_shape.py", "result")));
        assertEquals("the response must have one member, `output` or `error`; it has `output`, `error`",
                failure(Scripts.python("wrong_shape.py", "both")));
        assertEquals("the response must be a JSON object with `output` or `error`",
                failure(Scripts.python("wrong_shape.py", "list")));
        assertEquals("the response's `error` must be an object with a non-empty String `message`",
                failure(Scripts.python("wrong_shape.py", "bad_error")));
    }

    @Test
    void aToolThatHangsIsKilledWithItsChildrenAtTheTimeout() throws Exception {
        long started = System.nanoTime();
        PolicyViolation v = assertThrows(PolicyViolation.class, () -> Scripts.python("hang.py")
                .call(Scripts.request("abc", Map.of("timeout_ms", List.of(2_000L)))));
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(10));
        assertEquals("timeout_ms", v.clause());
        assertTrue(v.getMessage().startsWith("the process did not finish within 2000 ms\nstderr: pids "), v.getMessage());
        for (long pid : pids(v.getMessage(), "pids")) {
            assertEnds(pid);
        }
    }

    @Test
    void stdoutIsCappedByMaxResponseBytes() {
        PolicyViolation v = assertThrows(PolicyViolation.class, () -> Scripts.python("flood.py")
                .call(Scripts.request("abc", Map.of("timeout_ms", List.of(10_000L), "max_response_bytes",
                        List.of(100_000L)))));
        assertEquals("max_response_bytes", v.clause());
        assertEquals("the process wrote more than 100000 bytes to stdout", v.getMessage());
    }

    @Test
    void withoutAGrantStdoutIsCappedAtSixteenMebibytes() {
        assertEquals("the process wrote more than 16777216 bytes to stdout, the limit when no max_response_bytes "
                + "is granted", failure(Scripts.python("flood.py")));
    }

    @Test
    void aToolThatIgnoresALargeRequestStillAnswers() {
        String large = "x".repeat(4 * 1024 * 1024);
        JsonNode out = Scripts.python("deaf.py").call(Scripts.request(large, Map.of("timeout_ms", List.of(10_000L))))
                .output();
        assertEquals("did not read it", out.textValue());
    }

    @Test
    void aChildThatKeepsStdoutOpenFailsTheCallAtTheDeadline() throws Exception {
        ToolFailure f = assertThrows(ToolFailure.class, () -> Scripts.python("daemon.py")
                .call(Scripts.request("abc", Map.of("timeout_ms", List.of(1_500L)))));
        long child = pids(f.getMessage(), "child").getFirst();
        try {
            assertEquals("the process exited, but its stdout was still open after 1500 ms (a process it started "
                    + "holds it)\nstderr: child " + child, f.getMessage());
        } finally {
            ProcessHandle.of(child).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void commandsThatCannotRunAreToolFailures(@TempDir Path dir) throws IOException {
        Path plain = Files.writeString(dir.resolve("plain.sh"), "#!/bin/sh\necho '{\"output\": 1}'\n");
        Path broken = Files.writeString(dir.resolve("broken.sh"), "#!/no/such/interpreter\n");
        Files.setPosixFilePermissions(broken, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(dir.resolve("sub"));

        assertEquals("the command `./missing.py` does not exist (" + dir.resolve("missing.py") + ")",
                failure(new SubprocessTool(Scripts.manifest("./missing.py"), dir)));
        assertEquals("the command `./plain.sh` is not executable (" + plain + ")",
                failure(new SubprocessTool(Scripts.manifest("./plain.sh"), dir)));
        assertEquals("the command `sub/` is not a file (" + dir.resolve("sub") + ")",
                failure(new SubprocessTool(Scripts.manifest("sub/"), dir)));
        assertEquals("the command `lumen-no-such-command` is not on PATH",
                failure(new SubprocessTool(Scripts.manifest("lumen-no-such-command"), dir)));
        String cannotStart = failure(new SubprocessTool(Scripts.manifest("./broken.sh"), dir));
        assertTrue(cannotStart.startsWith("cannot start `./broken.sh`: ")
                && cannotStart.contains("No such file or directory"), cannotStart);

        Files.setPosixFilePermissions(plain, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertEquals(1, new SubprocessTool(Scripts.manifest("./plain.sh"), dir).call(Scripts.request()).output().intValue());
        assertEquals(1, new SubprocessTool(Scripts.manifest(plain.toString()), Path.of("/")).call(Scripts.request())
                .output().intValue());
    }

    @Test
    void onlyCommandManifestsMakeSubprocessTools() {
        ManifestException e = assertThrows(ManifestException.class,
                () -> new SubprocessTool(BundledTools.find("fs.read").orElseThrow(), Path.of(".")));
        assertEquals("manifest of `fs.read`: it is built in, not a command", e.getMessage());
        assertEquals("manifest of `test.tool`: `exec.command` is empty",
                assertThrows(ManifestException.class, () -> new SubprocessTool(Scripts.manifest(" "), Path.of(".")))
                        .getMessage());
    }
}
