package dev.lumen.launcher.serve;

import dev.lumen.language.check.CellInfo;
import dev.lumen.language.source.CodeBlock;
import dev.lumen.language.source.CodeLine;
import dev.lumen.language.source.LumenDocument;
import dev.lumen.language.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A served cell's description (mcp-serve.md §2.2), from the document itself: the {@code #} comment lines right
 * above the cell; else, for the first declaration of its block, the paragraph of prose right above the block (or
 * the heading right above it); else the cell's signature.
 */
final class CellDescriptions {
    private CellDescriptions() {
    }

    static String of(LumenDocument document, CellInfo cell) {
        int line = cell.decl().span().line();
        int b = document.blockAt(line);
        if (b >= 0) {
            CodeBlock block = document.blocks().get(b);
            int at = line - block.fence().line() - 1;
            String comment = commentAbove(block.lines(), at);
            if (!comment.isEmpty()) {
                return comment;
            }
            if (block.lines().subList(0, at).stream().allMatch(l -> l.text().isBlank())) {
                String prose = proseAbove(document.file(), block.fence().line());
                if (!prose.isEmpty()) {
                    return prose;
                }
            }
        }
        return "Runs the Lumen cell `" + signature(cell) + "` of " + document.file().name() + ".";
    }

    private static String commentAbove(List<CodeLine> lines, int at) {
        List<String> comment = new ArrayList<>();
        for (int i = at - 1; i >= 0 && lines.get(i).text().strip().startsWith("#"); i--) {
            comment.addFirst(lines.get(i).text().strip().substring(1).strip());
        }
        return String.join(" ", comment).strip();
    }

    /** The paragraph (or ATX heading) that ends right above {@code fenceLine}, blank lines between allowed. */
    private static String proseAbove(SourceFile file, int fenceLine) {
        int i = fenceLine - 1;
        while (i >= 1 && file.line(i).isBlank()) {
            i--;
        }
        List<String> paragraph = new ArrayList<>();
        for (; i >= 1 && !file.line(i).isBlank(); i--) {
            String text = file.line(i).strip();
            if (text.startsWith("```") || text.startsWith("~~~") || text.startsWith("@")) {
                break; // the end of another block, or a directive
            }
            if (text.startsWith("#")) {
                if (paragraph.isEmpty()) {
                    paragraph.add(text.replaceFirst("^#+\\s*", ""));
                }
                break;
            }
            paragraph.addFirst(text);
        }
        return paragraph.stream().collect(Collectors.joining(" ")).strip();
    }

    private static String signature(CellInfo cell) {
        String params = cell.params().stream().map(p -> p.name() + ": " + p.type()).collect(Collectors.joining(", "));
        return cell.name() + "(" + params + ")" + (cell.returnType() == null ? "" : " -> " + cell.returnType());
    }
}
