package dev.lumen.runtime.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.POJONode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Map;
import java.util.SortedMap;
import java.util.regex.Pattern;

/**
 * Canonical JSON: the JSON Canonicalization Scheme of RFC 8785 (JCS), the one serialization Lumen hashes
 * (LIR modules, trace events, cache keys, policies).
 *
 * <p>Output: no whitespace; object members sorted by their names compared as sequences of UTF-16 code
 * units ({@link String#compareTo}); strings with the minimal JCS escaping (only {@code "}, {@code \},
 * and the controls U+0000..U+001F, using {@code \b \t \n \f \r} where they exist and <code>&#92;u00xx</code>
 * with lowercase hex otherwise; everything else, including non-ASCII, is written as itself); floating
 * point numbers in ECMAScript {@code Number.prototype.toString} form ({@link #number(double)}); the
 * result is meant to be encoded as UTF-8 without a BOM ({@link #sha256(String)} does so).
 *
 * <p>One deliberate extension: Lumen's {@code Int} is a 64-bit integer, so an integer value
 * ({@link Byte}, {@link Short}, {@link Integer}, {@link Long}, or a {@link BigInteger} that fits in a
 * long; and, from parsed text, an integer literal without fraction or exponent that fits in a long) is
 * written exactly, as its decimal digits. Strict RFC 8785 routes every number through an IEEE 754 double;
 * the two agree for every integer of magnitude at most 2<sup>53</sup>, and differ beyond it
 * ({@code 9007199254740993} stays {@code 9007199254740993} here, the double {@code 9007199254740993.0}
 * is {@code 9007199254740992}). Integers outside the long range, {@link BigDecimal}s and floats are
 * converted to double.
 *
 * <p>Accepted values for {@link #write(Object)}: {@code null}; {@link Boolean}; {@link CharSequence};
 * the number types above plus {@link Float} and {@link Double} (NaN and infinities are rejected, as RFC
 * 8785 requires; {@code -0.0} is written {@code 0}); {@link Map}s whose keys are Strings; {@link
 * Iterable}s and {@code Object[]} (as arrays); Jackson {@link JsonNode}s (binary and missing nodes are
 * rejected; a POJO node writes its POJO); and any {@link Convertible}, written as the value it converts
 * to. Strings must be well-formed UTF-16: a lone surrogate is rejected (RFC 8785 §3.2.2.2). Anything else
 * is an {@link IllegalArgumentException}, as is nesting deeper than {@value #MAX_DEPTH} (which also
 * catches cyclic structures).
 *
 * <p>The class is stateless and thread-safe.
 */
public final class CanonicalJson {

    /** A value that has a JSON form: {@link #toJson()} returns any value {@link #write(Object)} accepts. */
    public interface Convertible {
        Object toJson();
    }

    /** Deepest nesting of arrays and objects accepted by the writer. */
    public static final int MAX_DEPTH = 1000;

    private static final String HASH_PREFIX = "sha256:";
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    /** 2^53: every integer of at most this magnitude is a double whose shortest form is the integer. */
    private static final double EXACT_INTEGER_LIMIT = 9007199254740992.0;

