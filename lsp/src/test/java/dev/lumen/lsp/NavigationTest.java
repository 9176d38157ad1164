package dev.lumen.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DocumentHighlight;
import org.eclipse.lsp4j.DocumentHighlightKind;
import org.eclipse.lsp4j.DocumentHighlightParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.PrepareRenameParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ReferenceContext;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.junit.jupiter.api.Test;

/**
 * Definition, references, highlights and rename. Each document marks every occurrence of one symbol with
 * {@code [[…]]}, its declaration first, and puts the cursor on a use: definition answers the first range,
 * references and highlights all of them (the declaration a write), rename edits all of them.
 */
class NavigationTest extends SharedSessionTest {
    private static final String URI = "file:///tmp/navigation.lm.md";
    private static Marked open(String code) {
        return session.openCode(URI, code);
    }

    /** Every request agrees on the marked occurrences; {@code newName} replaces each of them. */
    private static void navigates(String code, String newName) {
        Marked doc = open(code);
        var id = new TextDocumentIdentifier(URI);
        var definition = LspSession.await(session.text().definition(new DefinitionParams(id, doc.cursor())));
        assertEquals(List.of(new Location(URI, doc.range(0))), definition.getLeft(), "definition");
        var all = LspSession.await(session.text().references(new ReferenceParams(id, doc.cursor(),
                new ReferenceContext(true))));
        assertEquals(doc.ranges(), all.stream().map(Location::getRange).toList(), "references");
        var uses = LspSession.await(session.text().references(new ReferenceParams(id, doc.cursor(),
                new ReferenceContext(false))));
        assertEquals(doc.ranges().subList(1, doc.ranges().size()), uses.stream().map(Location::getRange).toList(),
                "references without the declaration");
        List<DocumentHighlight> expected = new ArrayList<>();
        for (int i = 0; i < doc.ranges().size(); i++) {
            expected.add(new DocumentHighlight(doc.range(i), i == 0 ? DocumentHighlightKind.Write
                    : DocumentHighlightKind.Read));
        }
        assertEquals(expected, LspSession.await(session.text().documentHighlight(
                new DocumentHighlightParams(id, doc.cursor()))), "highlights");
        var prepared = LspSession.await(session.text().prepareRename(new PrepareRenameParams(id, doc.cursor())));
        assertTrue(doc.ranges().contains(prepared.getFirst()), "the name at the cursor: " + prepared);
        var edit = LspSession.await(session.text().rename(new RenameParams(id, doc.cursor(), newName)));
        assertEquals(doc.ranges().stream().map(r -> new TextEdit(r, newName)).toList(),
                edit.getChanges().get(URI).stream().sorted((a, b) -> compare(a.getRange(), b.getRange())).toList(),
                "rename");
    }

    private static int compare(Range a, Range b) {
        return dev.lumen.lsp.protocol.Ranges.compare(a.getStart(), b.getStart());
    }

    @Test
    void cells() {
        navigates("""
                cell [[scale]](n: Int) -> Int
                  return n * 2
                end

                cell run() -> Int
                  return [[sc|ale]](3) + [[scale]](4)
                end
                """, "grow");
    }

    @Test
    void recordsAndTheirFields() {
        navigates("""
                record [[Item]]
                  count: Int
                end

                cell make() -> [[It|em]]
                  return [[Item]] { count: 1 }
                end
                """, "Thing");
        navigates("""
                record Item
                  [[count]]: Int
                end

                cell total(item: Item) -> Int
                  return item.[[cou|nt]] + 1
                end
                """, "amount");
    }

    @Test
    void enumsAndTheirVariants() {
        navigates("""
                enum [[Level]]
                  Low
                  High
                end

                cell pick() -> [[Level]]
                  return [[Le|vel]].Low
                end
                """, "Grade");
        navigates("""
                enum Level
                  [[Low]]
                  High
                end

                cell pick() -> Level
                  return Level.[[L|ow]]
                end
                """, "Bottom");
    }

    @Test
    void letBindingsAndParameters() {
        navigates("""
                cell run() -> Int
                  let [[total]] = 1
                  return [[tot|al]] + [[total]]
                end
                """, "sum");
        navigates("""
                cell twice([[n]]: Int) -> Int
                  return [[n]] + [[|n]]
                end
                """, "m");
    }

    @Test
    void toolAliases() {
        navigates("""
                use tool json.parse as [[Parse]]
                grant [[Parse]]

                cell run(text: String) -> Int
                  let value = [[Par|se]](text: text)
                  return 1
                end
                """, "Read");
    }

    @Test
    void aRenameTheFrontEndRefusesIsAnErrorTheClientShows() throws Exception {
        Marked doc = open("""
                cell run(text: String) -> Int
                  return len|gth(text)
                end
                """);
        var id = new TextDocumentIdentifier(URI);
        for (var answer : List.of(session.text().prepareRename(new PrepareRenameParams(id, doc.cursor())),
                session.text().rename(new RenameParams(id, doc.cursor(), "size")))) {
            try {
                answer.get(LspSession.PATIENCE.toSeconds(), TimeUnit.SECONDS);
                throw new AssertionError("renamed a built-in");
            } catch (ExecutionException e) {
                var error = ((ResponseErrorException) e.getCause()).getResponseError();
                assertEquals(ResponseErrorCode.RequestFailed.getValue(), error.getCode());
                assertTrue(error.getMessage().contains("length"), error.getMessage());
            }
        }
    }

    @Test
    void aNameThatIsNotDeclaredHasNoDefinition() {
        Marked doc = open("""
                cell run() -> Int
                  return nop|e
                end
                """);
        var id = new TextDocumentIdentifier(URI);
        assertEquals(List.of(), LspSession.await(session.text().definition(new DefinitionParams(id, doc.cursor())))
                .getLeft());
        assertEquals(List.of(), LspSession.await(session.text().references(new ReferenceParams(id, doc.cursor(),
                new ReferenceContext(true)))));
    }
}
