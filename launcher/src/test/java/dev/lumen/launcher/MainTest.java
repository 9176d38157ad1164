package dev.lumen.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the {@code lumen} command in-process and checks exit statuses and where messages go. */
class MainTest {

    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {
    }

    private static Run lumen(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void checkOfACleanDocumentSucceedsSilently() throws IOException {
        Path doc = Files.writeString(dir.resolve("notes.lm.md"), """
                # Notes

                A document with prose and no Lumen code is valid.
                """);
        Run run = lumen("check", "--color=never", doc.toString());
        assertEquals(ExitCodes.OK, run.status(), run.err());
        assertEquals("", run.out());
        assertEquals("", run.err());
    }

    @Test
    void missingFileIsAnInputError() {
        String missing = dir.resolve("missing.lm.md").toString();
        Run run = lumen("check", missing);
        assertEquals(ExitCodes.USAGE, run.status());
        assertEquals("error: couldn't read `" + missing + "`: no such file\n", run.err().replace("\r\n", "\n"));
    }

    @Test
    void nonMarkdownFileIsAnInputError() throws IOException {
        Path doc = Files.writeString(dir.resolve("prog.lm"), "cell main()\nend\n");
        Run run = lumen("check", doc.toString());
        assertEquals(ExitCodes.USAGE, run.status());
        assertTrue(run.err().contains("is not a Markdown document"), run.err());
    }

    @Test
    void invalidUtf8IsAnInputError() throws IOException {
        Path doc = Files.write(dir.resolve("bad.lm.md"), new byte[] {'#', ' ', (byte) 0xC3, '\n'});
        Run run = lumen("check", doc.toString());
        assertEquals(ExitCodes.USAGE, run.status());
        assertTrue(run.err().contains("not valid UTF-8"), run.err());
    }

    @Test
    void usageErrorsExitWithTwo() {
        Run noFiles = lumen("check");
        assertEquals(ExitCodes.USAGE, noFiles.status());
        assertTrue(noFiles.err().startsWith("error: "), noFiles.err());
        assertTrue(noFiles.err().contains("lumen check --help"), noFiles.err());

        assertEquals(ExitCodes.USAGE, lumen("check", "--format", "xml", "a.lm.md").status());
        assertEquals(ExitCodes.USAGE, lumen("frobnicate").status());
        assertEquals(ExitCodes.USAGE, lumen().status());
    }

    @Test
    void misspeltCommandsAndOptionsGetADidYouMean() {
        assertEquals("""
                error: unknown command `lumen chek`
                  = help: did you mean `check`?

                For more information, try 'lumen --help'.
                """, lumen("chek", "a.lm.md").err());
        assertEquals("""
                error: unknown command `lumen trace shwo`
                  = help: did you mean `show`?

                For more information, try 'lumen trace --help'.
                """, lumen("trace", "shwo").err());
        Run far = lumen("zzzzzz");
        assertTrue(far.err().contains("= help: the commands are init, check, fmt, emit, lir, run, batch, test, serve, trace"), far.err());
        assertTrue(!far.err().contains("train-startup"), "hidden commands stay unadvertised: " + far.err());
        assertEquals("""
                error: unknown option `--fromat=json`
                  = help: did you mean `--format`?

                For more information, try 'lumen check --help'.
                """, lumen("check", "--fromat=json", "a.lm.md").err());
        Run missing = lumen("check");
        assertTrue(missing.err().startsWith("error: missing required parameter: `FILE`\n"), missing.err());
        // the unknown option is the mistake, not the parameter it left out
        assertEquals("""
                error: unknown option `--nope`

                For more information, try 'lumen trace show --help'.
                """, lumen("trace", "show", "--nope").err());
        assertTrue(lumen("trace", "show", "--stroe").err().contains("= help: did you mean `--store`?"));
    }

    @Test
    void eachCommandIsRegisteredUnderItsOwnName() {
        Main.COMMANDS.forEach((name, command) -> assertEquals(name,
                new picocli.CommandLine(command.get()).getCommandName(), "the name COMMANDS gives it"));
    }

    @Test
    void helpAndVersionSucceed() {
        Run help = lumen("--help");
        assertEquals(ExitCodes.OK, help.status());
        assertTrue(help.out().contains("check"), help.out());
        Run checkHelp = lumen("check", "--help");
        assertEquals(ExitCodes.OK, checkHelp.status(), checkHelp.err());
        assertTrue(checkHelp.out().contains("--format"), checkHelp.out());
        Run version = lumen("--version");
        assertEquals(ExitCodes.OK, version.status());
        assertTrue(version.out().startsWith("lumen "), version.out());
    }

    @Test
    void summariesFollowCargo() {
        assertEquals(null, CheckCommand.summary("a.lm.md", java.util.List.of(), false));
    }

    @Test
    void theInvoiceExampleChecksClean() {
        Run run = lumen("check", "--color=never", "../examples/invoice_agent.lm.md");
        assertEquals(ExitCodes.OK, run.status(), run.err());
        assertEquals("", run.err());
    }

    @Test
    void aFieldTypoInTheInvoiceExamplePointsAtTheMarkdownWithADidYouMean() throws IOException {
        String text = Files.readString(Path.of("../examples/invoice_agent.lm.md")).replace("e.message", "e.mesage");
        Path doc = Files.writeString(dir.resolve("invoice_agent.lm.md"), text);
        String[] lines = text.split("\n", -1);
        int line = 0;
        while (!lines[line].contains("e.mesage")) {
            line++;
        }
        int column = lines[line].indexOf("mesage") + 1;

        Run run = lumen("check", "--color=never", doc.toString());

        assertEquals(ExitCodes.ERRORS, run.status());
        String err = run.err().replace("\r\n", "\n");
        assertTrue(err.startsWith("error[E0015]: no field `mesage` on record `ValidationError`\n"), err);
        assertTrue(err.contains("  --> " + doc + ":" + (line + 1) + ":" + column + "\n"), err);
        assertTrue(err.contains("= help: did you mean `message`?"), err);
        assertTrue(err.endsWith("error: could not check `" + doc + "` due to 1 previous error\n"), err);
    }

    @Test
    void jsonFormatCarriesTheSameDiagnostic() throws IOException {
        Path doc = Files.writeString(dir.resolve("bad.lm.md"), """
                ```lumen
                cell run() -> Int
                  return "seven"
                end
                ```
                """);
        Run run = lumen("check", "--format", "json", doc.toString());
        assertEquals(ExitCodes.ERRORS, run.status());
        assertTrue(run.out().contains("\"code\": \"E0012\""), run.out());
        assertTrue(run.out().contains("\"line\": 3"), run.out());
    }
}
