package dev.lumen.conformance.validation;

import dev.lumen.conformance.validation.Schema.EnumType;
import dev.lumen.conformance.validation.Schema.Field;
import dev.lumen.conformance.validation.Schema.ListOf;
import dev.lumen.conformance.validation.Schema.MapOf;
import dev.lumen.conformance.validation.Schema.Primitive;
import dev.lumen.conformance.validation.Schema.RecordType;
import dev.lumen.conformance.validation.Schema.ResultOf;
import dev.lumen.conformance.validation.Schema.Union;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Generated JSON text for a type: data of the type's shape, with mistakes a model makes (and some it does
 * not): values of the wrong kind, missing, extra and duplicate members, unknown enum names, integers past 64
 * bits and numbers past a double, long digit strings, escapes (lone surrogates included), big strings, deep
 * nesting, text around the JSON or instead of it.
 */
final class JsonData {
    /** Below this depth a recursive type takes its shortest value (null, [] or {}). */
    private static final int DEPTH = 5;
    private static final String[] STRINGS = {"", "a", "abc", "12", "-7", "1.5", "v2", "a b", "zz", "a,b,c",
        "\\u00e9t\\u00e9", "\uD83D\uDE00", "\\ud83d\\ude00", "\\ud800", "x\\udc00", "\\u0000", "\\\"q\\\"", "\\\\",
        "AAEC", "%%", "null", "Red0", "Low1", "line\\nbreak", "\\t"};
    private static final String[] INTEGERS = {"0", "1", "-1", "7", "3", "100", "9223372036854775807",
        "-9223372036854775808", "9223372036854775808", "-9223372036854775809", "123456789012345678901234567890",
        "1e2", "1.0", "2.5", "-0", "1e400", "-1e400"};
    private static final String[] FLOATS = {"0.5", "-0.0", "3.14", "1e308", "1.7976931348623157e308", "1.8e308",
        "5e-324", "1e-400", "100", "-2.5E3", "1e400", "0.1"};
    private static final String[] KEYS = {"k", "a b", "", "\\u00e9", "\\ud800", "zz", "a0", "ok", "err"};

    private final Random random;
    private final boolean mistakes;
    private final StringBuilder out = new StringBuilder();

    private JsonData(Random random, boolean mistakes) {
        this.random = random;
        this.mistakes = mistakes;
    }

    /** JSON text of {@code type}'s shape without deliberate mistakes (constraints may still fail). */
    static String valid(Random random, Schema type) {
        JsonData data = new JsonData(random, false);
        data.value(type, 0);
        return data.out.toString();
    }

    /** Text to validate against {@code type}: mostly JSON of its shape with mistakes, sometimes not JSON at all. */
    static String text(Random random, Schema type) {
        JsonData data = new JsonData(random, random.nextInt(100) < 80);
        data.value(type, 0);
        String json = data.out.toString();
        int roll = random.nextInt(100);
        if (roll < 5) {
            return "Here it is:\n```json\n" + json + "\n```\nAnything else?";
        } else if (roll < 9) {
            return json.substring(0, random.nextInt(json.length() + 1)); // cut short: rarely JSON
        } else if (roll < 11) {
            return json + " and more";
        } else if (roll < 14) {
            return " \n\t" + json + "\n";
        } else if (roll < 16) {
            int depth = List.of(511, 513, 1000, 1001, 1500).get(random.nextInt(5));
            return "[".repeat(depth) + "]".repeat(depth);
        }
        return json;
    }

    private void value(Schema type, int depth) {
        if (mistakes && random.nextInt(100) < 8) {
            mistake(depth);
            return;
        }
        switch (type) {
            case Primitive p -> primitive(p);
            case ListOf l -> {
                int n = depth >= DEPTH ? 0 : random.nextInt(4);
                out.append('[');
                for (int i = 0; i < n; i++) {
                    out.append(i > 0 ? "," : "");
                    value(l.element(), depth + 1);
                }
                out.append(']');
            }
            case MapOf m -> {
                int n = depth >= DEPTH ? 0 : random.nextInt(4);
                out.append('{');
                List<String> keys = new ArrayList<>(List.of(KEYS));
                Collections.shuffle(keys, random);
                for (int i = 0; i < n; i++) {
                    out.append(i > 0 ? "," : "");
                    // now and then a duplicate member name, which strict JSON rejects
                    string(mistakes && random.nextInt(100) < 5 ? keys.getFirst() : keys.get(i));
                    out.append(':');
                    value(m.value(), depth + 1);
                }
                out.append('}');
            }
            case RecordType r -> record(r, depth);
            case EnumType e -> string(mistakes && random.nextInt(100) < 10 ? "Urgent"
                    : e.variants().get(random.nextInt(e.variants().size())));
            case Union u -> {
                if (depth >= DEPTH && u.hasNull()) {
                    out.append("null");
                } else {
                    value(u.members().get(random.nextInt(u.members().size())), depth + 1);
                }
            }
            case ResultOf r -> {
                boolean ok = random.nextBoolean();
                out.append("{\"").append(ok ? "ok" : "err").append("\":");
                value(ok ? r.ok() : r.err(), depth + 1);
                if (mistakes && random.nextInt(100) < 10) {
                    out.append(",\"").append(ok ? "err" : "ok").append("\":1");
                }
                out.append('}');
            }
        }
    }

