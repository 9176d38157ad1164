package dev.lumen.conformance.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Damages a Lumen document the ways that find bugs in front ends: characters deleted, duplicated or swapped,
 * tokens of the language inserted, two documents spliced, the text cut short, constructs nested deeply or
 * repeated widely, numbers and names replaced, and now and then a byte of the encoding broken. Every choice
 * comes from the random source it is given, so one seed always gives the same document.
 */
final class DocumentMutator {
    /** Words, operators and fences of Lumen, and text at the edges of what the lexer must handle. */
    private static final String[] TOKENS = {
        "cell ", "end", "if ", "else", "elif ", "for ", " in ", "match ", "let ", "mut ", "return ", "record ", "enum ",
        "use tool ", "grant ", "role ", "system", "user", "expect ", "schema ", "where ", " as ", "not ", " and ",
        " or ", "true", "false", "null", "ok(", "err(", "list[", "map[String, ", "result[", "]", "->", "=>", "==",
        "!=", "<=", ">=", "<", ">", "=", "+", "-", "*", "/", "%", "(", ")", "[", "]", "{", "}", ",", ":", ".", "|",
        "\"", "\\\"", "\\", "{x}", "\"{", "}\"", "#", "@lumen 1\n", "@cache off\n", "@trace off\n", "@profile prod\n",
        "@lock on\n", "```lumen\n", "```\n", "~~~\n", "````\n", "\n", "\n\n", "  ", "\t", "\r", "\r\n", "Int", "Float",
        "String", "Bool", "Json", "Bytes", "Null", "run", "x", "_", "$", "0", "1", "-1", "9223372036854775807",
        "9223372036854775808", "-9223372036854775808", "1e308", "1e309", "0.1", "1.", ".5", "0x10", "1_000", "007",
        "\u00e9", "e\u0301", "\ud83d\ude00", "\u0000", "\u2028", "\ufeff", "\u200b", "\ud800", "<!-- ", " -->",
        "> ", "- ", "1. ", "| a | b |\n", "    ", "to_json(", "length(", "range(0, 3)", "trace_ref()", "diff(",
        "patch(", "redact(", "matches(", "slice(", "split(", "join(", "keys(", "values(", "get(", "abs(", "min(",
    };
    /** Numbers at the limits of Int and Float, and small ones that change control flow. */
    private static final String[] NUMBERS = {
        "0", "1", "-1", "2", "255", "256", "65535", "65536", "2147483647", "2147483648", "9223372036854775807",
        "9223372036854775808", "-9223372036854775808", "99999999999999999999999", "0.0", "-0.0", "1e308", "1e309",
        "4.9e-324", "1.7976931348623157e308", "3", "1000000", "100000000000",
    };
    private static final Pattern NUMBER = Pattern.compile("\\b\\d+(\\.\\d+)?\\b");
    private static final Pattern BLOCK = Pattern.compile("\\b(?:if|for|match|cell|record|enum|else|elif|not)\\b|-");
    private static final Pattern IDENTIFIER = Pattern.compile("\\b[A-Za-z_][A-Za-z0-9_]*\\b");

    private final SplittableRandom random;
    private final List<String> corpus;
    private final int maxDepth;
    private final List<String> applied = new ArrayList<>();

    /**
     * @param maxDepth the deepest nesting generated (deep nesting beyond the parser's limits is its own test)
     */
    DocumentMutator(SplittableRandom random, List<String> corpus, int maxDepth) {
        this.random = random;
        this.corpus = corpus;
        this.maxDepth = maxDepth;
    }

    /** The mutations applied so far, in order, described for a report. */
    List<String> applied() {
        return applied;
    }

