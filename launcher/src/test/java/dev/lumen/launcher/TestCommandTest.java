package dev.lumen.launcher;

import static dev.lumen.launcher.EmitCommandTest.lumen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** `lumen test` (lumen-v1.md §16.6): its report, its exit status, its JSON and JUnit XML, its filter. */
class TestCommandTest {
    private static final String PASSING = """
            # Sums

            ```lumen
            cell add(a: Int, b: Int) -> Int
              return a + b
            end

            cell pick(xs: list[Int], i: Int) -> Int
              return xs[i]
            end

            test "adds"
              let total = add(1, 1)
              assert total == 2
            end

            test "refuses nothing"
              expect_error runtime pick([1], 5)
            end
            ```
            """;

    private static final String FAILING = """
            # Shouting

            ```lumen
            use tool fs.read as Read
            grant Read path "."

            cell shout(path: String) -> String
              return upper(Read(path: path))
            end

            test "shouts the fixture"
              given Read returns "hello"
              assert shout("./x.txt") == "HELLO"
            end

            test "counts wrong"
              let total = 1 + 1
              assert total == 3, "arithmetic"
            end

            test "reads no file"
              assert shout("./x.txt") == "X"
            end
            ```
            """;

    @TempDir
    Path dir;

    private Path passing;
    private Path failing;

    @BeforeEach
    void writeDocuments() throws IOException {
        Files.createDirectories(dir.resolve("docs/.lumen"));
        passing = Files.writeString(dir.resolve("docs/sums.lm.md"), PASSING);
        failing = Files.writeString(dir.resolve("docs/shout.lm.md"), FAILING);
        Files.writeString(dir.resolve("docs/x.txt"), "from the disk");
        // a document in a hidden folder is not searched
        Files.writeString(dir.resolve("docs/.lumen/hidden.lm.md"), FAILING);
    }

    @Test
    void passingTestsExitZeroWithOneLinePerTestAndASummary() {
        EmitCommandTest.Run run = lumen("test", passing.toString(), "--color", "never");
        assertEquals(ExitCodes.OK, run.status(), run.out() + run.err());
        assertEquals("ok     adds (" + passing + ":12)\n"
                + "ok     refuses nothing (" + passing + ":17)\n"
                + "2 passed, 0 failed\n", run.out());
    }

    @Test
    void aFailureExitsOneAndShowsTheOperandsAndWhereItStopped() {
        EmitCommandTest.Run run = lumen("test", failing.toString(), "--color", "never");
        assertEquals(ExitCodes.ERRORS, run.status(), run.out() + run.err());
        assertEquals("ok     shouts the fixture (" + failing + ":11)\n"
                + "FAILED counts wrong (" + failing + ":16)\n"
                + "    assert total == 3 failed: arithmetic\n"
                + "      total was 2\n"
                + "    --> " + failing + ":18:3\n"
                + "FAILED reads no file (" + failing + ":21)\n"
                + "    tests never call real tools, and this test has no fixture for `Read` (fs.read): add "
                + "`given Read returns …` to the test\n"
                + "    --> " + failing + ":8:16\n"
                + "1 passed, 2 failed\n", run.out());
        assertFalse(run.out().contains("FROM THE DISK"), "the file was read");
    }

    @Test
    void aFolderIsSearchedAndTheJsonReportParses() throws IOException {
        EmitCommandTest.Run run = lumen("test", dir.resolve("docs").toString(), "--format", "json");
        assertEquals(ExitCodes.ERRORS, run.status(), run.err());
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertEquals(3, report.get("passed").asInt());
        assertEquals(2, report.get("failed").asInt());
        List<String> tests = new ArrayList<>();
        report.get("tests").forEach(t -> tests.add(t.get("name").asText() + " " + t.get("outcome").asText()
                + " " + Path.of(t.get("document").asText()).getFileName() + ":" + t.get("line").asInt()));
        assertEquals(List.of("shouts the fixture passed shout.lm.md:11", "counts wrong failed shout.lm.md:16",
                "reads no file failed shout.lm.md:21", "adds passed sums.lm.md:12",
                "refuses nothing passed sums.lm.md:17"), tests, "documents sorted, hidden folders left out");
        assertEquals("assert total == 3 failed: arithmetic\n  total was 2",
                report.get("tests").get(1).get("message").asText());
    }

