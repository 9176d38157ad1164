package dev.lumen.runtime.json;

import com.fasterxml.jackson.databind.JsonNode;

/** Strings and JSON values as error messages show them: JSON text, cut to {@value #LIMIT} code points. */
final class Shown {
    /** Longest text shown before it is cut with {@code …}. */
    static final int LIMIT = 60;

    private Shown() {
    }

    /** A string as a JSON string literal (a lone surrogate shown as U+FFFD), cut past the limit. */
    static String quote(String s) {
        try {
            return cut(CanonicalJson.quote(s));
        } catch (IllegalArgumentException e) {
            return cut(CanonicalJson.quote(s.replaceAll("\\p{Cs}", "\uFFFD")));
        }
    }

    /** A JSON value as its canonical text, cut past the limit. */
    static String json(JsonNode node) {
        try {
            return cut(CanonicalJson.write(node));
        } catch (IllegalArgumentException e) {
            return cut(node.toString());
        }
    }

    /** What kind of JSON value a node is: "an object", "a list", "a string", … */
    static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> "an object";
            case ARRAY -> "a list";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> "not JSON";
        };
    }

    private static String cut(String text) {
        return text.codePointCount(0, text.length()) <= LIMIT ? text
                : text.substring(0, text.offsetByCodePoints(0, LIMIT - 1)) + "…";
    }
}
