package dev.lumen.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.runtime.host.Host;
import dev.lumen.runtime.store.Store;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.FutureTask;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands run in this JVM for a bound {@link Host}, as a long-lived process runs them for its clients: relative
 * names are read in the host's directory and shown as typed, the host's variables and standard input are the
 * ones used, and the JVM's own working directory and environment are not.
 */
class HostBindingTest {
    @TempDir
    Path first;
    @TempDir
    Path second;
    @TempDir
    Path tools;

    private static final String GREETING = """
            @lumen 1

            # Greeting

            ```lumen
            cell run(name: String) -> String
              return "Hello, {name}!"
            end

            cell twice(n: Int) -> Int
              return n * 2
            end
            ```
            """;

    private static final String WRONG = """
            @lumen 1

            ```lumen
            cell run() -> Int
              return "not a number"
            end
            ```
            """;

    /** Two calls of a tool that answers with the TZ it was started with; found through LUMEN_TOOLS_PATH. */
    private static final String ZONES = """
            @lumen 1
            @cache off

            # Zones

            ```lumen
            use tool host.zone as Zone
            grant Zone timeout_ms 20000

            cell run() -> String
              @parallel
              let a = Zone(text: "a")
              let b = Zone(text: "b")
              @end
              return a.text + "," + b.text
            end
            ```
            """;

    private static final String ASK = """
            @lumen 1
            @cache off

            ```lumen
            use tool llm.chat as Chat
            grant Chat model "claude-sonnet-4-20250514" max_tokens 100

            cell run() -> String
              @parallel
              let a = Chat(role user: "a")
              let b = Chat(role user: "b")
              @end
              return a + b
            end
            ```
            """;

    /** The variables a run needs here (PATH for python3, the tests' key file), and {@code extra}. */
    private static Map<String, String> environment(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>();
        for (String name : List.of("PATH", "HOME", "LUMEN_KEY_FILE", "XDG_CONFIG_HOME")) {
            String value = System.getenv(name);
            if (value != null) {
                env.put(name, value);
            }
        }
        env.putAll(extra);
        return env;
    }

    private static Host host(Path directory, Map<String, String> extra) {
        return host(directory, extra, InputStream.nullInputStream());
    }

    private static Host host(Path directory, Map<String, String> extra, InputStream in) {
        return new Host(directory, environment(extra), in, System.err);
    }

    /** Runs {@code args} on a thread of its own bound to {@code host}, as a long-lived process would. */
    private static FutureTask<EmitCommandTest.Run> start(Host host, String... args) {
        FutureTask<EmitCommandTest.Run> task =
                new FutureTask<>(() -> Host.with(host, () -> EmitCommandTest.lumen(args)));
        new Thread(task, "lumen-client").start();
        return task;
    }

    private static EmitCommandTest.Run lumenFor(Host host, String... args) throws Exception {
        return start(host, args).get();
    }

    private void zoneTool(Path folder) throws IOException {
        Path tool = folder.resolve("zone");
        Files.createDirectories(tool);
        Files.writeString(tool.resolve("tool.json"), """
                {
                  "tool_id": "host.zone",
                  "version": "1.0.0",
                  "description": "Answer with the text it was given and the TZ of its process",
                  "input_schema": {"type": "record", "fields": {"text": {"type": "String"}}},
                  "output_schema": {"type": "record", "fields": {"text": {"type": "String"}}},
                  "capabilities": {"supports_timeout_ms": true},
                  "effect": "pure",
                  "exec": {"command": "python3", "args": ["zone.py"]}
                }
                """);
        Files.writeString(tool.resolve("zone.py"), """
                import json, os, sys
                request = json.loads(sys.stdin.buffer.read().decode("utf-8"))
                text = request["input"]["text"] + ":" + os.environ.get("TZ", "unset")
                sys.stdout.write(json.dumps({"output": {"text": text}}) + "\\n")
                """);
    }

    @Test
    void aRelativeDocumentIsTheHostsAndIsShownAsTyped() throws Exception {
        Path here = Path.of("").toAbsolutePath();
        assertFalse(first.startsWith(here), "the JVM runs elsewhere than the host");
        Files.writeString(first.resolve("doc.lm.md"), GREETING);
        Files.writeString(first.resolve("bad.lm.md"), WRONG);
        Host host = host(first, Map.of());

        EmitCommandTest.Run run = lumenFor(host, "run", "doc.lm.md", "--arg", "name=Ada", "--color=never");
        assertEquals(ExitCodes.OK, run.status(), run.err());
        assertEquals("\"Hello, Ada!\"\n", run.out());
        assertEquals(1, Store.at(first).runIds().size(), "the trace is in the host directory's store");

        EmitCommandTest.Run check = lumenFor(host, "check", "doc.lm.md", "--color=never");
        assertEquals(ExitCodes.OK, check.status(), check.err());
        EmitCommandTest.Run bad = lumenFor(host, "check", "bad.lm.md", "--color=never");
        assertEquals(ExitCodes.ERRORS, bad.status(), bad.err());
        assertTrue(Pattern.compile("--> bad\\.lm\\.md:5:\\d+\n").matcher(bad.err()).find(), bad.err());

        EmitCommandTest.Run traces = lumenFor(host, "trace", "ls");
        assertEquals(ExitCodes.OK, traces.status(), traces.err());
        assertTrue(traces.out().contains(Store.at(first).runIds().getFirst()), traces.out());

        EmitCommandTest.Run missing = EmitCommandTest.lumen("check", "doc.lm.md");
        assertEquals(ExitCodes.USAGE, missing.status(), "unbound, the JVM's own directory has no doc.lm.md");
    }

