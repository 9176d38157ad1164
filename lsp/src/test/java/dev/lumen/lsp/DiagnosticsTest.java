package dev.lumen.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.DiagnosticTag;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.FileChangeType;
import org.eclipse.lsp4j.FileEvent;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Diagnostics pushed as the document is opened and edited: the model of `lumen check`, in LSP's terms. */
class DiagnosticsTest {
    @TempDir
    Path dir;

    private static final String CATALOGUE = LspSession.ROOT.resolve("docs/spec/diagnostics.md").toUri().toString();

    @Test
    void anErrorHasItsCodeRangeMessageHelpAndLink() {
        Marked doc = Marked.of("""
                # Areas

                ```lumen
                cell area(width: Int, height: Int) -> Int
                  return width * [[heigth]]
                end
                ```
                """);
        try (LspSession session = LspSession.start()) {
            PublishDiagnosticsParams published = session.open("file:///tmp/area.lm.md", doc.text());
            assertEquals(1, published.getVersion());
            Diagnostic d = only(published);
            assertEquals(doc.range(0), d.getRange());
            assertEquals(DiagnosticSeverity.Error, d.getSeverity());
            assertEquals("E0013", d.getCode().getLeft());
            assertEquals("lumen", d.getSource());
            assertEquals("cannot find `heigth` in this scope\nnot found in this scope", d.getMessage().getLeft());
            assertEquals(List.of("help: did you mean `height`?"), related(d));
            assertEquals(doc.range(0), d.getRelatedInformation().getFirst().getLocation().getRange());
            assertEquals(CATALOGUE + "#e0013--unknown-name", d.getCodeDescription().getHref());
        }
    }

    @Test
    void aWarningIsAWarningAndMarksUnnecessaryCode() {
        Marked doc = Marked.of("""
                ```lumen
                cell answer() -> Int
                  let [[unused]] = 1
                  return 42
                end
                ```
                """);
        try (LspSession session = LspSession.start()) {
            Diagnostic d = only(session.open("file:///tmp/w.lm.md", doc.text()));
            assertEquals(DiagnosticSeverity.Warning, d.getSeverity());
            assertEquals("W0002", d.getCode().getLeft());
            assertEquals(doc.range(0), d.getRange());
            assertEquals(List.of(DiagnosticTag.Unnecessary), d.getTags());
        }
    }

    @Test
    void columnsCountUtf16CodeUnitsAfterNonAsciiText() {
        // `é` is one UTF-16 unit and one code point; `🦀` is two units and one code point.
        Marked doc = Marked.of("""
                ```lumen
                cell f() -> String
                  return "é🦀" + [[nope]]
                end
                ```
                """);
        try (LspSession session = LspSession.start()) {
            Diagnostic d = only(session.open("file:///tmp/u.lm.md", doc.text()));
            assertEquals(new Range(new Position(2, 17), new Position(2, 21)), d.getRange());
            assertEquals(doc.range(0), d.getRange());
        }
    }

    @Test
    void anEditUpdatesTheDiagnosticsOfItsVersion() {
        Marked doc = Marked.of("""
                ```lumen
                cell area(width: Int, height: Int) -> Int
                  return width * heigh|t
                end
                ```
                """);
        String uri = "file:///tmp/edit.lm.md";
        try (LspSession session = LspSession.start()) {
            assertEquals(List.of(), session.open(uri, doc.text()).getDiagnostics());
            // Typing one character makes the name unknown; deleting it again makes it right.
            Position at = doc.cursor();
            PublishDiagnosticsParams typed = session.change(uri, new Range(at, at), "x");
            assertEquals(2, typed.getVersion());
            assertEquals("E0013", only(typed).getCode().getLeft());
            assertEquals(new Range(new Position(2, 17), new Position(2, 24)), only(typed).getRange());
            Position after = new Position(at.getLine(), at.getCharacter() + 1);
            assertEquals(List.of(), session.change(uri, new Range(at, after), "").getDiagnostics());
        }
    }

    /** Edits faster than checks: no version's diagnostics come after a newer one's, and the last one's come. */
    @Test
    void aBurstOfEditsPublishesInOrderEndingWithTheLastVersion() {
        String uri = "file:///tmp/burst.lm.md";
        try (LspSession session = LspSession.start()) {
            session.open(uri, "```lumen\ncell f() -> Int\n  return 1\nend\n```\n");
            int last = 0;
            for (int i = 0; i < 30; i++) {
                Position at = new Position(2, 10 + i);
                last = session.changeWithoutWaiting(uri, new Range(at, at), i % 2 == 0 ? " " : "1");
            }
            assertEquals(last, session.diagnostics(uri, last).getVersion());
            List<Integer> versions = session.publishedVersions(uri);
            for (int i = 1; i < versions.size(); i++) {
                assertTrue(versions.get(i) > versions.get(i - 1), "published out of order: " + versions);
            }
        }
    }

    @Test
    void closingADocumentClearsItsDiagnostics() {
        String uri = "file:///tmp/closed.lm.md";
        try (LspSession session = LspSession.start()) {
            session.open(uri, "```lumen\ncell f() -> Int\n  return x\nend\n```\n");
            session.close(uri);
            assertEquals(List.of(), session.cleared(uri).getDiagnostics());
        }
    }

