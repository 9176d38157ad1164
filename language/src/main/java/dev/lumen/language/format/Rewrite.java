package dev.lumen.language.format;

import dev.lumen.language.source.CodeBlock;
import dev.lumen.language.source.CodeLine;
import dev.lumen.language.source.SourceFile;
import dev.lumen.language.source.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts laid-out code lines back into the Markdown: each line keeps the container prefix of its block (block quote
 * markers, list indentation, fence indentation), and the block's line terminator; nothing outside the content
 * lines of the changed blocks is touched.
 */
record Rewrite(String text, List<BlockEdit> edits) {

    /** How many ways of finding a block's container prefix there are to try ({@link #prefix}). */
    static final int PREFIXES = 3;

    /**
     * {@code laidOut.get(i)} is block i's new code lines, or null when it does not change; {@code attempt[i]} says
     * which way of finding its container prefix to use, and a block whose attempts are used up stays as it is.
     */
    static Rewrite of(SourceFile file, List<CodeBlock> blocks, List<List<String>> laidOut, int[] attempt) {
        List<BlockEdit> edits = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            List<String> lines = laidOut.get(i);
            CodeBlock block = blocks.get(i);
            if (lines != null && attempt[i] < PREFIXES && !block.lines().isEmpty()) {
                edits.add(edit(file, block.lines(), lines, prefix(file, block, attempt[i])));
            }
        }
        StringBuilder text = new StringBuilder(file.text().length() + 64);
        int at = 0;
        for (BlockEdit e : edits) {
            text.append(file.text(), at, e.start()).append(e.newText());
            at = e.end();
        }
        text.append(file.text(), at, file.text().length());
        return new Rewrite(text.toString(), edits);
    }

    private static BlockEdit edit(SourceFile file, List<CodeLine> old, List<String> lines, String prefix) {
        int first = old.get(0).mdLine();
        int last = old.get(old.size() - 1).mdLine();
        String blankPrefix = prefix.stripTrailing();
        String terminator = terminator(file, first);
        if (terminator.isEmpty()) {
            terminator = documentTerminator(file.text());
        }
        boolean lastTerminated = !terminator(file, last).isEmpty();
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < lines.size(); k++) {
            String line = lines.get(k);
            b.append(line.isEmpty() ? blankPrefix : prefix + line);
            if (k < lines.size() - 1 || lastTerminated) {
                b.append(terminator);
            }
        }
        int start = file.offset(first);
        int end = file.offset(last + 1);
        Span range = lastTerminated
                ? new Span(first, 1, last + 1, 1)
                : new Span(first, 1, last, file.line(last).length() + 1);
        return new BlockEdit(start, end, range, b.toString());
    }

    /**
     * What goes in front of each code line: the block quote markers, list indentation and fence indentation that
     * CommonMark removes. The first way is the longest raw prefix of the block's non-blank lines — CommonMark removes
     * at most the fence's indentation from a line, so that is all of it whenever a line is indented as deep as the
     * fence. The second, for a block whose lines are all indented less than its fence, is what precedes the
     * opening fence, list markers turned into spaces. The third, for a block quote whose lines have no space after
     * their `>`, adds the one space a quote marker takes.
     */
    private static String prefix(SourceFile file, CodeBlock block, int attempt) {
        if (attempt == 1) {
            String fenceLine = file.line(block.fence().line());
            StringBuilder b = new StringBuilder();
            for (char c : fenceLine.substring(0, block.fence().column() - 1).toCharArray()) {
                b.append(c == '>' || c == '\t' ? c : ' ');
            }
            return b.toString();
        }
        String longest = "";
        for (CodeLine l : block.lines()) {
            if (!l.text().isBlank() && l.mdColumnOffset() > longest.length()) {
                longest = file.line(l.mdLine()).substring(0, l.mdColumnOffset());
            }
        }
        return attempt == 2 && longest.endsWith(">") ? longest + " " : longest;
    }

    /** The line terminator of 1-based line {@code line}: "\n", "\r\n", "\r", or "" for a last line without one. */
    private static String terminator(SourceFile file, int line) {
        return file.text().substring(file.offset(line) + file.line(line).length(), file.offset(line + 1));
    }

    /** The document's first line terminator, for a block whose own line has none. */
    private static String documentTerminator(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                return "\n";
            }
            if (c == '\r') {
                return i + 1 < text.length() && text.charAt(i + 1) == '\n' ? "\r\n" : "\r";
            }
        }
        return "\n";
    }
}
