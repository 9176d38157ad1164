package dev.lumen.language.format;

import dev.lumen.language.syntax.TokenKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Blank lines: none at the start or end of a block, never two in a row, and one around every top-level
 * `record`, `enum` and `cell` (with the comment lines right above a declaration kept on it). Blank lines of role
 * text are its content and are left alone.
 */
final class BlankLines {
    private BlankLines() {
    }

    static List<Line> tidy(List<Line> lines) {
        List<Line> separated = separateDeclarations(lines);
        List<Line> out = new ArrayList<>(separated.size());
        for (Line l : separated) {
            if (l.kind == Line.Kind.BLANK && (out.isEmpty() || out.get(out.size() - 1).kind == Line.Kind.BLANK)) {
                continue;
            }
            out.add(l);
        }
        while (!out.isEmpty() && out.get(out.size() - 1).kind == Line.Kind.BLANK) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    private static List<Line> separateDeclarations(List<Line> lines) {
        List<Line> out = new ArrayList<>(lines.size() + 8);
        TokenKind previous = null;
        for (Line l : lines) {
            if (l.declaration != null) {
                if (previous != null && (isBlock(previous) || isBlock(l.declaration))) {
                    int at = out.size();
                    while (at > 0 && out.get(at - 1).kind == Line.Kind.COMMENT && out.get(at - 1).indent == 0) {
                        at--;
                    }
                    if (at > 0 && out.get(at - 1).kind != Line.Kind.BLANK) {
                        out.add(at, Line.blank());
                    }
                }
                previous = l.declaration;
            }
            out.add(l);
        }
        return out;
    }

    private static boolean isBlock(TokenKind declaration) {
        return declaration == TokenKind.RECORD || declaration == TokenKind.ENUM || declaration == TokenKind.CELL;
    }
}