    @Test
    void theJunitReportParsesBackWithTheFailures() throws Exception {
        Path xml = dir.resolve("junit.xml");
        EmitCommandTest.Run run = lumen("test", passing.toString(), failing.toString(), "--junit", xml.toString());
        assertEquals(ExitCodes.ERRORS, run.status(), run.err());
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        NodeList suites = doc.getElementsByTagName("testsuite");
        assertEquals(2, suites.getLength());
        Element shout = (Element) suites.item(1);
        assertEquals(failing.toString(), shout.getAttribute("name"));
        assertEquals("3", shout.getAttribute("tests"));
        assertEquals("2", shout.getAttribute("failures"));
        Element counts = (Element) shout.getElementsByTagName("testcase").item(1);
        assertEquals("counts wrong", counts.getAttribute("name"));
        Element failure = (Element) counts.getElementsByTagName("failure").item(0);
        assertEquals("assert total == 3 failed: arithmetic", failure.getAttribute("message"));
        assertTrue(failure.getTextContent().contains("total was 2"), failure.getTextContent());
        assertEquals(0, ((Element) suites.item(0)).getElementsByTagName("failure").getLength());
    }

    @Test
    void theFilterRunsOnlyTheTestsWhoseNameHoldsIt() {
        EmitCommandTest.Run run = lumen("test", passing.toString(), failing.toString(), "--filter", "shout",
                "--color", "never");
        assertEquals(ExitCodes.OK, run.status(), run.out() + run.err());
        assertEquals("ok     shouts the fixture (" + failing + ":11)\n1 passed, 0 failed\n", run.out());
    }

    @Test
    void noTestAtAllIsAFailure() {
        EmitCommandTest.Run run = lumen("test", passing.toString(), "--filter", "nothing like it");
        assertEquals(ExitCodes.ERRORS, run.status());
        assertEquals("0 passed, 0 failed\n", run.out());
        assertEquals("error: no tests found whose name contains `nothing like it` in `" + passing + "`\n", run.err());
    }

    @Test
    void aFolderWithoutDocumentsIsAFailure() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        EmitCommandTest.Run run = lumen("test", empty.toString());
        assertEquals(ExitCodes.ERRORS, run.status());
        assertEquals("error: no `.lm.md` documents in " + empty + "\n", run.err());
    }

    @Test
    void aTestWithoutAssertStopsItsDocumentWithTheDiagnostic() throws IOException {
        Path doc = Files.writeString(dir.resolve("empty.lm.md"), """
                ```lumen
                test "does nothing"
                  let _x = 1
                end
                ```
                """);
        EmitCommandTest.Run run = lumen("test", doc.toString(), "--color", "never");
        assertEquals(ExitCodes.ERRORS, run.status());
        assertEquals("0 passed, 0 failed, 1 document with errors\n", run.out());
        assertTrue(run.err().startsWith("error[E0055]: test \"does nothing\" has no `assert`\n --> " + doc + ":2:1\n"),
                run.err());
    }

    @Test
    void aModelsReplyIsAFixtureAndNoModelIsAsked() throws IOException {
        Path doc = Files.writeString(dir.resolve("extract.lm.md"), """
                ```lumen
                record Item
                  name: String where length(name) >= 1
                  qty:  Int    where qty > 0
                end

                use tool llm.chat as Chat
                grant Chat model "claude-sonnet-4-20250514" max_tokens 200

                cell extract(text: String) -> result[Item, ValidationError]
                  let reply = Chat(
                    role user:
                      Extract the item from: {text}
                    end
                  )
                  return validate(schema Item, reply)
                end

                cell quantity(text: String) -> Int
                  match extract(text)
                    ok(item) -> return item.qty
                    err(e) -> halt("invalid: " + e.message)
                  end
                end

                test "a reply that fits"
                  given Chat returns "{\\"name\\": \\"bolt\\", \\"qty\\": 3}"
                  assert quantity("3 bolts") == 3
                end

                test "a reply that does not fit"
                  given Chat returns "{\\"name\\": \\"bolt\\", \\"qty\\": 0}"
                  expect_error halt quantity("no bolts")
                end
                ```
                """);
        EmitCommandTest.Run run = lumen("test", doc.toString(), "--color", "never");
        assertEquals(ExitCodes.OK, run.status(), run.out() + run.err());
        assertEquals("ok     a reply that fits (" + doc + ":26)\n"
                + "ok     a reply that does not fit (" + doc + ":31)\n"
                + "2 passed, 0 failed\n", run.out());
        assertFalse(Files.exists(dir.resolve(".lumen/trace")), "a test writes no trace");
    }

    @Test
    void runDoesNotRunATest() {
        EmitCommandTest.Run run = lumen("run", passing.toString(), "--cell", "test$12");
        assertEquals(ExitCodes.USAGE, run.status());
        assertTrue(run.err().contains("`test$12` is the cell of a test: tests are run by `lumen test`"), run.err());
        assertTrue(run.err().contains("runnable cells: add, pick"), run.err());
    }
}
