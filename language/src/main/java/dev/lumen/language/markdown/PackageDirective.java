package dev.lumen.language.markdown;

import dev.lumen.language.diagnostics.Code;
import dev.lumen.language.diagnostics.Diagnostic;
import dev.lumen.language.diagnostics.Diagnostics;
import dev.lumen.language.diagnostics.Fix;
import dev.lumen.language.diagnostics.Suggestions;
import dev.lumen.language.source.Directive;
import dev.lumen.language.source.Span;
import java.util.Locale;
import java.util.Optional;

/** `@package "dotted.name"`: a quoted name of dot-separated segments matching [a-z_][a-z0-9_]*. */
final class PackageDirective {
    private static final String RULE = "a package name is dot-separated segments of lowercase letters, digits "
            + "and `_`, each starting with a letter or `_`";

    private PackageDirective() {
    }

    static Optional<String> check(Directive d, Diagnostics diagnostics) {
        String arg = d.argument();
        Span at = d.argumentSpan();
        if (arg.charAt(0) != '"') {
            Diagnostic.Builder b = Diagnostic.error(Code.E0011, at, "the package name must be a quoted string")
                    .label("expected a string such as `\"acme.invoice_agent\"`");
            if (firstBadSegment(arg) < 0) {
                b.help("write `@package \"" + arg + "\"`");
            }
            diagnostics.add(b);
            return Optional.empty();
        }
        int close = arg.indexOf('"', 1);
        if (close < 0) {
            diagnostics.add(Diagnostic.error(Code.E0011, at, "the package name's string is not closed")
                    .label("expected a closing `\"`"));
            return Optional.empty();
        }
        if (close != arg.length() - 1) {
            int extra = close + 1;
            while (Character.isWhitespace(arg.charAt(extra))) {
                extra++; // the argument is stripped, so text follows
            }
            diagnostics.add(Diagnostic.error(Code.E0011, sub(at, extra, arg.length()),
                            "unexpected text after the package name")
                    .label("expected the end of the line"));
            return Optional.empty();
        }
        String name = arg.substring(1, close);
        if (name.isEmpty()) {
            diagnostics.add(Diagnostic.error(Code.E0011, at, "the package name is empty")
                    .label("expected a name such as `acme.invoice_agent`"));
            return Optional.empty();
        }
        int bad = firstBadSegment(name);
        if (bad < 0) {
            return Optional.of(name);
        }
        diagnostics.add(invalid(name, bad, at));
        return Optional.empty();
    }

    private static Diagnostic invalid(String name, int bad, Span at) {
        int end = name.indexOf('.', bad);
        end = end < 0 ? name.length() : end;
        String segment = name.substring(bad, end);
        // +1: the opening quote sits before the name.
        Diagnostic.Builder b = Diagnostic.error(Code.E0011, sub(at, bad + 1, end + 1),
                        "invalid package name `" + name + "`")
                .label(segment.isEmpty() ? "empty segment" : "`" + segment + "` is not a valid segment")
                .note(RULE);
        String lower = name.toLowerCase(Locale.ROOT);
        if (!lower.equals(name) && firstBadSegment(lower) < 0) {
            String quoted = "\"" + lower + "\"";
            b.help(Suggestions.didYouMean(quoted), Fix.replace("Change to `" + quoted + "`", at, quoted));
        }
        return b.build();
    }

    /** The start index of the first segment breaking the rule, or -1 if the name is valid. */
    static int firstBadSegment(String name) {
        int start = 0;
        while (true) {
            int end = name.indexOf('.', start);
            end = end < 0 ? name.length() : end;
            if (!validSegment(name.substring(start, end))) {
                return start;
            }
            if (end == name.length()) {
                return -1;
            }
            start = end + 1;
        }
    }

    private static boolean validSegment(String s) {
        if (s.isEmpty() || !(s.charAt(0) == '_' || (s.charAt(0) >= 'a' && s.charAt(0) <= 'z'))) {
            return false;
        }
        return s.chars().allMatch(c -> c == '_' || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'));
    }

    /** The part [from, to) of the argument, as a span on its line. */
    private static Span sub(Span argument, int from, int to) {
        return Span.of(argument.line(), argument.column() + from, argument.column() + to);
    }
}