    /** {@code text} with 1 to 6 mutations; rarely a byte of its UTF-8 form broken as well. */
    byte[] mutate(String text) {
        int count = 1;
        while (count < 6 && random.nextInt(2) == 0) {
            count++;
        }
        for (int i = 0; i < count; i++) {
            text = mutateOnce(text);
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (random.nextInt(40) == 0 && bytes.length > 0) {
            int at = random.nextInt(bytes.length);
            byte[] bad = {(byte) 0xFF, (byte) 0xC3, (byte) 0x80, (byte) 0xED, (byte) 0xF4};
            bytes[at] = bad[random.nextInt(bad.length)];
            applied.add("byte " + at + " broken");
        }
        return bytes;
    }

    /** Mutated {@code text} for a value of a command-line argument (JSON or plain text). */
    String mutateValue(String text) {
        return mutateOnce(text);
    }

    private String mutateOnce(String text) {
        int n = text.length();
        return switch (random.nextInt(14)) {
            case 0, 1 -> {
                int at = position(n);
                int len = length(n - at);
                applied.add("delete " + len + " at " + at);
                yield text.substring(0, at) + text.substring(at + len);
            }
            case 2 -> {
                int at = position(n);
                int len = length(n - at);
                int to = position(n);
                applied.add("duplicate " + len + " at " + at + " to " + to);
                yield text.substring(0, to) + text.substring(at, at + len) + text.substring(to);
            }
            case 3 -> swapLines(text);
            case 4, 5, 6 -> {
                int at = position(n);
                StringBuilder tokens = new StringBuilder();
                int k = 1 + random.nextInt(3);
                for (int i = 0; i < k; i++) {
                    tokens.append(TOKENS[random.nextInt(TOKENS.length)]);
                }
                applied.add("insert " + quote(tokens.toString()) + " at " + at);
                yield text.substring(0, at) + tokens + text.substring(at);
            }
            case 7 -> splice(text);
            case 8 -> {
                int at = position(n);
                applied.add("truncate at " + at);
                yield text.substring(0, at);
            }
            case 9 -> nest(text);
            case 10 -> repeat(text);
            case 11 -> replaceMatch(text, NUMBER, NUMBERS, "number");
            case 12 -> renameIdentifier(text);
            default -> {
                int at = position(n);
                int len = Math.min(length(n - at), 8);
                String replacement = len == 0 ? "" : String.valueOf((char) random.nextInt(0x20, 0x7F)).repeat(len);
                applied.add("overwrite " + len + " at " + at);
                yield text.substring(0, at) + replacement + text.substring(at + len);
            }
        };
    }

    /** A position in a text of length n, at a code-point boundary. */
    private int position(int n) {
        return n == 0 ? 0 : random.nextInt(n + 1);
    }

    /** A short length (mostly 1..16, sometimes up to a few hundred), at most {@code max}. */
    private int length(int max) {
        if (max <= 0) {
            return 0;
        }
        int len = random.nextInt(8) == 0 ? 1 + random.nextInt(400) : 1 + random.nextInt(16);
        return Math.min(len, max);
    }

    private String swapLines(String text) {
        String[] lines = text.split("\n", -1);
        int a = random.nextInt(lines.length);
        int b = random.nextInt(lines.length);
        String t = lines[a];
        lines[a] = lines[b];
        lines[b] = t;
        applied.add("swap lines " + (a + 1) + " and " + (b + 1));
        return String.join("\n", lines);
    }

    /** The start of this document with the end of another, or a piece of another inserted. */
    private String splice(String text) {
        String other = corpus.get(random.nextInt(corpus.size()));
        int at = position(text.length());
        int from = position(other.length());
        if (random.nextBoolean()) {
            applied.add("splice at " + at + " with another document from " + from);
            return text.substring(0, at) + other.substring(from);
        }
        int len = length(other.length() - from);
        applied.add("insert " + len + " characters of another document at " + at);
        return text.substring(0, at) + other.substring(from, from + len) + text.substring(at);
    }

    /** A construct nested deeply: parentheses, brackets, braces, prefix operators, ifs, types, member chains. */
    private String nest(String text) {
        int depth = 1 + random.nextInt(Math.max(1, maxDepth));
        String construct = switch (random.nextInt(9)) {
            case 0 -> "(".repeat(depth) + "1" + ")".repeat(depth);
            case 1 -> "[".repeat(depth) + "]".repeat(depth);
            case 2 -> "{\"a\": ".repeat(depth) + "1" + "}".repeat(depth);
            case 3 -> "-".repeat(depth) + "1";
            case 4 -> "not ".repeat(depth) + "true";
            case 5 -> "if true\n".repeat(depth) + "return 1\n" + "end\n".repeat(depth);
            case 6 -> "list[".repeat(depth) + "Int" + "]".repeat(depth);
            case 7 -> "x" + ".a".repeat(depth);
            default -> "f(".repeat(depth) + ")".repeat(depth);
        };
        int at = position(text.length());
        applied.add("nest " + depth + " deep at " + at + ": " + quote(construct.substring(0, Math.min(12, construct.length()))) + "…");
        return text.substring(0, at) + construct + text.substring(at);
    }

    /**
     * A piece of the document, or a list element or argument, repeated side by side: short pieces up to thousands
     * of times, longer ones tens of times (a document stays under a few hundred kilobytes).
     */
    private String repeat(String text) {
        String piece = switch (random.nextInt(4)) {
            case 0 -> "1, ";
            case 1 -> "\"" + "a".repeat(1 + random.nextInt(100)) + "\" + ";
            case 2 -> "cell c" + random.nextInt(100) + "() -> Int\n  return 1\nend\n";
            default -> {
                int at = position(text.length());
                yield text.substring(at, at + length(text.length() - at));
            }
        };
        int most = Math.max(1, Math.min(5000, 100_000 / Math.max(1, piece.length())));
        int opens = opens(piece);
        if (opens > 0) { // each copy may nest one level deeper per bracket or block it opens
            most = Math.max(1, Math.min(most, maxDepth / opens));
        }
        int times = 2 + random.nextInt(random.nextInt(4) == 0 ? most : Math.min(most, 50));
        int at = position(text.length());
        applied.add("repeat " + quote(piece.substring(0, Math.min(12, piece.length()))) + " " + times + " times at " + at);
        return text.substring(0, at) + piece.repeat(times) + text.substring(at);
    }

    /** How many levels of nesting a piece can open: brackets, member accesses, and the words that open a block. */
    private static int opens(String piece) {
        int n = 0;
        for (char c : piece.toCharArray()) {
            if (c == '(' || c == '[' || c == '{' || c == '.') {
                n++;
            }
        }
        Matcher block = BLOCK.matcher(piece);
        while (block.find()) {
            n++;
        }
        return n;
    }

    private String replaceMatch(String text, Pattern pattern, String[] choices, String what) {
        List<int[]> matches = matches(text, pattern);
        if (matches.isEmpty()) {
            return text;
        }
        int[] m = matches.get(random.nextInt(matches.size()));
        String replacement = choices[random.nextInt(choices.length)];
        applied.add(what + " at " + m[0] + " := " + replacement);
        return text.substring(0, m[0]) + replacement + text.substring(m[1]);
    }

    /** One identifier replaced by another of the same document: well formed, mostly ill typed or unresolved. */
    private String renameIdentifier(String text) {
        List<int[]> matches = matches(text, IDENTIFIER);
        if (matches.size() < 2) {
            return text;
        }
        int[] m = matches.get(random.nextInt(matches.size()));
        int[] other = matches.get(random.nextInt(matches.size()));
        String name = text.substring(other[0], other[1]);
        applied.add("identifier at " + m[0] + " := " + name);
        return text.substring(0, m[0]) + name + text.substring(m[1]);
    }

    private static List<int[]> matches(String text, Pattern pattern) {
        List<int[]> found = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(new int[] {m.start(), m.end()});
        }
        return found;
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '\n') {
                b.append("\\n");
            } else if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7E) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
