package dev.lumen.language.schema;

import java.util.regex.Pattern;

/**
 * The common ground of java.util.regex (what {@code matches} speaks, lumen-v1.md §11) and ECMA-262 regular
 * expressions (what JSON Schema's {@code pattern} speaks, and what JavaScript clients compile it with).
 */
final class EcmaRegex {
    /**
     * Java constructs with no ECMA-262 equivalent, or with another meaning there: inline flags and atomic
     * groups ({@code (?i)}, {@code (?>…)}), possessive quantifiers, {@code \A \Z \z \G \Q \E \h \H \R \X \e
     * \a}, POSIX and Java classes ({@code \p{Alpha}}, {@code \p{javaLowerCase}}), intersections in classes
     * ({@code &&}) and nested classes.
     */
    private static final Pattern JAVA_ONLY = Pattern.compile(
            "\\(\\?[a-zA-Z>-]" // inline flags, atomic groups
            + "|[?*+}]\\+" // possessive quantifiers
            + "|\\\\[AZzGQEhHRXea]"
            + "|\\\\[pP]\\{(?:Lower|Upper|ASCII|Alpha|Digit|Alnum|Punct|Graph|Print|Blank|Cntrl|XDigit|Space|java|Is|In)"
            + "|&&|\\[[^\\]]*\\[");

    private EcmaRegex() {
    }

    /** Whether {@code regex} compiles in Java and means the same as an ECMA-262 pattern, as far as one can tell by its text. */
    static boolean sameMeaning(String regex) {
        try {
            Pattern.compile(regex);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return !JAVA_ONLY.matcher(regex.replace("\\\\", "")).find();
    }

    /** A pattern that matches {@code text} literally. */
    static String quote(String text) {
        StringBuilder b = new StringBuilder();
        text.codePoints().forEach(c -> {
            if ("\\^$.|?*+()[]{}/".indexOf(c) >= 0) {
                b.append('\\');
            }
            b.appendCodePoint(c);
        });
        return b.toString();
    }
}
