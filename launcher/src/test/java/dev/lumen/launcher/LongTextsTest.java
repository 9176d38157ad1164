package dev.lumen.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A text past Jackson's default limit of 20,000,000 characters goes everywhere JSON goes: an argument read as
 * JSON, a tool's input and output, validated text and Json, the trace and its blobs, a replay.
 */
class LongTextsTest {
    private static final int LENGTH = 20_000_001;

    @TempDir
    Path dir;

    @Test
    void aTextPastTwentyMillionCharactersIsRunTracedAndReplayed() throws Exception {
        Path doc = Files.writeString(dir.resolve("pages.lm.md"), """
                # Pages

                ```lumen
                use tool json.parse as Parse
                grant Parse

                record Page
                  text: String where length(text) > 0
                end

                cell run(pages: list[String]) -> Int
                  let page = "{\\"text\\": \\"" + pages[0] + "\\"}"
                  let parsed = Parse(text: page) expect schema Page
                  let again = page expect schema Page
                  return length(parsed.text) + length(again.text)
                end
                ```
                """);
        InputStream saved = RunCommand.stdin;
        RunCommand.stdin = new ByteArrayInputStream(("[\"" + "x".repeat(LENGTH) + "\"]").getBytes(StandardCharsets.UTF_8));
        try {
            EmitCommandTest.Run run = EmitCommandTest.lumen("run", doc.toString(), "--stdin", "pages", "--store", dir.toString());
            assertEquals(ExitCodes.OK, run.status(), run.err());
            assertEquals(2 * LENGTH + "\n", run.out());
        } finally {
            RunCommand.stdin = saved;
        }
        EmitCommandTest.Run replay = EmitCommandTest.lumen("replay", "last", "--store", dir.toString());
        assertEquals(ExitCodes.OK, replay.status(), replay.err());
        assertEquals(2 * LENGTH + "\n", replay.out());
    }
}
