package dev.lumen.language.markdown;

import dev.lumen.language.source.Directive;
import dev.lumen.language.source.SourceFile;
import dev.lumen.language.source.Span;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Finds directive lines: an `@` in the first column followed by a letter, on a line outside code and HTML
 * blocks. The rule is about raw lines, not Markdown structure, so a directive reads the same wherever the
 * prose around it puts it (a paragraph, a heading underline, the top of the file).
 */
final class DirectiveScanner {
    private DirectiveScanner() {
    }

    /** {@code verbatim}: 0-based indexes of lines inside code or HTML blocks. */
    static List<Directive> scan(SourceFile file, BitSet verbatim) {
        List<Directive> out = new ArrayList<>();
        for (int line = 1; line <= file.lineCount(); line++) {
            if (!verbatim.get(line - 1)) {
                String raw = file.line(line);
                if (raw.length() >= 2 && raw.charAt(0) == '@' && isAsciiLetter(raw.charAt(1))) {
                    out.add(parse(raw, line));
                }
            }
        }
        return List.copyOf(out);
    }

    private static Directive parse(String raw, int line) {
        int nameEnd = 1;
        while (nameEnd < raw.length() && isNameChar(raw.charAt(nameEnd))) {
            nameEnd++;
        }
        int start = nameEnd;
        while (start < raw.length() && Character.isWhitespace(raw.charAt(start))) {
            start++;
        }
        int end = raw.length();
        while (end > start && Character.isWhitespace(raw.charAt(end - 1))) {
            end--;
        }
        Span argumentSpan = start < end ? Span.of(line, start + 1, end + 1) : Span.of(line, nameEnd + 1, nameEnd + 1);
        return new Directive(raw.substring(1, nameEnd), raw.substring(start, end), Span.of(line, 1, nameEnd + 1),
                argumentSpan);
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isNameChar(char c) {
        return isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '_';
    }
}
