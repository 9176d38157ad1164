package dev.lumen.runtime.policy;

import dev.lumen.runtime.json.CanonicalJson;
import dev.lumen.runtime.json.CanonicalValue;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A value as the trace and the cache show it, after {@link Redaction#redact}, with the texts the redaction took
 * out of it: the strings and numbers that were inside a redacted value. An error message about the call (a
 * tool's, a server's, a refusal's) may quote them, so what is recorded of it goes through {@link #scrub}.
 *
 * @param value   the value shown: the value itself when nothing was redacted
 * @param changed whether anything was redacted
 * @param removed the texts taken out
 */
public record Redacted(CanonicalValue value, boolean changed, List<String> removed) {
    private static final char CUT = '…';
    /** The shortest beginning of a removed text taken for it when a message cuts it with {@code …}. */
    private static final int SHORTEST_CUT = 4;

    public Redacted {
        removed = List.copyOf(removed);
    }

    /** A value nothing was redacted from. */
    public static Redacted unchanged(CanonicalValue value) {
        return new Redacted(value, false, List.of());
    }

    /**
     * {@code message} with each removed text replaced by {@value Redaction#MARKER} wherever it is quoted: as it
     * is, or as a JSON string writes it (control characters and quotes escaped), or cut with {@code …} after at
     * least its first {@value #SHORTEST_CUT} characters. A text counts where it does not run on into letters or
     * digits, so a short secret does not eat into the words around it.
     */
    public String scrub(String message) {
        if (removed.isEmpty() || message == null) {
            return message;
        }
        Set<String> forms = new LinkedHashSet<>();
        for (String text : removed) {
            forms.add(text);
            try {
                String quoted = CanonicalJson.quote(text);
                forms.add(quoted.substring(1, quoted.length() - 1));
            } catch (IllegalArgumentException e) {
                // a lone surrogate has no JSON form, so no message quotes it as JSON
            }
        }
        List<String> longestFirst = forms.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
        String out = message;
        for (String form : longestFirst) {
            out = replaceWhole(out, form);
        }
        for (String form : longestFirst) {
            out = replaceCut(out, form);
        }
        return out;
    }

    private static String replaceWhole(String text, String form) {
        StringBuilder out = null;
        int from = 0;
        for (int at = text.indexOf(form); at >= 0; at = text.indexOf(form, at + 1)) {
            if (at < from || !startsWord(text, at, form) || !endsWord(text, at + form.length(), form)) {
                continue;
            }
            out = out != null ? out : new StringBuilder(text.length());
            out.append(text, from, at).append(Redaction.MARKER);
            from = at + form.length();
        }
        return out == null ? text : out.append(text, from, text.length()).toString();
    }

    /** Each {@code …} that ends the first characters of {@code form}, with them, replaced. */
    private static String replaceCut(String text, String form) {
        StringBuilder out = null;
        int from = 0;
        for (int cut = text.indexOf(CUT); cut >= 0; cut = text.indexOf(CUT, cut + 1)) {
            for (int length = Math.min(form.length() - 1, cut - from); length >= SHORTEST_CUT; length--) {
                int at = cut - length;
                if (text.regionMatches(at, form, 0, length) && startsWord(text, at, form)) {
                    out = out != null ? out : new StringBuilder(text.length());
                    out.append(text, from, at).append(Redaction.MARKER);
                    from = cut + 1;
                    break;
                }
            }
        }
        return out == null ? text : out.append(text, from, text.length()).toString();
    }

    private static boolean startsWord(String text, int at, String form) {
        return at == 0 || !Character.isLetterOrDigit(form.charAt(0)) || !Character.isLetterOrDigit(text.charAt(at - 1));
    }

    private static boolean endsWord(String text, int end, String form) {
        return end == text.length() || !Character.isLetterOrDigit(form.charAt(form.length() - 1))
                || !Character.isLetterOrDigit(text.charAt(end));
    }
}