    private void record(RecordType r, int depth) {
        List<Field> fields = new ArrayList<>(r.fields());
        Collections.shuffle(fields, random);
        out.append('{');
        boolean first = true;
        for (Field f : fields) {
            if (mistakes && random.nextInt(100) < 12) {
                continue; // missing
            }
            out.append(first ? "" : ",");
            first = false;
            string(f.name());
            out.append(':');
            value(f.type(), depth + 1);
        }
        if (mistakes && random.nextInt(100) < 10) {
            out.append(first ? "" : ",").append("\"colour\":");
            any(depth + 1);
        }
        out.append('}');
    }

    private void primitive(Primitive p) {
        switch (p) {
            case INT -> out.append(random.nextInt(100) < 60 ? Integer.toString(random.nextInt(21) - 10)
                    : INTEGERS[random.nextInt(INTEGERS.length)]);
            case FLOAT -> out.append(random.nextInt(100) < 40 ? Double.toString(random.nextGaussian() * 100)
                    : FLOATS[random.nextInt(FLOATS.length)]);
            case STRING -> string(someString());
            case BOOL -> out.append(random.nextBoolean());
            case NULL -> out.append("null");
            case JSON -> any(0);
            case BYTES -> {
                byte[] bytes = new byte[random.nextInt(12)];
                random.nextBytes(bytes);
                string(random.nextInt(100) < 85 ? Base64.getEncoder().encodeToString(bytes) : "%%not base64");
            }
        }
    }

    /** A wrong value: another kind, a number out of range, a big string, deep nesting or null. */
    private void mistake(int depth) {
        int roll = random.nextInt(100);
        if (roll < 55) {
            any(depth);
        } else if (roll < 65) {
            out.append("null");
        } else if (roll < 80) {
            out.append(List.of("1e400", "-1e400", "1" + "0".repeat(400), "1" + "0".repeat(1100), "1.5", "\"7\"")
                    .get(random.nextInt(6)));
        } else if (roll < 88) {
            int n = List.of(1000, 70_000, 300_000).get(random.nextInt(3));
            string("x".repeat(n) + "\\u00e9\uD83D\uDE00");
        } else {
            int n = List.of(100, 511, 600, 1001).get(random.nextInt(4));
            out.append("[{\"a\":".repeat(n)).append("1").append("}]".repeat(n));
        }
    }

    /** Any JSON value. */
    private void any(int depth) {
        int roll = random.nextInt(depth >= DEPTH ? 6 : 8);
        switch (roll) {
            case 0 -> out.append("null");
            case 1 -> out.append(random.nextBoolean());
            case 2 -> out.append(INTEGERS[random.nextInt(INTEGERS.length)]);
            case 3 -> out.append(FLOATS[random.nextInt(FLOATS.length)]);
            case 4, 5 -> string(someString());
            case 6 -> {
                int n = random.nextInt(3);
                out.append('[');
                for (int i = 0; i < n; i++) {
                    out.append(i > 0 ? "," : "");
                    any(depth + 1);
                }
                out.append(']');
            }
            default -> {
                int n = random.nextInt(3);
                out.append('{');
                for (int i = 0; i < n; i++) {
                    out.append(i > 0 ? "," : "");
                    string(KEYS[i]);
                    out.append(':');
                    any(depth + 1);
                }
                out.append('}');
            }
        }
    }

    private String someString() {
        if (random.nextInt(100) < 30) {
            StringBuilder s = new StringBuilder();
            int n = random.nextInt(9);
            for (int i = 0; i < n; i++) {
                s.append((char) ('a' + random.nextInt(26)));
            }
            return s.toString();
        }
        return STRINGS[random.nextInt(STRINGS.length)];
    }

    /** A JSON string literal whose content is {@code escaped}, already written with JSON escapes. */
    private void string(String escaped) {
        out.append('"').append(escaped).append('"');
    }
}
