package dev.lumen.language.markdown;

import dev.lumen.language.diagnostics.Diagnostics;
import dev.lumen.language.source.CodeBlock;
import dev.lumen.language.source.Directive;
import dev.lumen.language.source.Heading;
import dev.lumen.language.source.DocumentSettings;
import dev.lumen.language.source.LumenDocument;
import dev.lumen.language.source.SourceFile;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.commonmark.node.Block;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Node;
import org.commonmark.node.SourceSpan;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * The first phase: finds a document's Lumen code blocks and directives with a CommonMark parser, so that
 * what counts as code is exactly what every Markdown renderer shows as a `lumen` block.
 */
public final class MarkdownExtractor {
    /**
     * CommonMark parsers are immutable once built and safe to share between threads. Only blocks matter here
     * (code fences, HTML blocks), so inline content is left unparsed: its parser recurses as deep as emphasis
     * and links nest, and a line of 100,000 `*` would exhaust the stack.
     */
    private static final Parser PARSER = Parser.builder()
            .includeSourceSpans(IncludeSourceSpans.BLOCKS)
            .inlineParserFactory(context -> (lines, block) -> {
            })
            .build();

    private MarkdownExtractor() {
    }

    /** Extracts the document and reports its directive problems (E0010, E0011) to {@code diagnostics}. */
    public static LumenDocument extract(SourceFile file, Diagnostics diagnostics) {
        Node root = PARSER.parse(file.text());
        List<CodeBlock> blocks = new ArrayList<>();
        List<Heading> headings = new ArrayList<>();
        // 0-based indexes of lines inside code or HTML blocks: an `@` there is content, not a directive.
        BitSet verbatim = new BitSet();
        // Blocks in document order, walked without recursion: block quotes and lists nest without limit.
        for (Node node = root; node != null; node = next(node)) {
            switch (node) {
                case FencedCodeBlock block when !block.getSourceSpans().isEmpty() -> {
                    SourceSpan opening = block.getSourceSpans().get(0);
                    int first = opening.getLineIndex();
                    int contentLines = FencedLines.contentLineCount(block);
                    int closing = block.getClosingFenceLength() == null ? 0 : 1;
                    verbatim.set(first, first + 1 + contentLines + closing);
                    if (isLumen(block.getInfo())) {
                        blocks.add(FencedLines.codeBlock(file, block, opening));
                    }
                }
                case org.commonmark.node.Heading heading -> {
                    Heading found = Headings.of(file, heading.getLevel(), heading.getSourceSpans());
                    if (found != null) {
                        headings.add(found);
                    }
                }
                case IndentedCodeBlock block -> markLines(block, verbatim);
                case HtmlBlock block -> markLines(block, verbatim);
                default -> {
                }
            }
        }
        List<Directive> directives = DirectiveScanner.scan(file, verbatim);
        DocumentSettings settings = DirectiveChecker.check(directives, diagnostics);
        return new LumenDocument(file, directives, List.copyOf(blocks), settings, List.copyOf(headings));
    }

    /** The node after {@code node} in document order (its first child, else the next node up the tree), or null. */
    private static Node next(Node node) {
        if (node.getFirstChild() != null) {
            return node.getFirstChild();
        }
        for (Node n = node; n != null; n = n.getParent()) {
            if (n.getNext() != null) {
                return n.getNext();
            }
        }
        return null;
    }

    /** A block is Lumen code when its info string's first word is exactly `lumen`. */
    static boolean isLumen(String info) {
        if (info == null) {
            return false;
        }
        String trimmed = info.strip();
        int end = 0;
        while (end < trimmed.length() && !Character.isWhitespace(trimmed.charAt(end))) {
            end++;
        }
        return trimmed.substring(0, end).equals("lumen");
    }

    /** Marks every line from a block's first span to its last, including blank lines that carry no span. */
    private static void markLines(Block block, BitSet lines) {
        List<SourceSpan> spans = block.getSourceSpans();
        if (!spans.isEmpty()) {
            lines.set(spans.get(0).getLineIndex(), spans.get(spans.size() - 1).getLineIndex() + 1);
        }
    }
}
