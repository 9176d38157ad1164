package dev.lumen.language.incremental;

import dev.lumen.language.source.CodeBlock;
import dev.lumen.language.source.CodeLine;
import java.util.List;

/**
 * What a block's parse depends on, relative to its opening fence line: the fence's columns and each code line's
 * text, column offset and distance from the fence. Two blocks with equal keys parse to the same tree, up to
 * the line it starts on ({@link #fenceLine}), which {@link SpanShift} moves.
 */
final class BlockKey {
    private final CodeBlock block;
    private final int hash;

    BlockKey(CodeBlock block) {
        this.block = block;
        int h = 31 * block.fence().column() + block.fence().endColumn();
        for (CodeLine line : block.lines()) {
            h = 31 * (31 * (31 * h + line.text().hashCode()) + line.mdColumnOffset()) + (line.mdLine() - fenceLine());
        }
        this.hash = h;
    }

    /** The Markdown line of the opening fence, from which every line of the block is counted. */
    int fenceLine() {
        return block.fence().line();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof BlockKey other) || other.hash != hash) {
            return false;
        }
        CodeBlock a = block;
        CodeBlock b = other.block;
        if (a.fence().column() != b.fence().column() || a.fence().endColumn() != b.fence().endColumn()
                || a.fence().endLine() - a.fence().line() != b.fence().endLine() - b.fence().line()) {
            return false;
        }
        List<CodeLine> la = a.lines();
        List<CodeLine> lb = b.lines();
        if (la.size() != lb.size()) {
            return false;
        }
        for (int i = 0; i < la.size(); i++) {
            CodeLine x = la.get(i);
            CodeLine y = lb.get(i);
            if (x.mdColumnOffset() != y.mdColumnOffset() || x.mdLine() - fenceLine() != y.mdLine() - other.fenceLine()
                    || !x.text().equals(y.text())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
