package dev.lumen.language.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.language.DefaultStack;
import dev.lumen.language.diagnostics.Diagnostics;
import dev.lumen.language.source.CodeBlock;
import dev.lumen.language.source.CodeLine;
import dev.lumen.language.source.Directive;
import dev.lumen.language.source.LumenDocument;
import dev.lumen.language.source.SourceFile;
import dev.lumen.language.source.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownExtractorTest {

    private static LumenDocument extract(String text) {
        SourceFile file = new SourceFile("t.lm.md", text);
        LumenDocument doc = MarkdownExtractor.extract(file, new Diagnostics());
        // The mapping contract: code column c of a line is Markdown column mdColumnOffset + c on mdLine.
        for (CodeBlock block : doc.blocks()) {
            for (CodeLine line : block.lines()) {
                assertEquals(line.text(), file.line(line.mdLine()).substring(line.mdColumnOffset()),
                        () -> "line " + line.mdLine() + " does not map onto the Markdown");
            }
        }
        return doc;
    }

    private static CodeBlock only(String text) {
        List<CodeBlock> blocks = extract(text).blocks();
        assertEquals(1, blocks.size(), "blocks");
        return blocks.get(0);
    }

    @Test
    void backtickFenceAtTheTopLevel() {
        CodeBlock block = only("# Title\n\n```lumen\nlet x = 1\n  let y = 2\n```\n");
        assertEquals(List.of(new CodeLine("let x = 1", 4, 0), new CodeLine("  let y = 2", 5, 0)), block.lines());
        assertEquals(Span.of(3, 1, 9), block.fence());
    }

    @Test
    void tildeFenceWithExtraInfoWords() {
        CodeBlock block = only("~~~lumen extra words\ncell run()\n~~~\n");
        assertEquals(List.of(new CodeLine("cell run()", 2, 0)), block.lines());
        assertEquals(Span.of(1, 1, 21), block.fence());
    }

    @Test
    void backtickFenceWithExtraInfoWordsCounts() {
        assertEquals(1, extract("```lumen extra words\nx\n```\n").blocks().size());
    }

    @Test
    void onlyBlocksWhoseFirstInfoWordIsLumen() {
        String text = "```python\nprint()\n```\n\n```lumenx\na\n```\n\n```Lumen\nb\n```\n\n```\nc\n```\n\n"
                + "    indented code\n\n```lumen\nd\n```\n";
        List<CodeBlock> blocks = extract(text).blocks();
        assertEquals(1, blocks.size());
        assertEquals("d", blocks.get(0).lines().get(0).text());
    }

    @Test
    void fenceInABlockQuote() {
        CodeBlock block = only("Intro\n\n> ```lumen\n> let x = 1\n>\n>     y\n> ```\n");
        assertEquals(List.of(new CodeLine("let x = 1", 4, 2), new CodeLine("", 5, 1), new CodeLine("    y", 6, 2)),
                block.lines());
        assertEquals(Span.of(3, 3, 11), block.fence());
    }

    @Test
    void fenceInANestedBlockQuote() {
        CodeBlock block = only("> > ```lumen\n> > a\n> > ```\n");
        assertEquals(List.of(new CodeLine("a", 2, 4)), block.lines());
    }

    @Test
    void fenceInAListItem() {
        CodeBlock block = only("- item\n\n  ```lumen\n  code\n\n  more\n  ```\n");
        assertEquals(List.of(new CodeLine("code", 4, 2), new CodeLine("", 5, 0), new CodeLine("more", 6, 2)),
                block.lines());
        assertEquals(Span.of(3, 3, 11), block.fence());
    }

    @Test
    void fenceOpeningAnOrderedListItem() {
        CodeBlock block = only("1. ```lumen\n   x\n   ```\n");
        assertEquals(List.of(new CodeLine("x", 2, 3)), block.lines());
        assertEquals(Span.of(1, 4, 12), block.fence());
    }

    @Test
    void fenceIndentationIsStrippedFromContentLines() {
        CodeBlock block = only("  ```lumen\n code\n    deeper\nflush\n  ```\n");
        assertEquals(List.of(new CodeLine("code", 2, 1), new CodeLine("  deeper", 3, 2), new CodeLine("flush", 4, 0)),
                block.lines());
        assertEquals(Span.of(1, 3, 11), block.fence());
    }

    @Test
    void crlfLineEndings() {
        CodeBlock block = only("Text\r\n\r\n```lumen\r\nlet a = 1\r\n\r\nlet b = 2\r\n```\r\n");
        assertEquals(List.of(new CodeLine("let a = 1", 4, 0), new CodeLine("", 5, 0), new CodeLine("let b = 2", 6, 0)),
                block.lines());
    }

    @Test
    void tabsAreOneColumn() {
        assertEquals(List.of(new CodeLine("\tlet x\t= 1", 2, 0)), only("```lumen\n\tlet x\t= 1\n```\n").lines());
        assertEquals(List.of(new CodeLine("\t\tcode", 2, 1)), only(">\t```lumen\n>\t\tcode\n").lines());
        assertEquals(List.of(new CodeLine("\tcode", 2, 1)), only("- ```lumen\n \tcode\n  ```\n").lines());
    }

    @Test
    void unclosedFenceRunsToTheEndOfTheDocument() {
        CodeBlock block = only("```lumen\na\n\nb\n");
        assertEquals(List.of(new CodeLine("a", 2, 0), new CodeLine("", 3, 0), new CodeLine("b", 4, 0)),
                block.lines());
    }

    @Test
    void unclosedFenceInAQuoteEndsWithTheQuote() {
        LumenDocument doc = extract("> ```lumen\n> a\n\n```lumen\nb\n```\n");
        assertEquals(2, doc.blocks().size());
        assertEquals(List.of(new CodeLine("a", 2, 2)), doc.blocks().get(0).lines());
        assertEquals(List.of(new CodeLine("b", 5, 0)), doc.blocks().get(1).lines());
    }

    @Test
    void emptyBlockAndBlocksInDocumentOrder() {
        LumenDocument doc = extract("```lumen\n```\n\ntext\n\n```lumen\nsecond\n```\n");
        assertEquals(2, doc.blocks().size());
        assertEquals(List.of(), doc.blocks().get(0).lines());
        assertEquals(7, doc.blocks().get(1).lines().get(0).mdLine());
    }

    @Test
    void nulCharactersKeepTheirColumns() {
        assertEquals(List.of(new CodeLine("x\0y", 2, 0)), only("```lumen\nx\0y\n```\n").lines());
    }

    @Test
    void contentStartKeepsPartlyConsumedTabsAsRawText() {
        // CommonMark may give back a partly consumed tab as spaces; the raw tab stays in the code.
        assertEquals(1, FencedLines.contentStart(">\t\tcode", "  \tcode"));
        assertEquals(2, FencedLines.contentStart("> code", "code"));
        assertEquals(3, FencedLines.contentStart("   ", ""));
    }

    @Test
    void directivesAreAtSignLinesOutsideCodeAndHtml() {
        String text = "@lumen 1\n@package  \"acme.tools\"  \n\n# Title\n\nSee foo@bar and\n@cache on\n\n"
                + "> @trace off\n\n```lumenx\n@profile dev\n```\n\n    @lock strict\n\n<div>\n@lock off\n</div>\n\n"
                + "@ spaced\n@1\n@profile test\n";
        List<Directive> directives = extract(text).directives();
        assertEquals(List.of("lumen", "package", "cache", "profile"), directives.stream().map(Directive::name).toList());
        Directive pkg = directives.get(1);
        assertEquals("\"acme.tools\"", pkg.argument());
        assertEquals(Span.of(2, 1, 9), pkg.nameSpan());
        assertEquals(Span.of(2, 11, 23), pkg.argumentSpan());
        assertEquals(23, directives.get(3).nameSpan().line());
    }

    @Test
    void directiveWithoutArgumentHasAnEmptyArgumentSpanAfterItsName() {
        Directive d = extract("@lumen\n").directives().get(0);
        assertEquals("", d.argument());
        assertEquals(Span.of(1, 7, 7), d.argumentSpan());
    }

    @Test
    void linesInsideAnyFenceAreNotDirectives() {
        assertTrue(extract("```lumen\n@cache on\n```\n").directives().isEmpty());
        assertTrue(extract("~~~\n@cache on\n").directives().isEmpty());
    }

    @Test
    void deeplyNestedMarkdownIsWalkedWithoutRecursion() {
        // 100,000 nested block quotes, and inline markup nested as deep: neither is code, and neither may
        // exhaust the stack before the code block after them is found.
        String quotes = ">".repeat(100_000) + " deep\n\n";
        String inline = "*".repeat(100_000) + "a" + "*".repeat(100_000) + " " + "[".repeat(100_000) + "\n\n";
        CodeBlock block = DefaultStack.run(() -> only(quotes + inline + "```lumen\ncell run() -> Int\n```\n"));
        assertEquals(List.of(new CodeLine("cell run() -> Int", 6, 0)), block.lines());
    }

    @Test
    void aCodeBlockInsideDeepBlockQuotesIsFound() {
        String prefix = "> ".repeat(2_000);
        CodeBlock block = DefaultStack.run(() -> only(prefix + "```lumen\n" + prefix + "cell run() -> Int\n" + prefix
                + "```\n"));
        assertEquals(List.of(new CodeLine("cell run() -> Int", 2, prefix.length())), block.lines());
    }
}