    private static final ObjectMapper STRICT = JsonReading.mapper()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonParser.Feature.ALLOW_COMMENTS)
            .build();

    private CanonicalJson() {
    }

    // ------------------------------------------------------------------------------------------ API

    /** The canonical JSON text of {@code value}. */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder(64);
        writeValue(value, out, 0);
        return out.toString();
    }

    /** Appends the canonical JSON text of {@code value} to {@code out}. */
    public static void write(Object value, StringBuilder out) {
        writeValue(value, out, 0);
    }

    /**
     * Parses {@code json} (strictly: duplicate member names, trailing content and comments are errors)
     * and returns its canonical form.
     *
     * @throws IllegalArgumentException if the text is not JSON or holds a value JCS cannot represent
     */
    public static String canonicalize(String json) {
        return write(parse(json));
    }

    /**
     * Parses JSON text strictly (duplicate member names, trailing content and comments are errors), within
     * Lumen's limits and as Lumen holds it ({@link JsonReading}). Integers stay exact (int, long or BigInteger
     * nodes); other numbers become doubles.
     *
     * @throws IllegalArgumentException if the text is not JSON, or not JSON Lumen can read
     */
    public static JsonNode parse(String json) {
        JsonNode node;
        try {
            node = STRICT.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + readable(e.getOriginalMessage()) + locationOf(e), e);
        }
        if (node == null || node.isMissingNode()) {
            throw new IllegalArgumentException("not JSON: empty input");
        }
        try {
            return JsonReading.normalized(node);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not JSON Lumen can read: " + e.getMessage(), e);
        }
    }

    /** The SHA-256 of the UTF-8 bytes of {@code canonical}, as {@code "sha256:<64 lowercase hex digits>"}. */
    public static String sha256(String canonical) {
        return sha256(canonical.getBytes(StandardCharsets.UTF_8));
    }

    /** The SHA-256 of {@code bytes}, as {@code "sha256:<64 lowercase hex digits>"}. */
    public static String sha256(byte[] bytes) {
        byte[] digest = digest().digest(bytes);
        char[] text = new char[HASH_PREFIX.length() + 2 * digest.length];
        HASH_PREFIX.getChars(0, HASH_PREFIX.length(), text, 0);
        int p = HASH_PREFIX.length();
        for (byte b : digest) {
            text[p++] = HEX[(b >> 4) & 0xF];
            text[p++] = HEX[b & 0xF];
        }
        return new String(text);
    }

    /** {@code sha256(write(value))}: the hash of a value's canonical JSON. */
    public static String hash(Object value) {
        return sha256(write(value));
    }

    /** The JSON string literal for {@code s}, quotes included, with JCS escaping. */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2);
        writeString(s, out);
        return out.toString();
    }

    /** A long as JSON: its decimal digits. */
    public static String number(long value) {
        return Long.toString(value);
    }

    /**
     * A double as ECMAScript's Number-to-String writes it (ECMA-262 §6.1.6.1.20, required by RFC 8785
     * §3.2.2.3): the shortest decimal that rounds back to the double (the closest such, ties to even),
     * plain digits for magnitudes in [1e-6, 1e21), otherwise one digit, an optional fraction and an
     * exponent with an explicit sign ({@code 1e+21}, {@code 1.5e-7}). {@code -0.0} is {@code 0}.
     *
     * @throws IllegalArgumentException for NaN and infinities, which JSON cannot represent
     */
    public static String number(double value) {
        StringBuilder out = new StringBuilder(24);
        writeDouble(value, out);
        return out.toString();
    }

    // ------------------------------------------------------------------------------------------ values

    private static void writeValue(Object value, StringBuilder out, int depth) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            writeString(s, out);
        } else if (value instanceof Boolean b) {
            out.append(b.booleanValue() ? "true" : "false");
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            out.append(((Number) value).longValue());
        } else if (value instanceof Double d) {
            writeDouble(d, out);
        } else if (value instanceof Float f) {
            writeDouble(f.doubleValue(), out);
        } else if (value instanceof BigInteger bi) {
            writeBigInteger(bi, out);
        } else if (value instanceof BigDecimal bd) {
            writeDouble(bd.doubleValue(), out);
        } else if (value instanceof Map<?, ?> map) {
            writeMap(map, out, depth + 1);
        } else if (value instanceof JsonNode node) {
            writeNode(node, out, depth);
        } else if (value instanceof Iterable<?> items) {
            checkDepth(depth + 1);
            out.append('[');
            boolean first = true;
            for (Object item : items) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                writeValue(item, out, depth + 1);
            }
            out.append(']');
        } else if (value instanceof Object[] items) {
            checkDepth(depth + 1);
            out.append('[');
            for (int i = 0; i < items.length; i++) {
                if (i > 0) {
                    out.append(',');
                }
                writeValue(items[i], out, depth + 1);
            }
            out.append(']');
        } else if (value instanceof CharSequence cs) {
            writeString(cs.toString(), out);
        } else if (value instanceof Convertible c) {
            // A value is written at its own level as the JSON it converts to (a list as its array). Only a
            // conversion to another convertible counts as a level, so a cycle of them still ends at MAX_DEPTH.
            Object json = c.toJson();
            int level = json instanceof Convertible ? depth + 1 : depth;
            checkDepth(level);
            writeValue(json, out, level);
        } else {
            throw new IllegalArgumentException("no canonical JSON form for a value of " + value.getClass().getName());
        }
    }

    private static void writeMap(Map<?, ?> map, StringBuilder out, int depth) {
        checkDepth(depth);
        out.append('{');
        if (map instanceof SortedMap<?, ?> sorted && sorted.comparator() == null) {
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                writeString(keyOf(e.getKey()), out);
                out.append(':');
                writeValue(e.getValue(), out, depth);
            }
        } else {
            int n = map.size();
            String[] keys = new String[n];
            Object[] values = new Object[n];
            int i = 0;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                keys[i] = keyOf(e.getKey());
                values[i] = e.getValue();
                i++;
            }
            if (n > 1) {
                sortKeysWithValues(keys, values);
            }
            for (i = 0; i < n; i++) {
                if (i > 0) {
                    out.append(',');
                }
                writeString(keys[i], out);
                out.append(':');
                writeValue(values[i], out, depth);
            }
        }
        out.append('}');
    }

    private static String keyOf(Object key) {
        if (key instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException("JSON object keys must be Strings, not "
                + (key == null ? "null" : key.getClass().getName()));
    }

    /** Sorts keys by UTF-16 code units, carrying values along (insertion sort for small maps). */
    private static void sortKeysWithValues(String[] keys, Object[] values) {
        int n = keys.length;
        if (n <= 16) {
            for (int i = 1; i < n; i++) {
                String k = keys[i];
                Object v = values[i];
                int j = i - 1;
                while (j >= 0 && keys[j].compareTo(k) > 0) {
                    keys[j + 1] = keys[j];
                    values[j + 1] = values[j];
                    j--;
                }
                keys[j + 1] = k;
                values[j + 1] = v;
            }
            return;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> keys[x].compareTo(keys[y]));
        String[] k2 = new String[n];
        Object[] v2 = new Object[n];
        for (int i = 0; i < n; i++) {
            k2[i] = keys[order[i]];
            v2[i] = values[order[i]];
        }
        System.arraycopy(k2, 0, keys, 0, n);
        System.arraycopy(v2, 0, values, 0, n);
    }

    private static void writeNode(JsonNode node, StringBuilder out, int depth) {
        switch (node.getNodeType()) {
            case NULL -> out.append("null");
            case BOOLEAN -> out.append(node.booleanValue() ? "true" : "false");
            case STRING -> writeString(node.textValue(), out);
            case NUMBER -> {
                if (node.isIntegralNumber()) {
                    if (node.canConvertToLong()) {
                        out.append(node.longValue());
                    } else {
                        writeBigInteger(node.bigIntegerValue(), out);
                    }
                } else {
                    writeDouble(node.doubleValue(), out);
                }
            }
            case ARRAY -> {
                checkDepth(depth + 1);
                out.append('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    writeNode(node.get(i), out, depth + 1);
                }
                out.append(']');
            }
            case OBJECT -> {
                checkDepth(depth + 1);
                int n = node.size();
                String[] keys = new String[n];
                Object[] values = new Object[n];
                int i = 0;
                for (Map.Entry<String, JsonNode> e : node.properties()) {
                    keys[i] = e.getKey();
                    values[i] = e.getValue();
                    i++;
                }
                if (n > 1) {
                    sortKeysWithValues(keys, values);
                }
                out.append('{');
                for (i = 0; i < n; i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    writeString(keys[i], out);
                    out.append(':');
                    writeNode((JsonNode) values[i], out, depth + 1);
                }
                out.append('}');
            }
            case POJO -> writeValue(((POJONode) node).getPojo(), out, depth);
            case BINARY -> throw new IllegalArgumentException("no canonical JSON form for a binary node");
            case MISSING -> throw new IllegalArgumentException("no canonical JSON form for a missing node");
        }
    }

    private static void checkDepth(int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("JSON value nested deeper than " + MAX_DEPTH + " levels (or cyclic)");
        }
    }

    private static void writeBigInteger(BigInteger value, StringBuilder out) {
        if (value.bitLength() < 64) {
            out.append(value.longValue());
        } else {
            writeDouble(value.doubleValue(), out);
        }
    }

    // ------------------------------------------------------------------------------------------ strings

    private static void writeString(String s, StringBuilder out) {
        out.append('"');
        int n = s.length();
        int start = 0;
        for (int i = 0; i < n; i++) {
            char ch = s.charAt(i);
            if (ch >= 0x20 && ch != '"' && ch != '\\' && !Character.isSurrogate(ch)) {
                continue;
            }
            if (Character.isSurrogate(ch)) {
                if (Character.isHighSurrogate(ch) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    continue;
                }
                throw new IllegalArgumentException(String.format(
                        "string holds a lone surrogate U+%04X at index %d; JSON text must be valid Unicode", (int) ch, i));
            }
            out.append(s, start, i);
            start = i + 1;
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> out.append("\\u00").append(HEX[ch >> 4]).append(HEX[ch & 0xF]);
            }
        }
        out.append(s, start, n);
        out.append('"');
    }

    // ------------------------------------------------------------------------------------------ numbers

    private static void writeDouble(double value, StringBuilder out) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("JSON cannot represent " + value);
        }
        if (value == 0.0) {
            out.append('0');
            return;
        }
        double abs = Math.abs(value);
        if (abs <= EXACT_INTEGER_LIMIT && abs == Math.rint(abs)) {
            out.append((long) value);
            return;
        }
        if (value < 0) {
            out.append('-');
        }
        // Shortest digits: Java's Double.toString (JDK 19+) yields the shortest decimal that rounds to the
        // double, closest to it, ties to even -- as ECMAScript does -- except that when a one-digit decimal
        // exists it may pick a closer two-digit one (Double.MIN_VALUE is "4.9E-324", ECMAScript "5e-324").
        String java = Double.toString(abs);
        int ePos = java.indexOf('E');
        int exp = ePos < 0 ? 0 : Integer.parseInt(java, ePos + 1, java.length(), 10);
        int mantissaEnd = ePos < 0 ? java.length() : ePos;
        char[] digits = new char[mantissaEnd];
        int k = 0;
        for (int i = 0; i < mantissaEnd; i++) {
            char ch = java.charAt(i);
            if (ch != '.' && (k > 0 || ch != '0')) {
                digits[k++] = ch;
            }
        }
        int n = decimalExponent(java, mantissaEnd, exp);
        while (k > 1 && digits[k - 1] == '0') {
            k--;
        }
        if (k == 2) {
            int oneDigit = oneDigitAlternative(abs, n);
            if (oneDigit != 0) {
                if (oneDigit == 10) {
                    digits[0] = '1';
                    n++;
                } else {
                    digits[0] = (char) ('0' + oneDigit);
                }
                k = 1;
            }
        }
        formatEcma(digits, k, n, out);
    }

    /**
     * The decimal exponent n of Java's text such that the value is 0.d1d2... x 10^n, where d1 is the first
     * non-zero digit.
     */
    private static int decimalExponent(String java, int mantissaEnd, int exp) {
        int intDigits = 0;
        int i = 0;
        while (i < mantissaEnd && java.charAt(i) != '.') {
            intDigits++;
            i++;
        }
        // Count leading zeros (before the first non-zero digit), on both sides of the point.
        int leadingZeros = 0;
        for (int j = 0; j < mantissaEnd; j++) {
            char ch = java.charAt(j);
            if (ch == '.') {
                continue;
            }
            if (ch != '0') {
                break;
            }
            leadingZeros++;
        }
        return intDigits - leadingZeros + exp;
    }

    /**
     * When the shortest representation has one digit but Java chose two, the one-digit decimal ECMAScript
     * wants: returns the digit (10 meaning "1" at the next power of ten), or 0 if no one-digit decimal
     * rounds to {@code abs}. {@code n} is the exponent of Java's two-digit decimal 0.d1d2 x 10^n.
     */
    private static int oneDigitAlternative(double abs, int n) {
        BigDecimal exact = new BigDecimal(abs);
        BigDecimal unit = BigDecimal.ONE.scaleByPowerOfTen(n - 1);
        BigDecimal scaled = exact.divide(unit);
        int floor = scaled.setScale(0, RoundingMode.FLOOR).intValueExact();
        int ceil = floor + 1;
        boolean floorOk = floor >= 1 && floor <= 9 && roundsTo(floor, n - 1, abs);
        boolean ceilOk = roundsTo(ceil, n - 1, abs);
        if (floorOk && ceilOk) {
            int cmp = scaled.subtract(BigDecimal.valueOf(floor)).compareTo(BigDecimal.valueOf(ceil).subtract(scaled));
            if (cmp < 0) {
                return floor;
            }
            if (cmp > 0) {
                return ceil;
            }
            return floor % 2 == 0 ? floor : ceil;
        }
        return floorOk ? floor : ceilOk ? ceil : 0;
    }

    private static boolean roundsTo(int digit, int exponent, double abs) {
        return Double.parseDouble(digit + "E" + exponent) == abs;
    }

    /** ECMA-262 Number::toString, step 6 onwards, for the digits d[0..k) and exponent n (value 0.d x 10^n). */
    private static void formatEcma(char[] d, int k, int n, StringBuilder out) {
        if (k <= n && n <= 21) {
            out.append(d, 0, k);
            for (int i = k; i < n; i++) {
                out.append('0');
            }
        } else if (0 < n && n <= 21) {
            out.append(d, 0, n).append('.').append(d, n, k - n);
        } else if (-6 < n && n <= 0) {
            out.append("0.");
            for (int i = n; i < 0; i++) {
                out.append('0');
            }
            out.append(d, 0, k);
        } else {
            out.append(d[0]);
            if (k > 1) {
                out.append('.').append(d, 1, k - 1);
            }
            int e = n - 1;
            out.append('e').append(e < 0 ? '-' : '+').append(Math.abs(e));
        }
    }

    // ------------------------------------------------------------------------------------------ helpers

    /** One SHA-256 digest per thread: looking the algorithm up costs more than hashing a small value. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    });

    /** This thread's digest; {@link MessageDigest#digest(byte[])} leaves it reset for the next use. */
    private static MessageDigest digest() {
        return SHA256.get();
    }

    private static final Pattern START_MARKER =
            Pattern.compile(" ?\\(start marker at \\[Source: [^;\\]]*(?:\\([^)]*\\))?[^;\\]]*; line: (\\d+), column: (\\d+)\\]\\)");

    private static final Pattern CONSTRAINT_SOURCE = Pattern.compile(",? from `StreamReadConstraints\\.[^`]*`");

    /**
     * Jackson's message without what only Jackson's users need: the source description in "(start marker at
     * [Source: …; line: 1, column: 1])", and which StreamReadConstraints getter a limit comes from; as Unicode
     * text, since it may quote half of a surrogate pair (and a message is recorded, as JSON, in traces).
     */
    private static String readable(String message) {
        String m = START_MARKER.matcher(message).replaceAll(" (opened at line $1, column $2)");
        return JsonReading.unicode(CONSTRAINT_SOURCE.matcher(m).replaceAll(""));
    }

    private static String locationOf(JsonProcessingException e) {
        var loc = e.getLocation();
        if (loc == null || loc.getLineNr() < 0) {
            return "";
        }
        return " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    }
}
