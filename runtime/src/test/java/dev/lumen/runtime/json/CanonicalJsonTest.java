package dev.lumen.runtime.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanonicalJsonTest {

    /** RFC 8785 §3.2.2: the sample input and its canonical form. */
    @Test
    void rfc8785SampleObject() {
        String input = """
                {
                  "numbers": [333333333.33333329, 1E30, 4.50,
                              2e-3, 0.000000000000000000000000001],
                  "string": "\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\"\\/",
                  "literals": [null, true, false]
                }
                """;
        String expected = "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                + "\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";
        assertEquals(expected, CanonicalJson.canonicalize(input));
    }

    /** RFC 8785 §3.2.3: member names sorted by UTF-16 code units. */
    @Test
    void rfc8785SortingExample() {
        String input = """
                {
                  "\\u20ac": "Euro Sign",
                  "\\r": "Carriage Return",
                  "\\ufb33": "Hebrew Letter Dalet With Dagesh",
                  "1": "One",
                  "\\ud83d\\ude00": "Emoji: Grinning Face",
                  "\\u0080": "Control",
                  "\\u00f6": "Latin Small Letter O With Diaeresis"
                }
                """;
        String expected = "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
                + "\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}";
        assertEquals(expected, CanonicalJson.canonicalize(input));
    }

    /** RFC 8785 Appendix B: IEEE 754 bit patterns and their JSON form. */
    @ParameterizedTest
    @CsvSource(delimiter = ' ', value = {
        "0000000000000000 0",
        "8000000000000000 0",
        "0000000000000001 5e-324",
        "8000000000000001 -5e-324",
        "7fefffffffffffff 1.7976931348623157e+308",
        "ffefffffffffffff -1.7976931348623157e+308",
        "4340000000000000 9007199254740992",
        "c340000000000000 -9007199254740992",
        "4430000000000000 295147905179352830000",
        "44b52d02c7e14af5 9.999999999999997e+22",
        "44b52d02c7e14af6 1e+23",
        "44b52d02c7e14af7 1.0000000000000001e+23",
        "444b1ae4d6e2ef4e 999999999999999700000",
        "444b1ae4d6e2ef4f 999999999999999900000",
        "444b1ae4d6e2ef50 1e+21",
        "3eb0c6f7a0b5ed8c 9.999999999999997e-7",
        "3eb0c6f7a0b5ed8d 0.000001",
        "41b3de4355555553 333333333.3333332",
        "41b3de4355555554 333333333.33333325",
        "41b3de4355555555 333333333.3333333",
        "41b3de4355555556 333333333.3333334",
        "41b3de4355555557 333333333.33333343",
        "becbf647612f3696 -0.0000033333333333333333",
        "43143ff3c1cb0959 1424953923781206.2",
    })
    void rfc8785NumberTable(String bits, String expected) {
        double d = Double.longBitsToDouble(Long.parseUnsignedLong(bits, 16));
        assertEquals(expected, CanonicalJson.number(d));
        assertEquals(expected, CanonicalJson.write(d));
    }

    /** ECMAScript Number-to-String examples around the notation thresholds. */
    @ParameterizedTest
    @CsvSource(delimiter = ' ', value = {
        "0.0 0",
        "-0.0 0",
        "1.0 1",
        "-1.5 -1.5",
        "1e21 1e+21",
        "1e20 100000000000000000000",
        "123e18 123000000000000000000",
        "1.5e21 1.5e+21",
        "1e-6 0.000001",
        "1e-7 1e-7",
        "1.25e-7 1.25e-7",
        "0.1 0.1",
        "0.30000000000000004 0.30000000000000004",
        "333333333.3333333 333333333.3333333",
        "9007199254740993 9007199254740992",
        "9007199254740994 9007199254740994",
        "18014398509481985 18014398509481984",
        "4.9e-324 5e-324",
        "1e-323 1e-323",
        "2.5e-323 2.5e-323",
        "1e300 1e+300",
        "12345678.9 12345678.9",
        "100.0 100",
    })
    void ecmascriptExamples(double value, String expected) {
        assertEquals(expected, CanonicalJson.number(value));
    }

    /** Thousands of doubles whose ECMAScript String(x) was recorded with Node.js. */
    @Test
    void matchesEcmascriptOnRecordedVectors() throws IOException {
        int checked = 0;
        List<String> failures = new ArrayList<>();
        try (InputStream in = getClass().getResourceAsStream("es-number-vectors.txt");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split(" ");
                double d = Double.longBitsToDouble(Long.parseUnsignedLong(parts[0], 16));
                String got = CanonicalJson.number(d);
                if (!got.equals(parts[1])) {
                    failures.add(parts[0] + ": expected " + parts[1] + ", got " + got);
                }
                checked++;
            }
        }
        assertTrue(checked > 3000, "vectors read: " + checked);
        assertEquals(List.of(), failures);
    }

    @Test
    void shortestDigitsRoundTrip() {
        java.util.Random random = new java.util.Random(8785);
        for (int i = 0; i < 200_000; i++) {
            double d = Double.longBitsToDouble(random.nextLong());
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                continue;
            }
            String s = CanonicalJson.number(d);
            double back = Double.parseDouble(s);
            assertEquals(d == 0 ? 0.0 : d, back == 0 ? 0.0 : back, s);
            assertTrue(Double.compare(Math.abs(d), Math.abs(back)) == 0, s);
        }
    }

    @Test
    void integersStayExact() {
        assertEquals("9007199254740993", CanonicalJson.write(9007199254740993L));
        assertEquals("-9223372036854775808", CanonicalJson.write(Long.MIN_VALUE));
        assertEquals("9223372036854775807", CanonicalJson.write(BigInteger.valueOf(Long.MAX_VALUE)));
        assertEquals("42", CanonicalJson.write(42));
        assertEquals("-7", CanonicalJson.write((short) -7));
        assertEquals("3", CanonicalJson.write((byte) 3));
        // Beyond a long: through double, as RFC 8785 does for every number.
        assertEquals("18446744073709552000", CanonicalJson.write(new BigInteger("18446744073709551616")));
        assertEquals("1.5", CanonicalJson.write(new BigDecimal("1.50")));
        assertEquals("0.10000000149011612", CanonicalJson.write(0.1f));
        // Parsed text: integer literals that fit in a long stay exact, others go through double.
        assertEquals("[9007199254740993,9007199254740992,1e+30,100000000000000000000]",
                CanonicalJson.canonicalize("[9007199254740993, 9007199254740993.0, 1000000000000000000000000000000, 1e20]"));
        assertEquals("[0,0,0]", CanonicalJson.canonicalize("[-0, -0.0, 0e5]"));
    }

    @Test
    void nonFiniteNumbersAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.number(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.write(Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.write(List.of(Float.NEGATIVE_INFINITY)));
    }

    @Test
    void stringEscaping() {
        assertEquals("\"\\u0000\\u0001\\b\\t\\n\\u000b\\f\\r\\u000e\\u001f \"", CanonicalJson.quote("\0\u0001\b\t\n\u000b\f\r\u000e\u001f "));
        assertEquals("\"\\\"\\\\/\"", CanonicalJson.quote("\"\\/"));
        // DEL, non-ASCII, line separators and astral characters are written as themselves.
        assertEquals("\"\u007f\u00e9\u2028\u2029\ud83d\ude00\"", CanonicalJson.quote("\u007f\u00e9\u2028\u2029\ud83d\ude00"));
        assertEquals("\"plain text\"", CanonicalJson.write("plain text"));
        assertEquals("\"sb\"", CanonicalJson.write(new StringBuilder("sb")));
    }

    @Test
    void loneSurrogatesAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CanonicalJson.quote("a\ud800b"));
        assertTrue(e.getMessage().contains("U+D800"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.quote("\udc00"));
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.quote("end\ud83d"));
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.write(Map.of("\ud800", 1)));
    }

    @Test
    void javaValuesAndJacksonNodesAgree() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("z", List.of(1, 2.5, "x", true));
        map.put("a", null);
        map.put("m", Map.of("b", 1, "a", new Object[] {false, null}));
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.putArray("z").add(1).add(2.5).add("x").add(true);
        node.putNull("a");
        ObjectNode m = node.putObject("m");
        m.put("b", 1);
        m.putArray("a").add(false).addNull();
        String expected = "{\"a\":null,\"m\":{\"a\":[false,null],\"b\":1},\"z\":[1,2.5,\"x\",true]}";
        assertEquals(expected, CanonicalJson.write(map));
        assertEquals(expected, CanonicalJson.write(node));
        assertEquals(expected, CanonicalJson.canonicalize(node.toPrettyString()));
        assertEquals("{}", CanonicalJson.write(Map.of()));
        assertEquals("[]", CanonicalJson.write(List.of()));
    }

    @Test
    void sortsLargeMapsAndMapsWithForeignOrder() {
        Map<String, Integer> big = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>();
        for (int i = 99; i >= 0; i--) {
            String k = "k" + i;
            big.put(k, i);
            keys.add(k);
        }
        keys.sort(Comparator.naturalOrder());
        StringBuilder expected = new StringBuilder("{");
        for (String k : keys) {
            expected.append(expected.length() > 1 ? "," : "").append('"').append(k).append("\":").append(big.get(k));
        }
        expected.append('}');
        assertEquals(expected.toString(), CanonicalJson.write(big));

        TreeMap<String, Integer> reversed = new TreeMap<>(Comparator.reverseOrder());
        reversed.put("a", 1);
        reversed.put("b", 2);
        assertEquals("{\"a\":1,\"b\":2}", CanonicalJson.write(reversed));
        TreeMap<String, Integer> natural = new TreeMap<>(Map.of("b", 2, "a", 1));
        assertEquals("{\"a\":1,\"b\":2}", CanonicalJson.write(natural));
        // UTF-16 code unit order, not code point order: U+FB33 sorts after U+1F600 (surrogate D83D).
        assertEquals("{\"\ud83d\ude00\":1,\"\ufb33\":2}", CanonicalJson.write(Map.of("\ufb33", 2, "\ud83d\ude00", 1)));
    }

    @Test
    void convertibleValues() {
        CanonicalJson.Convertible point = () -> Map.of("y", 2, "x", 1);
        assertEquals("[{\"x\":1,\"y\":2}]", CanonicalJson.write(List.of(point)));
    }

    @Test
    void aConvertibleContainerIsOneLevelOfNesting() {
        // as Lumen's lists, maps and records are: the array a list converts to is its one level
        Object deep = 1;
        for (int i = 0; i < CanonicalJson.MAX_DEPTH; i++) {
            Object inner = deep;
            deep = (CanonicalJson.Convertible) () -> new Object[] {inner};
        }
        assertEquals("[".repeat(CanonicalJson.MAX_DEPTH) + "1" + "]".repeat(CanonicalJson.MAX_DEPTH), CanonicalJson.write(deep));
        // a Convertible that converts to itself is caught as a cycle, not a stack overflow
        CanonicalJson.Convertible itself = new CanonicalJson.Convertible() {
            @Override
            public Object toJson() {
                return this;
            }
        };
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.write(itself));
    }

    @Test
    void aConvertibleIsWrittenAtItsOwnLevel() {
        // A list of lists as a runtime holds one: each level a convertible whose JSON is an array of the next.
        CanonicalJson.Convertible deep = () -> List.of(1);
        for (int i = 1; i < CanonicalJson.MAX_DEPTH; i++) {
            CanonicalJson.Convertible inner = deep;
            deep = () -> List.of(inner);
        }
        String json = CanonicalJson.write(deep);
        assertEquals("[".repeat(CanonicalJson.MAX_DEPTH) + "1" + "]".repeat(CanonicalJson.MAX_DEPTH), json);
        CanonicalJson.Convertible deeper = deep;
        CanonicalJson.Convertible tooDeep = () -> List.of(deeper);
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.write(tooDeep));
        // A convertible that converts to itself still ends.
        CanonicalJson.Convertible[] loop = new CanonicalJson.Convertible[1];
        loop[0] = () -> loop[0];
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.write(loop[0]));
    }

    @Test
    void unsupportedValuesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.write(new Object()));
        Map<Object, Object> intKeys = new LinkedHashMap<>();
        intKeys.put(1, "one");
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.write(intKeys));
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.write(JsonNodeFactory.instance.binaryNode(new byte[] {1})));
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.write(JsonNodeFactory.instance.missingNode()));
    }

    @Test
    void cyclesAndDeepNestingAreRejected() {
        List<Object> cyclic = new ArrayList<>();
        cyclic.add(cyclic);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CanonicalJson.write(cyclic));
        assertTrue(e.getMessage().contains("nested deeper"), e.getMessage());
        Object deep = 1;
        for (int i = 0; i < CanonicalJson.MAX_DEPTH; i++) {
            deep = List.of(deep);
        }
        assertEquals("[".repeat(CanonicalJson.MAX_DEPTH) + "1" + "]".repeat(CanonicalJson.MAX_DEPTH), CanonicalJson.write(deep));
        Object deeper = List.of(deep);
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.write(deeper));
    }

    @Test
    void strictParsing() {
        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class, () -> CanonicalJson.canonicalize("{\"a\":1,\"a\":2}"));
        assertTrue(dup.getMessage().startsWith("not JSON: "), dup.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.canonicalize("{} {}"));
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.canonicalize("[1,]"));
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.canonicalize("// c\n1"));
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> CanonicalJson.canonicalize("  "));
        assertEquals("not JSON: empty input", empty.getMessage());
        assertEquals("\"x\"", CanonicalJson.canonicalize(" \"x\" "));
    }

    @Test
    void parseErrorsSpeakOfTheTextNotOfTheParser() {
        IllegalArgumentException open = assertThrows(IllegalArgumentException.class, () -> CanonicalJson.parse("{\"a\": [1"));
        assertEquals("not JSON: Unexpected end-of-input: expected close marker for Array (opened at line 1, column 7)"
                + " at line 1, column 9", open.getMessage());
        IllegalArgumentException deep = assertThrows(IllegalArgumentException.class,
                () -> CanonicalJson.parse("[".repeat(1001) + "]".repeat(1001)));
        assertEquals("not JSON: Document nesting depth (1001) exceeds the maximum allowed (1000)",
                deep.getMessage());
    }

    @Test
    void sha256() {
        assertEquals("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", CanonicalJson.sha256(""));
        assertEquals("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", CanonicalJson.sha256("abc"));
        // UTF-8 encoding: "é" is C3 A9.
        assertEquals(CanonicalJson.sha256(new byte[] {(byte) 0xC3, (byte) 0xA9}), CanonicalJson.sha256("\u00e9"));
        assertEquals(CanonicalJson.sha256("{\"a\":1,\"b\":[true]}"), CanonicalJson.hash(Map.of("b", List.of(true), "a", 1)));
        assertTrue(CanonicalJson.hash(Arrays.asList(1, null)).matches("sha256:[0-9a-f]{64}"));
    }
}
