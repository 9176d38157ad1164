package dev.lumen.language.format;

import dev.lumen.language.source.CodeBlock;
import dev.lumen.language.source.CodeLine;
import dev.lumen.language.source.SourceFile;
import dev.lumen.language.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Puts laid-out code lines back into the Markdown: each line keeps the container prefix of its block (block quote
 * markers, list indentation, fence indentation), and the block's line terminator; nothing outside the content
 * lines of the changed blocks is touched.
 */
record Rewrite(String text, List<BlockEdit> edits) {

    /** {@code laidOut.get(i)} is block i's new code lines, or null when it does not change; blocks in {@code kept} stay. */
    static Rewrite of(SourceFile file, List<CodeBlock> blocks, List<List<String>> laidOut, Set<Integer> kept) {
        List<BlockEdit> edits = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            List<String> lines = laidOut.get(i);
            if (lines != null && !kept.contains(i) && !blocks.get(i).lines().isEmpty()) {
                edits.add(edit(file, blocks.get(i).lines(), lines));
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

    private static BlockEdit edit(SourceFile file, List<CodeLine> old, List<String> lines) {
        int first = old.get(0).mdLine();
        int last = old.get(old.size() - 1).mdLine();
        String prefix = prefix(file, old);
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
     * The container prefix of a block's lines: the longest raw prefix of its non-blank lines. CommonMark removes at
     * most the fence's indentation from a line, so the longest is the containers' markers and all of it.
     */
    private static String prefix(SourceFile file, List<CodeLine> lines) {
        String longest = "";
        for (CodeLine l : lines) {
            if (!l.text().isBlank() && l.mdColumnOffset() > longest.length()) {
                longest = file.line(l.mdLine()).substring(0, l.mdColumnOffset());
            }
        }
        return longest;
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