    @Test
    void standardInputIsTheHosts() throws Exception {
        Files.writeString(first.resolve("doc.lm.md"), GREETING);
        Host host = host(first, Map.of(), new ByteArrayInputStream("21".getBytes(StandardCharsets.UTF_8)));
        EmitCommandTest.Run run = lumenFor(host, "run", "doc.lm.md", "--cell", "twice", "--stdin", "n");
        assertEquals(ExitCodes.OK, run.status(), run.err());
        assertEquals("42\n", run.out());
    }

    @Test
    void theToolsPathAndTheVariablesToolsGetAreTheHostsInEveryCallOfAParallelBlock() throws Exception {
        zoneTool(first.resolve("shared-tools")); // named relative to the host's directory
        Files.writeString(first.resolve("zones.lm.md"), ZONES);
        Host host = host(first, Map.of("LUMEN_TOOLS_PATH", "shared-tools", "TZ", "Lumen/First"));

        EmitCommandTest.Run run = lumenFor(host, "run", "zones.lm.md", "--color=never");
        assertEquals(ExitCodes.OK, run.status(), run.err());
        assertEquals("\"a:Lumen/First,b:Lumen/First\"\n", run.out());

        EmitCommandTest.Run without = lumenFor(host(first, Map.of()), "check", "zones.lm.md", "--color=never");
        assertEquals(ExitCodes.ERRORS, without.status(), "a host without LUMEN_TOOLS_PATH finds no host.zone");
    }

    @Test
    void twoHostsAtOnceSeeTheirOwnDirectoriesAndVariables() throws Exception {
        zoneTool(tools);
        Files.writeString(first.resolve("ask.lm.md"), ASK);
        Files.writeString(second.resolve("ask.lm.md"), ASK);
        Files.writeString(first.resolve("zones.lm.md"), ZONES);
        Files.writeString(second.resolve("zones.lm.md"), ZONES);
        try (LoopbackAnthropic one = new LoopbackAnthropic(); LoopbackAnthropic two = new LoopbackAnthropic()) {
            one.reply("1a");
            one.reply("1b");
            two.reply("2a");
            two.reply("2b");
            Map<String, String> env1 = new HashMap<>(one.environment());
            env1.put("LUMEN_TOOLS_PATH", tools.toString());
            env1.put("TZ", "Lumen/First");
            Map<String, String> env2 = new HashMap<>(two.environment());
            env2.put("LUMEN_TOOLS_PATH", tools.toString());
            env2.put("TZ", "Lumen/Second");
            Host host1 = host(first, env1);
            Host host2 = host(second, env2);

            FutureTask<EmitCommandTest.Run> asking1 = start(host1, "run", "ask.lm.md", "--color=never");
            FutureTask<EmitCommandTest.Run> asking2 = start(host2, "run", "ask.lm.md", "--color=never");
            FutureTask<EmitCommandTest.Run> zoning1 = start(host1, "run", "zones.lm.md", "--color=never");
            FutureTask<EmitCommandTest.Run> zoning2 = start(host2, "run", "zones.lm.md", "--color=never");
            EmitCommandTest.Run ask1 = asking1.get();
            EmitCommandTest.Run ask2 = asking2.get();
            EmitCommandTest.Run zones1 = zoning1.get();
            EmitCommandTest.Run zones2 = zoning2.get();

            assertEquals(ExitCodes.OK, ask1.status(), ask1.err());
            assertEquals(ExitCodes.OK, ask2.status(), ask2.err());
            assertTrue(List.of("\"1a1b\"\n", "\"1b1a\"\n").contains(ask1.out()), ask1.out());
            assertTrue(List.of("\"2a2b\"\n", "\"2b2a\"\n").contains(ask2.out()), ask2.out());
            assertEquals(2, one.requests().size());
            assertEquals(2, two.requests().size());
            assertEquals("\"a:Lumen/First,b:Lumen/First\"\n", zones1.out(), zones1.err());
            assertEquals("\"a:Lumen/Second,b:Lumen/Second\"\n", zones2.out(), zones2.err());
            assertEquals(2, Store.at(first).runIds().size(), "each run traced in its own host's store");
            assertEquals(2, Store.at(second).runIds().size());
        }
    }
}
