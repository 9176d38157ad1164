package dev.lumen.language.format;

import dev.lumen.language.syntax.TokenKind;
import java.util.ArrayList;
import java.util.List;

/** One output line of a block being laid out. */
final class Line {
    enum Kind {
        BLANK, COMMENT, CODE, ROLE_TEXT
    }

    /** Lines whose cells align with their neighbours': record fields and one-line match arms. */
    enum Align {
        NONE, FIELD, ARM
    }

    final Kind kind;
    final int indent;
    /** The code, or for role text the text after the indentation, or for a comment line the comment. */
    String code;
    /** Offsets in {@link #code} of the single spaces where aligned cells meet. */
    final List<Integer> breaks = new ArrayList<>();
    Align align = Align.NONE;
    /** The trailing comment of a code line, or null. */
    String comment;
    /** The white space before the trailing comment when it must stay as written; null to align it. */
    String commentGap;
    /** The keyword of the top-level declaration this line starts, or null. */
    TokenKind declaration;

    private Line(Kind kind, int indent, String code) {
        this.kind = kind;
        this.indent = indent;
        this.code = code;
    }

    static Line blank() {
        return new Line(Kind.BLANK, 0, "");
    }

    static Line comment(int indent, String text) {
        return new Line(Kind.COMMENT, indent, text);
    }

    static Line code(int indent) {
        return new Line(Kind.CODE, indent, "");
    }

    static Line roleText(int indent, String text) {
        return new Line(Kind.ROLE_TEXT, indent, text);
    }

    /** The code's width up to its trailing comment, indentation included, in code points. */
    int codeWidth() {
        return indent + code.codePointCount(0, code.length());
    }

    String render() {
        if (code.isEmpty() && comment == null) {
            return "";
        }
        StringBuilder b = new StringBuilder().repeat(' ', indent).append(code);
        if (comment != null) {
            b.append(commentGap == null ? " " : commentGap).append(comment);
        }
        return b.toString();
    }
}
