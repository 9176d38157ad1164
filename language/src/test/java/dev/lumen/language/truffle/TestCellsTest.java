package dev.lumen.language.truffle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cells of `test` blocks as an evaluated document holds them (lir-v1.md §2.2): internal members, not
 * runnable cells; and the fixtures of option {@code lumen.Fixtures}, which answer tool calls in their stead.
 */
class TestCellsTest {
    private static final String DOCUMENT = """
            ```lumen
            use tool fs.read as Read
            grant Read path "."

            cell shout(path: String) -> String
              return upper(Read(path: path))
            end

            test "shouts"
              assert shout("./notes.txt") == "HELLO"
            end
            ```
            """;
    /** The cell of the test, whose `test` is on Markdown line 9. */
    private static final String TEST_CELL = "test$9";

    @TempDir
    Path folder;

    private Value eval(Context context) throws IOException {
        Path document = Files.writeString(folder.resolve("t.lm.md"), DOCUMENT);
        Files.writeString(folder.resolve("notes.txt"), "from the disk");
        return context.eval(Source.newBuilder(LumenLanguage.ID, document.toFile()).build());
    }

    private static Context context(String fixtures) {
        Context.Builder b = Context.newBuilder(LumenLanguage.ID).option("engine.WarnInterpreterOnly", "false");
        return fixtures == null ? b.build() : b.option("lumen.Fixtures", fixtures).build();
    }

    @Test
    void aTestCellIsAnInternalMemberOnly() throws IOException {
        try (Context context = context(null)) {
            Value module = eval(context);
            assertEquals(Set.of("shout"), module.getMemberKeys());
            assertTrue(module.hasMember(TEST_CELL));
            assertTrue(module.getMember(TEST_CELL).canExecute());
        }
    }

    @Test
    void aFixtureAnswersTheToolCall() throws IOException {
        try (Context context = context("{\"Read\": [\"hello\"]}")) {
            assertTrue(eval(context).getMember(TEST_CELL).execute().isNull());
        }
    }

    @Test
    void aFailedAssertionShowsItsOperands() throws IOException {
        try (Context context = context("{\"Read\": [\"goodbye\"]}")) {
            Value test = eval(context).getMember(TEST_CELL);
            PolyglotException e = assertThrows(PolyglotException.class, test::execute);
            assertEquals("assert shout(\"./notes.txt\") == \"HELLO\" failed\n  shout(\"./notes.txt\") was \"GOODBYE\"",
                    e.getMessage());
            assertEquals("halt", e.getGuestObject().getMember("kind").asString());
        }
    }

    @Test
    void aToolWithNoFixtureIsNeverCalled() throws IOException {
        try (Context context = context("{}")) {
            Value test = eval(context).getMember(TEST_CELL);
            PolyglotException e = assertThrows(PolyglotException.class, test::execute);
            assertEquals("tool", e.getGuestObject().getMember("kind").asString());
            assertTrue(e.getMessage().contains("no fixture for `Read` (fs.read): add `given Read returns …`"),
                    e.getMessage());
            assertFalse(e.getMessage().contains("from the disk"), e.getMessage());
        }
    }

    @Test
    void withoutFixturesTheToolIsCalledAsInARun() throws IOException {
        try (Context context = context(null)) {
            Value test = eval(context).getMember(TEST_CELL);
            PolyglotException e = assertThrows(PolyglotException.class, test::execute);
            assertTrue(e.getMessage().contains("\"FROM THE DISK\""), e.getMessage());
        }
    }
}
