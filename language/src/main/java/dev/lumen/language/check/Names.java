package dev.lumen.language.check;

import dev.lumen.language.diagnostics.Diagnostic;
import dev.lumen.language.diagnostics.Fix;
import dev.lumen.language.diagnostics.Suggestions;
import dev.lumen.language.source.Span;
import dev.lumen.language.syntax.Lexer;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Did-you-mean suggestions and name lists for diagnostic text. */
final class Names {
    private Names() {
    }

    /** The candidate closest to {@code name}, other than itself; one pass over the candidates, however many. */
    static Optional<String> closest(String name, Collection<String> candidates) {
        Set<String> others = new LinkedHashSet<>(candidates);
        others.remove(name);
        return Suggestions.closest(name, others);
    }

    /** Adds "did you mean `x`?" when a candidate is close; returns whether it did. */
    static boolean suggest(Diagnostic.Builder d, String name, Collection<String> candidates) {
        Optional<String> best = closest(name, candidates);
        best.ifPresent(b -> didYouMean(d, name, b));
        return best.isPresent();
    }

    /**
     * Adds "did you mean `replacement`?", with the fix that writes it in place of {@code name} when the primary
     * span is that name as written (a quoted or qualified name is left to the reader).
     */
    static void didYouMean(Diagnostic.Builder d, String name, String replacement) {
        String help = Suggestions.didYouMean(replacement);
        Span at = d.span();
        if (at != null && at.line() > 0 && at.endLine() == at.line() && at.endColumn() - at.column() == name.length()) {
            d.help(help, Fix.replace("Change to `" + replacement + "`", at, replacement));
        } else {
            d.help(help);
        }
    }

    /** Whether {@code name} can be written as it is, without backticks (spec §3.6). */
    static boolean isIdentifier(String name) {
        if (name.isEmpty() || !Lexer.isNameStart(name.charAt(0))) {
            return false;
        }
        return name.chars().allMatch(c -> Lexer.isNamePart((char) c));
    }

    /** `a`, `b` and `c` */
    static String quotedList(Collection<String> names) {
        List<String> q = names.stream().map(n -> "`" + n + "`").toList();
        if (q.size() <= 1) {
            return q.isEmpty() ? "" : q.get(0);
        }
        return String.join(", ", q.subList(0, q.size() - 1)) + " and " + q.get(q.size() - 1);
    }

    /** a, b, c — for "available fields: …" lines. */
    static String plainList(Collection<String> names) {
        return String.join(", ", names);
    }

    /** "a `String`" or "an `Int`": the quoted name with its indefinite article. */
    static String a(Object name) {
        String text = String.valueOf(name);
        boolean vowel = !text.isEmpty() && "AEIOUaeiou".indexOf(text.charAt(0)) >= 0;
        return (vowel ? "an `" : "a `") + text + "`";
    }

    static String plural(int n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }
}
