package dev.lumen.language.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.language.CheckResult;
import dev.lumen.language.FrontEnd;
import dev.lumen.language.diagnostics.Diagnostic;
import dev.lumen.language.source.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The project a document is checked against: its MCP calls are typed from the manifests its lock file records,
 * and every way of not having one (no lock file, an unreadable one, a damaged entry) is E0048 naming the command
 * that records it. Loading reads files only.
 */
class ProjectLoaderTest {
    private static final String ADDRESS = "stdio:echo-server --loud";
    private static final String MANIFEST = """
            {"name": "echo", "version": "1.0.0", "protocolVersion": "2025-11-25", "tools": [
              {"name": "echo", "title": "Echo", "description": "Echoes", "inputSchema": {"type": "object", "properties": {"message": {"type": "string"}},
               "required": ["message"]}}]}""";

    @TempDir
    Path dir;

    private Path doc;
    private SourceFile file;

    @BeforeEach
    void writeTheDocument() throws IOException {
        Files.createDirectories(dir.resolve(".lumen"));
        doc = Files.writeString(dir.resolve("echo.lm.md"), """
                ```lumen
                use tool mcp "%s" as Echo
                grant Echo.echo

                cell run() -> String
                  return Echo.echo(mesage: "hi").text
                end
                ```
                """.formatted(ADDRESS));
        file = new SourceFile(doc.toString(), Files.readString(doc), doc);
    }

    private void lock(String servers) throws IOException {
        Files.writeString(dir.resolve(".lumen/lock.json"),
                "{\"lumen_lock\": 1, \"tools\": {}, \"mcp_servers\": {" + servers + "}}");
    }

    private List<Diagnostic> check() {
        return FrontEnd.check(file, ProjectLoader.load(doc, Map.of())).diagnostics();
    }

    private static void assertUnlocked(List<Diagnostic> diagnostics, String note) {
        assertEquals(1, diagnostics.size(), diagnostics.toString());
        Diagnostic d = diagnostics.getFirst();
        assertEquals("E0048", d.code().id());
        assertEquals("the MCP server \"" + ADDRESS + "\" is not in the lock file", d.message());
        assertTrue(d.notes().getFirst().startsWith(note), d.notes().toString());
    }

    @Test
    void withoutALockFileTheServerIsAnErrorNamingTheLockCommand() {
        List<Diagnostic> diagnostics = check();
        assertUnlocked(diagnostics, "there is no lock file (" + dir.resolve(".lumen/lock.json") + ")");
        assertEquals(List.of("run `lumen lock " + doc + "` to start the server and record its tools"),
                diagnostics.getFirst().helps());
    }

    @Test
    void aLockFileThatRecordsAnotherServerDoesNotTypeThisOne() throws IOException {
        lock("\"stdio:other\": " + MANIFEST);
        assertUnlocked(check(), "the lock file records no manifest for this server");
    }

    @Test
    void aDamagedEntryOrLockFileIsSaidAsSuch() throws IOException {
        lock("\"" + ADDRESS + "\": {\"name\": 7}");
        assertUnlocked(check(), "its entry in the lock file cannot be used: MCP server manifest: `name` must be a string");
        Files.writeString(dir.resolve(".lumen/lock.json"), "{ not json");
        assertUnlocked(check(), dir.resolve(".lumen/lock.json") + ": the lock file is not valid JSON");
    }

    @Test
    void theRecordedManifestTypesTheCalls() throws IOException {
        lock("\"" + ADDRESS + "\": " + MANIFEST);
        List<Diagnostic> diagnostics = check();
        assertEquals(1, diagnostics.size(), diagnostics.toString());
        assertEquals("E0018", diagnostics.getFirst().code().id());
        assertTrue(diagnostics.getFirst().helps().contains("did you mean `message`?"), diagnostics.toString());
    }

    @Test
    void aDocumentThatIsNotAFileHasNoLockFileAndItsCallsAreUntyped() {
        CheckResult result = FrontEnd.check(new SourceFile("echo.lm.md", file.text()));
        assertEquals(List.of(), result.diagnostics().stream().filter(d -> d.code().id().startsWith("E004")).toList());
    }

    @Test
    void theLockCommandQuotesAPathTheShellWouldSplit() throws IOException {
        Path spaced = Files.writeString(dir.resolve("my doc's.lm.md"), file.text());
        assertEquals("lumen lock '" + dir + "/my doc'\\''s.lm.md'", ProjectLoader.load(spaced, Map.of()).lockCommand());
        assertEquals("lumen lock " + doc, ProjectLoader.load(doc, Map.of()).lockCommand());
    }
}