    @Test
    void aClientWithoutRelatedInformationGetsNotesAndHelpsInTheMessage() {
        try (LspSession session = LspSession.start(LspSession.settings(
                dev.lumen.lsp.run.LumenExecutable.script(Path.of("/bin/false")), java.time.Duration.ofSeconds(5), 100),
                LspSession.capabilities(false))) {
            Diagnostic d = only(session.open("file:///tmp/plain.lm.md",
                    "```lumen\ncell area(width: Int, height: Int) -> Int\n  return width * heigth\nend\n```\n"));
            assertEquals("cannot find `heigth` in this scope\nnot found in this scope\nhelp: did you mean `height`?",
                    d.getMessage().getLeft());
            assertNull(d.getRelatedInformation());
        }
    }

    @Test
    void secondaryLabelsPointWhereTheyAre() {
        Marked doc = Marked.of("""
                ```lumen
                cell [[twice]]() -> Int
                  return 1
                end

                cell [[twice]]() -> Int
                  return 2
                end
                ```
                """);
        try (LspSession session = LspSession.start()) {
            Diagnostic d = only(session.open("file:///tmp/dup.lm.md", doc.text()));
            assertEquals("E0016", d.getCode().getLeft());
            assertEquals(doc.range(1), d.getRange());
            assertEquals(doc.range(0), d.getRelatedInformation().getFirst().getLocation().getRange());
        }
    }

    /** A lock file written while the document is open (a `lumen lock` run) is read at the next edit. */
    @Test
    void aLockFileWrittenMeanwhileIsReadAtTheNextEditOrWhenTheClientSaysFilesChanged() throws Exception {
        Files.createDirectories(dir.resolve(".lumen"));
        Path file = dir.resolve("relock.lm.md");
        String text = "```lumen\nuse tool mcp \"stdio:memory\" as Memory\ngrant Memory.read_graph\n```\n";
        Files.writeString(file, text);
        Path lock = dir.resolve(".lumen/lock.json");
        try (LspSession session = LspSession.start()) {
            String uri = file.toUri().toString();
            assertEquals("note: there is no lock file (" + lock + ")", related(only(session.open(uri, text))).getFirst());
            Files.writeString(lock, "{ not json");
            Position end = new Position(4, 0);
            String note = related(only(session.change(uri, new Range(end, end), "\n"))).getFirst();
            assertTrue(note.startsWith("note: " + lock + ": the lock file is not valid JSON"), note);
            Files.writeString(lock, "{\"lumen_lock\": 1, \"tools\": {}, \"mcp_servers\": {}}");
            session.server().getWorkspaceService().didChangeWatchedFiles(new DidChangeWatchedFilesParams(List.of(
                    new FileEvent(lock.toUri().toString(), FileChangeType.Changed))));
            long deadline = System.nanoTime() + LspSession.PATIENCE.toNanos();
            while (session.publishedVersions(uri).stream().filter(v -> v == 2).count() < 2) {
                assertTrue(System.nanoTime() < deadline, "not re-checked: " + session.publishedVersions(uri));
                Thread.sleep(10);
            }
        }
    }

    /** The project layer reads the lock file: an MCP server it does not record is E0048, naming `lumen lock`. */
    @Test
    void anUnlockedMcpServerIsAnErrorWhoseHelpNamesTheLockCommand() throws IOException {
        Files.createDirectories(dir.resolve(".lumen"));
        Path file = dir.resolve("m.lm.md");
        Marked doc = Marked.of("""
                ```lumen
                use tool mcp [["stdio:npx -y @modelcontextprotocol/server-memory"]] as Memory
                grant Memory.read_graph
                ```
                """);
        Files.writeString(file, doc.text());
        try (LspSession session = LspSession.start()) {
            Diagnostic d = only(session.open(file, doc.text()));
            assertEquals("E0048", d.getCode().getLeft());
            assertEquals(doc.range(0), d.getRange());
            assertTrue(d.getMessage().getLeft().startsWith(
                    "the MCP server \"stdio:npx -y @modelcontextprotocol/server-memory\" is not in the lock file"),
                    d.getMessage().getLeft());
            assertEquals(List.of("note: there is no lock file (" + dir.resolve(".lumen/lock.json") + ")",
                    "help: run `lumen lock " + file + "` to start the server and record its tools"), related(d));
            assertEquals(CATALOGUE + "#e0048--tool-or-mcp-server-does-not-match-the-lock-file",
                    d.getCodeDescription().getHref());
        }
    }

    @Test
    void aDocumentThatIsNotAFileIsCheckedWithoutAProject() {
        try (LspSession session = LspSession.start()) {
            Diagnostic d = only(session.open("untitled:Untitled-1",
                    "```lumen\ncell f() -> Int\n  return nope\nend\n```\n"));
            assertEquals("E0013", d.getCode().getLeft());
        }
    }

    static Diagnostic only(PublishDiagnosticsParams published) {
        assertEquals(1, published.getDiagnostics().size(), published.getDiagnostics().toString());
        return published.getDiagnostics().getFirst();
    }

    static List<String> related(Diagnostic d) {
        return d.getRelatedInformation().stream().map(r -> r.getMessage()).toList();
    }
}
