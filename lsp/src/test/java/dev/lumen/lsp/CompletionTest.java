package dev.lumen.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.junit.jupiter.api.Test;

/** Completion at the cursor: the candidates, their kinds, and the text edit each makes over what was typed. */
class CompletionTest extends SharedSessionTest {
    private static final String URI = "file:///tmp/completion.lm.md";
    private static final String ITEM = """
            record Item
              name: String
              count: Int
            end

            enum Level
              Low
              High
            end

            """;
    private static List<CompletionItem> complete(Marked doc) {
        return list(doc).getItems();
    }

    private static CompletionList list(Marked doc) {
        return LspSession.await(session.text().completion(new CompletionParams(new TextDocumentIdentifier(URI),
                doc.cursor()))).getRight();
    }

    /** {@code count} cells named {@code score0…}, and a cell {@code run} whose body is {@code body}. */
    private static Marked manyCells(int count, String body) {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < count; i++) {
            code.append("cell score").append(i).append("() -> Int\n  return ").append(i).append("\nend\n\n");
        }
        return session.openCode(URI, code + "cell run() -> Int\n  " + body + "\nend\n");
    }

    private static List<CompletionItem> complete(String code) {
        return complete(session.openCode(URI, code));
    }

    private static List<String> labels(List<CompletionItem> items) {
        return items.stream().map(CompletionItem::getLabel).toList();
    }

    private static CompletionItem item(List<CompletionItem> items, String label) {
        return items.stream().filter(i -> i.getLabel().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError(label + " not in " + labels(items)));
    }

    @Test
    void fieldsAfterADotReplaceThePartTyped() {
        Marked doc = session.openCode(URI, ITEM + """
                cell run(item: Item) -> Int
                  return item.[[co|]]
                end
                """);
        List<CompletionItem> items = complete(doc);
        assertEquals(List.of("count"), labels(items), "only the names that hold what was typed");
        CompletionItem count = item(items, "count");
        assertEquals(CompletionItemKind.Field, count.getKind());
        assertEquals("Int", count.getDetail());
        Range typed = doc.range(0);
        assertEquals(new Range(typed.getStart(), doc.cursor()), count.getTextEdit().getLeft().getRange());
        assertEquals("count", count.getTextEdit().getLeft().getNewText());
    }

    @Test
    void aSmallListIsCompleteAndUnfiltered() {
        CompletionList list = list(session.openCode(URI, ITEM + """
                cell run(item: Item) -> Int
                  return item.|
                end
                """));
        assertFalse(list.isIncomplete());
        assertEquals(List.of("name", "count"), labels(list.getItems()));
    }

    @Test
    void aLongListIsCutToTheBestAndMarkedIncomplete() {
        CompletionList all = list(manyCells(150, "return |"));
        assertTrue(all.isIncomplete(), "more names than the limit: the client must ask again");
        assertEquals(100, all.getItems().size());

        CompletionList typed = list(manyCells(150, "return score14|"));
        assertTrue(typed.isIncomplete(), "names were left out: asking again as the name shrinks finds them");
        // score14 itself and score140…score149 (the same prefix, in the document's order), then the names that
        // hold it as a subsequence: score104, score114, score124, score134.
        List<String> got = labels(typed.getItems());
        assertEquals(List.of("score14", "score140", "score141"), got.subList(0, 3));
        assertEquals(List.of("score104", "score114", "score124", "score134"), got.subList(11, 15));
        assertEquals(15, got.size());
    }

    @Test
    void aPrefixAsTypedRanksBeforeOtherCaseAndBeforeASubsequence() {
        List<String> got = labels(complete(ITEM + """
                cell countAll() -> Int
                  return 1
                end

                cell Counter() -> Int
                  return 2
                end

                cell run(cnt: Int) -> Int
                  let recount = 1
                  return co|
                end
                """));
        // The cell and the intrinsics `count` and `code_at` as typed, the cell of another case, then the local
        // that holds `co`, then a name that has it as a subsequence.
        assertEquals(List.of("countAll", "count", "code_at", "Counter", "recount", "canonical_json"),
                got.subList(0, 6), got.toString());
        assertFalse(got.contains("cnt"), "no `o` after the `c`: " + got);
    }

    @Test
    void recordLiteralFieldsNotYetGiven() {
        List<CompletionItem> items = complete(ITEM + """
                cell run() -> Item
                  return Item { name: "x", |
                end
                """);
        assertEquals(List.of("count"), labels(items));
        assertEquals("count: ", items.getFirst().getTextEdit().getLeft().getNewText());
    }

    @Test
    void enumVariants() {
        List<CompletionItem> items = complete(ITEM + """
                cell run() -> Level
                  return Level.|
                end
                """);
        assertEquals(List.of("Low", "High"), labels(items));
        assertEquals(CompletionItemKind.EnumMember, items.getFirst().getKind());
    }

    @Test
    void aToolsArgumentNamesFromItsManifest() {
        assertEquals(List.of("url", "headers"), labels(complete("""
                use tool http.get as Fetch
                grant Fetch domain "example.com"

                cell run() -> Int
                  let r = Fetch(|
                end
                """)));
    }

    @Test
    void cellsToolsAndIntrinsicsWithTheirSignatures() {
        List<CompletionItem> items = complete("""
                use tool json.parse as Parse
                grant Parse

                cell helper() -> Int
                  return 1
                end

                cell run() -> Int
                  return |
                end
                """);
        assertEquals(CompletionItemKind.Function, item(items, "helper").getKind());
        assertEquals(CompletionItemKind.Module, item(items, "Parse").getKind());
        CompletionItem trim = item(items, "trim");
        assertEquals(CompletionItemKind.Function, trim.getKind());
        assertTrue(trim.getDetail().contains("String"), trim.getDetail());
    }

    @Test
    void directivesOutsideTheFences() {
        Marked doc = Marked.of("@lumen 1\n@ca|\n\n```lumen\ncell run() -> Int\n  return 1\nend\n```\n");
        session.close(URI);
        session.open(URI, doc.text());
        CompletionItem cache = item(complete(doc), "@cache");
        assertEquals(CompletionItemKind.Keyword, cache.getKind());
        var edit = cache.getTextEdit().getLeft();
        String line = "@ca";
        String edited = line.substring(0, edit.getRange().getStart().getCharacter()) + edit.getNewText()
                + line.substring(edit.getRange().getEnd().getCharacter());
        assertTrue(edited.startsWith("@cache"), edited);
        assertTrue(!edited.startsWith("@@"), edited);
    }

    @Test
    void grantClauseKeywords() {
        List<CompletionItem> items = complete("""
                use tool http.get as Fetch
                grant Fetch domain "example.com" |
                """);
        assertEquals(List.of("domain", "timeout_ms", "rate_limit", "max_response_bytes", "redact"), labels(items));
        assertEquals(CompletionItemKind.Keyword, items.getFirst().getKind());
    }
}
