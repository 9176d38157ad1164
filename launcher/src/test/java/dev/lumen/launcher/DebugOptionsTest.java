package dev.lumen.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.launcher.EmitCommandTest.Run;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.graalvm.options.OptionCategory;
import org.graalvm.options.OptionDescriptor;
import org.graalvm.options.OptionDescriptors;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Instrument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The debuggers of {@code lumen run}: {@code --inspect} and {@code --dap} start the Truffle tools on a loopback
 * port chosen free for the test, their own options pass through, and what goes wrong is a usage error.
 * {@code --log.file} and the polyglot options in {@code --help} are the same launcher conventions.
 */
@Timeout(120)
class DebugOptionsTest {
    @TempDir
    Path dir;

    private Path document() throws IOException {
        return ChromeDevToolsTest.document(dir);
    }

    private Run run(String... options) throws IOException {
        List<String> args = new ArrayList<>(List.of("run", "--color=never", "--store", dir.toString(), document().toString()));
        args.addAll(List.of(options));
        return EmitCommandTest.lumen(args.toArray(String[]::new));
    }

    @Test
    void inspectPrintsTheDevtoolsUrlAndTheRunEndsWhenNobodyAttaches() throws IOException {
        int port = DebuggedRun.freePort();
        Run run = run("--inspect=127.0.0.1:" + port, "--inspect.Suspend=false");
        assertEquals(ExitCodes.OK, run.status(), run.err());
        assertEquals("42\n", run.out());
        assertTrue(run.err().contains("devtools://devtools/bundled/js_app.html?ws=127.0.0.1:" + port + "/"), run.err());
        // the run closed the inspector with its engine: the port is free again
        try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertEquals(port, again.getLocalPort());
        }
    }

    @Test
    void theInspectorsOwnOptionsPassThrough() throws IOException {
        int port = DebuggedRun.freePort();
        Run run = run("--inspect=" + port, "--inspect.Suspend=false", "--inspect.WaitAttached=false",
                "--inspect.Path=lumen-session", "--inspect.Secure=false", "--inspect.SuspensionTimeout=1m");
        assertEquals(ExitCodes.OK, run.status(), run.err());
        assertEquals("42\n", run.out());
        assertTrue(run.err().contains("ws=127.0.0.1:" + port + "/lumen-session\n"), run.err());
    }

    @Test
    void dapStartsTheDebugAdapterServer() throws IOException {
        int port = DebuggedRun.freePort();
        Run run = run("--dap=127.0.0.1:" + port, "--dap.Suspend=false");
        assertEquals(ExitCodes.OK, run.status(), run.err());
        assertEquals("42\n", run.out());
        assertTrue(run.err().contains("[Graal DAP] Starting server and listening on /127.0.0.1:" + port), run.err());
    }

    @Test
    void theUrlIsShownWhileTheProgramWaitsForADebugger() throws Exception {
        int port = DebuggedRun.freePort();
        try (DebuggedRun run = DebuggedRun.start(dir, document(), "--inspect=" + port, "--inspect.WaitAttached")) {
            String line = run.awaitErrLine("devtools://");
            assertTrue(line.contains("ws=127.0.0.1:" + port + "/"), line);
            Thread.sleep(500);
            assertFalse(run.ended(), "the program waits for a debugger to attach");
        }
    }

    @Test
    void aPortInUseIsAUsageError() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            for (String tool : List.of("inspect", "dap")) {
                Run run = run("--" + tool + "=" + port, "--" + tool + ".Suspend=false");
                assertEquals(ExitCodes.USAGE, run.status(), run.err());
                assertTrue(run.err().startsWith("error: cannot start `--" + tool + "` on 127.0.0.1:" + port + ": "), run.err());
                assertTrue(run.err().contains("= help: give it a free port"), run.err());
                assertFalse(run.err().contains("\tat "), run.err());
                assertEquals("", run.out());
            }
        }
    }

    @Test
    void anUnknownOrMisspeltToolOptionIsAUsageError() throws IOException {
        Run unknown = run("--inspect.Bogus=1");
        assertEquals(ExitCodes.USAGE, unknown.status(), unknown.err());
        assertTrue(unknown.err().startsWith("error: unknown option `--inspect.Bogus`\n  = help: "), unknown.err());
        Run misspelt = run("--inspect.Suspnd=false");
        assertEquals(ExitCodes.USAGE, misspelt.status(), misspelt.err());
        assertTrue(misspelt.err().contains("= help: did you mean `--inspect.Suspend`?"), misspelt.err());
        Run tool = run("--inspct");
        assertEquals(ExitCodes.USAGE, tool.status(), tool.err());
        assertTrue(tool.err().startsWith("error: unknown option `--inspct`\n  = help: did you mean `--inspect`?"), tool.err());
        Run value = run("--inspect.Suspend=maybe");
        assertEquals(ExitCodes.USAGE, value.status(), value.err());
        assertTrue(value.err().startsWith("error: invalid value `maybe` for `--inspect.Suspend`: "), value.err());
        assertTrue(value.err().contains("= help: its values: true|false"), value.err());
        Run group = run("--inpsect.Suspend=false");
        assertEquals(ExitCodes.USAGE, group.status(), group.err());
        assertTrue(group.err().startsWith("error: unknown option `--inpsect.Suspend`\n  = help: did you mean "
                + "`--inspect.Suspend`?"), group.err());
        Run noGroup = run("--nothing.Like=this");
        assertTrue(noGroup.err().startsWith("error: unknown option `--nothing.Like`\n  = help: the option groups here "
                + "are engine, compiler, log, lumen, "), noGroup.err());
        Run language = run("--lumen.Ofline=true");
        assertTrue(language.err().startsWith("error: unknown option `--lumen.Ofline`\n  = help: did you mean "
                + "`--lumen.Offline`?"), language.err());
        Run far = run("--engine.Bogus");
        assertTrue(far.err().startsWith("error: unknown option `--engine.Bogus`\n  = help: `lumen run --help:engine`"),
                far.err());
        for (Run r : List.of(unknown, misspelt, tool, value, group, noGroup, language, far)) {
            assertEquals(ExitCodes.USAGE, r.status(), r.err());
            assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), r.err());
            assertEquals("", r.out());
        }
    }

    @Test
    void logFileTakesTheEngineLog() throws IOException {
        Path log = dir.resolve("engine.log");
        Run run = run("--log.file=" + log, "--engine.TraceCompilation", "--engine.CompileImmediately",
                "--engine.BackgroundCompilation=false");
        assertEquals(ExitCodes.OK, run.status(), run.err());
        assertEquals("42\n", run.out());
        assertTrue(Files.readString(log).contains("opt done"), Files.readString(log));
        assertFalse(run.err().contains("opt done"), run.err());
    }

    @Test
    void helpEndsWithThePolyglotOptionsAndTheEngines() {
        Run help = EmitCommandTest.lumen("run", "--help");
        assertEquals(ExitCodes.OK, help.status(), help.err());
        String polyglot = help.out().substring(help.out().indexOf("\nPolyglot options"));
        assertTrue(help.out().indexOf("--cell=NAME") < help.out().indexOf("\nPolyglot options"), help.out());
        for (String option : List.of("  --inspect=[[<host>]:<port>]", "  --dap=[[<host>:]<port>]", "  --log.file=PATH",
                "  --help:tools", "  --help:engine", "  --help:expert", "  --help:internal")) {
            assertTrue(polyglot.contains(option), option + "\n" + polyglot);
        }
        try (Engine engine = Engine.newBuilder().option("engine.WarnInterpreterOnly", "false").build()) {
            assertListed(polyglot, "User engine options", engine.getOptions(), OptionCategory.USER);
            assertListed(polyglot, "--inspect=", engine.getInstruments().get("inspect").getOptions().get("inspect"));
        }
    }

    @Test
    void helpToolsListsEachToolsOptionsFromItsDescriptors() {
        Run help = EmitCommandTest.lumen("run", "--help:tools");
        assertEquals(ExitCodes.OK, help.status(), help.err());
        assertTrue(help.out().startsWith("\nUser tool options:\n"), help.out());
        try (Engine engine = Engine.newBuilder().option("engine.WarnInterpreterOnly", "false").build()) {
            for (String tool : List.of("inspect", "dap")) {
                Instrument instrument = engine.getInstruments().get(tool);
                assertListed(help.out(), "\n  " + instrument.getName() + ":\n", instrument.getOptions(), OptionCategory.USER);
            }
            Run expert = EmitCommandTest.lumen("run", "--help:tools", "--help:expert");
            assertEquals(ExitCodes.OK, expert.status(), expert.err());
            assertTrue(expert.out().startsWith("\nExpert tool options:\n"), expert.out());
            Instrument inspector = engine.getInstruments().get("inspect");
            assertListed(expert.out(), inspector.getName(), inspector.getOptions(), OptionCategory.EXPERT);
            assertFalse(expert.out().contains("--inspect.Suspend"), "a user option among the experts'");
        }
        assertTrue(help.out().contains("    --inspect.Suspend[=true|false]"), help.out());
    }

    @Test
    void helpEngineListsTheEnginesOptions() {
        Run help = EmitCommandTest.lumen("run", "--help:engine");
        assertEquals(ExitCodes.OK, help.status(), help.err());
        try (Engine engine = Engine.newBuilder().option("engine.WarnInterpreterOnly", "false").build()) {
            assertListed(help.out(), "User engine options", engine.getOptions(), OptionCategory.USER);
        }
        assertFalse(help.out().contains("--cell"), "only the engine's options");
    }

    /** Each option of {@code category} in {@code options} is in {@code help} after {@code heading}, with its help text. */
    private static void assertListed(String help, String heading, OptionDescriptors options, OptionCategory category) {
        assertTrue(help.contains(heading), heading + "\n" + help);
        String after = help.substring(help.indexOf(heading));
        int listed = 0;
        for (OptionDescriptor option : options) {
            if (option.getCategory() == category && !option.isDeprecated()) {
                assertListed(after, "  --" + option.getName(), option);
                listed++;
            }
        }
        assertTrue(listed > 0, "no " + category + " options under " + heading);
    }

    private static void assertListed(String help, String name, OptionDescriptor option) {
        assertTrue(help.contains(name), name + "\n" + help);
        String words = help.replaceAll("\\s+", " ");
        assertTrue(words.contains(option.getHelp().strip().replaceAll("\\s+", " ")), option.getName() + "\n" + help);
    }
}
