package dev.lumen.lsp.feature;

import dev.lumen.language.format.BlockEdit;
import dev.lumen.language.format.FormatResult;
import dev.lumen.language.format.Formatter;
import dev.lumen.lsp.protocol.Ranges;
import dev.lumen.lsp.text.OpenDocument;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.TextEdit;

/**
 * {@code textDocument/formatting} and {@code textDocument/rangeFormatting} with {@code lumen fmt}'s formatter
 * ({@link Formatter}): one text edit per changed block, narrowed to the lines that change. A range formats the
 * whole blocks it touches. A document with syntax errors gets no edits (its diagnostics say why), as
 * {@code lumen fmt} leaves such a file alone.
 */
public final class FormattingFeature {

    public void register(ServerCapabilities capabilities) {
        capabilities.setDocumentFormattingProvider(true);
        capabilities.setDocumentRangeFormattingProvider(true);
    }

    /** The edits that format the whole document. */
    public List<TextEdit> format(OpenDocument document) {
        return format(document, null);
    }

    /** The edits that format the blocks {@code range} touches (every block when it is null). */
    public List<TextEdit> format(OpenDocument document, Range range) {
        List<TextEdit> edits = new ArrayList<>();
        if (!(Formatter.format(document.source()) instanceof FormatResult.Formatted formatted)) {
            return edits;
        }
        for (BlockEdit block : formatted.edits()) {
            TextEdit edit = narrowed(document, block);
            if (range == null || touches(range, document, block)) {
                edits.add(edit);
            }
        }
        return edits;
    }

    private static boolean touches(Range range, OpenDocument lines, BlockEdit block) {
        Range blockRange = new Range(lines.position(block.start()), lines.position(block.end()));
        return Ranges.compare(range.getStart(), blockRange.getEnd()) <= 0
                && Ranges.compare(blockRange.getStart(), range.getEnd()) <= 0;
    }

    /** {@code block}'s edit without the whole lines its start and its end keep as they are. */
    private static TextEdit narrowed(OpenDocument lines, BlockEdit block) {
        String old = lines.text().substring(block.start(), block.end());
        String replacement = block.newText();
        int prefix = commonLinePrefix(old, replacement);
        int suffix = commonLineSuffix(old.substring(prefix), replacement.substring(prefix));
        int from = block.start() + prefix;
        int to = block.end() - suffix;
        return new TextEdit(new Range(lines.position(from), lines.position(to)),
                replacement.substring(prefix, replacement.length() - suffix));
    }

    /** The length of the whole lines (terminators included) {@code a} and {@code b} start with. */
    private static int commonLinePrefix(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int kept = 0;
        for (int i = 0; i < n && a.charAt(i) == b.charAt(i); i++) {
            if (a.charAt(i) == '\n') {
                kept = i + 1;
            }
        }
        return kept;
    }

    /** The length of the whole lines {@code a} and {@code b} end with (each ending in a line terminator). */
    private static int commonLineSuffix(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int kept = 0;
        for (int i = 1; i <= n && a.charAt(a.length() - i) == b.charAt(b.length() - i); i++) {
            if (lineStartsAt(a, a.length() - i) && lineStartsAt(b, b.length() - i)) {
                kept = i;
            }
        }
        return kept;
    }

    private static boolean lineStartsAt(String s, int offset) {
        return offset == 0 || s.charAt(offset - 1) == '\n';
    }
}
