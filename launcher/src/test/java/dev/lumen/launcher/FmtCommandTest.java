package dev.lumen.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.launcher.EmitCommandTest.Run;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lumen fmt}: in place and atomically, {@code --check}, {@code --stdin}, and every way it refuses. */
class FmtCommandTest {

    @TempDir
    Path dir;

    private static Run lumen(String... args) {
        return EmitCommandTest.lumen(args);
    }

    static Run lumenWithInput(String input, String... args) {
        InputStream saved = System.in;
        System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        try {
            return lumen(args);
        } finally {
            System.setIn(saved);
        }
    }

    static final String UNFORMATTED = """
            # Greeting

            Some   prose   stays.

            ```lumen
            cell run(name:String)->String
                    return "Hello, {name}!"   # greet
            end
            ```
            """;
    static final String FORMATTED = """
            # Greeting

            Some   prose   stays.

            ```lumen
            cell run(name: String) -> String
              return "Hello, {name}!" # greet
            end
            ```
            """;
    static final String BROKEN = """
            # Broken

            ```lumen
            cell run( -> String
              return "x"
            end
            ```
            """;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private List<String> entries() throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void rewritesTheDocumentInPlaceByRenamingANewFileOverIt() throws Exception {
        Path doc = write("greeting.lm.md", UNFORMATTED);
        Files.setPosixFilePermissions(doc, PosixFilePermissions.fromString("rw-r-----"));
        Object inode = Files.getAttribute(doc, "unix:ino");
        Run run = lumen("fmt", doc.toString());
        assertEquals(ExitCodes.OK, run.status(), run.err());
        assertEquals("", run.out());
        assertEquals("", run.err());
        assertEquals(FORMATTED, Files.readString(doc));
        assertNotEquals(inode, Files.getAttribute(doc, "unix:ino"), "the file is replaced, not written over");
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(doc)));
        assertEquals(List.of("greeting.lm.md"), entries(), "no temporary file is left");
    }

    @Test
    void aFormattedDocumentIsNotWritten() throws Exception {
        Path doc = write("greeting.lm.md", FORMATTED);
        Object inode = Files.getAttribute(doc, "unix:ino");
        Run run = lumen("fmt", doc.toString());
        assertEquals(ExitCodes.OK, run.status(), run.err());
        assertEquals(inode, Files.getAttribute(doc, "unix:ino"));
        assertEquals(FORMATTED, Files.readString(doc));
    }

    @Test
    void writesThroughASymbolicLinkAndKeepsTheLink() throws Exception {
        Path doc = write("greeting.lm.md", UNFORMATTED);
        Path link = Files.createSymbolicLink(dir.resolve("link.lm.md"), doc.getFileName());
        assertEquals(ExitCodes.OK, lumen("fmt", link.toString()).status());
        assertTrue(Files.isSymbolicLink(link));
        assertEquals(FORMATTED, Files.readString(doc));
    }

    @Test
    void checkChangesNothingAndListsTheDocumentsThatWouldChange() throws Exception {
        Path messy = write("messy.lm.md", UNFORMATTED);
        Path tidy = write("tidy.lm.md", FORMATTED);
        Run run = lumen("fmt", "--check", messy.toString(), tidy.toString());
        assertEquals(ExitCodes.ERRORS, run.status(), run.err());
        assertEquals(messy + "\n", run.out().replace("\r\n", "\n"));
        assertEquals("", run.err());
        assertEquals(UNFORMATTED, Files.readString(messy));
        assertEquals(FORMATTED, Files.readString(tidy));

        Run clean = lumen("fmt", "--check", tidy.toString());
        assertEquals(ExitCodes.OK, clean.status(), clean.err());
        assertEquals("", clean.out());
    }

    @Test
    void stdinFormatsStandardInputToStandardOutput() {
        Run run = lumenWithInput(UNFORMATTED.replace("\n", "\r\n"), "fmt", "--stdin");
        assertEquals(ExitCodes.OK, run.status(), run.err());
        assertEquals(FORMATTED.replace("\n", "\r\n"), run.out());
        assertEquals("", run.err());

        Run checked = lumenWithInput(UNFORMATTED, "fmt", "--stdin", "--check");
        assertEquals(ExitCodes.ERRORS, checked.status());
        assertEquals("<stdin>\n", checked.out().replace("\r\n", "\n"));
    }

    @Test
    void stdinWithSyntaxErrorsPrintsTheDiagnosticsAndNothingElse() {
        Run run = lumenWithInput(BROKEN, "fmt", "--stdin", "--color", "never");
        assertEquals(ExitCodes.ERRORS, run.status());
        assertEquals("", run.out());
        assertTrue(run.err().contains("--> <stdin>:4:"), run.err());
        assertTrue(run.err().contains("error: could not format `<stdin>` due to"), run.err());
    }

    @Test
    void stdinThatIsNotUtf8IsRefused() {
        InputStream saved = System.in;
        System.setIn(new ByteArrayInputStream(new byte[] {'#', ' ', (byte) 0xff, '\n'}));
        try {
            Run run = lumen("fmt", "--stdin");
            assertEquals(ExitCodes.USAGE, run.status());
            assertEquals("error: couldn't read standard input: it is not valid UTF-8\n", run.err());
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void aSyntaxErrorLeavesEveryFileUntouched() throws Exception {
        Path broken = write("broken.lm.md", BROKEN);
        Path messy = write("messy.lm.md", UNFORMATTED);
        Run run = lumen("fmt", "--color", "never", messy.toString(), broken.toString());
        assertEquals(ExitCodes.ERRORS, run.status());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("error[E0007]: "), run.err());
        assertTrue(run.err().contains("--> " + broken + ":4:11"), run.err());
        assertTrue(run.err().endsWith("error: could not format `" + broken + "` due to 1 previous error\n"),
                run.err());
        assertEquals(BROKEN, Files.readString(broken));
        assertEquals(UNFORMATTED, Files.readString(messy), "nothing is written when a document is refused");
    }

    @Test
    void anUnreadableDocumentIsAUsageErrorAndNothingIsWritten() throws Exception {
        Path messy = write("messy.lm.md", UNFORMATTED);
        Run missing = lumen("fmt", messy.toString(), dir.resolve("missing.lm.md").toString());
        assertEquals(ExitCodes.USAGE, missing.status());
        assertEquals("error: couldn't read `" + dir.resolve("missing.lm.md") + "`: no such file\n", missing.err());
        assertEquals(UNFORMATTED, Files.readString(messy));

        Path notes = write("notes.md", UNFORMATTED);
        Run notLumen = lumen("fmt", notes.toString());
        assertEquals(ExitCodes.USAGE, notLumen.status());
        assertEquals("error: `" + notes + "` is not a Lumen document (lumen fmt formats `.lm.md` files)\n",
                notLumen.err());
        assertEquals(UNFORMATTED, Files.readString(notes));

        Files.createDirectory(dir.resolve("folder.lm.md"));
        Run folder = lumen("fmt", dir.resolve("folder.lm.md").toString());
        assertEquals(ExitCodes.USAGE, folder.status());
        assertTrue(folder.err().contains("it is a directory"), folder.err());

        Files.write(dir.resolve("latin1.lm.md"), new byte[] {'#', ' ', (byte) 0xe9, '\n'});
        Run latin1 = lumen("fmt", dir.resolve("latin1.lm.md").toString());
        assertEquals(ExitCodes.USAGE, latin1.status());
        assertTrue(latin1.err().contains("not valid UTF-8"), latin1.err());
    }

    @Test
    void badArgumentsAreUsageErrors() throws Exception {
        Run none = lumen("fmt");
        assertEquals(ExitCodes.USAGE, none.status());
        assertTrue(none.err().startsWith("error: missing required parameter: `FILE`\n"), none.err());
        Path doc = write("greeting.lm.md", UNFORMATTED);
        Run both = lumen("fmt", "--stdin", doc.toString());
        assertEquals(ExitCodes.USAGE, both.status());
        assertTrue(both.err().startsWith("error: `--stdin` formats standard input"), both.err());
        assertEquals(UNFORMATTED, Files.readString(doc));
    }

    @Test
    void aWriteThatFailsHalfWayLeavesTheFileAsItWasAndNoTemporaryFile() throws Exception {
        Path doc = write("greeting.lm.md", UNFORMATTED);
        IOException e = assertThrows(IOException.class, () -> AtomicWrite.write(doc, out -> {
            out.write(FORMATTED.substring(0, 20).getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertEquals(UNFORMATTED, Files.readString(doc));
        assertEquals(List.of("greeting.lm.md"), entries());
    }

    @Test
    void aBlockKeptAsWrittenIsAWarning() throws Exception {
        String text = ">\t```lumen\n>\tcell f()->Int\n>\t  return 1\n>\tend\n>\t```\n";
        Path doc = write("quoted.lm.md", text);
        Run run = lumen("fmt", doc.toString());
        assertEquals(ExitCodes.OK, run.status(), run.err());
        assertEquals("warning: left the block at " + doc + ":1:3 as written: the formatter could not lay it out "
                + "without changing it (please report this)\n", run.err());
        assertEquals(text, Files.readString(doc));
    }

    @Test
    void fmtIsListedInTheHelp() {
        Run run = lumen("--help");
        assertTrue(run.out().contains("fmt"), run.out());
    }
}
