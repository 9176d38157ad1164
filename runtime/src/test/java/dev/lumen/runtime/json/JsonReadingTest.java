package dev.lumen.runtime.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every JSON reader of Lumen accepts (JsonReading): Lumen's own limits, not Jackson's defaults. */
class JsonReadingTest {
    /** Jackson's default limit on a string's length, which Lumen does not keep. */
    private static final int JACKSON_STRING_LIMIT = 20_000_000;

    @Test
    void stringsAndNamesPastJacksonsLimitsReadBackAsWritten() {
        String big = "x".repeat(JACKSON_STRING_LIMIT + 1);
        String text = CanonicalJson.write(Map.of("text", big));
        JsonNode read = CanonicalJson.parse(text);
        assertEquals(big.length(), read.get("text").textValue().length());
        assertEquals(text, CanonicalJson.write(read));
        String name = "k".repeat(60_000); // Jackson's default name limit is 50,000
        assertEquals(1, CanonicalJson.parse(CanonicalJson.write(Map.of(name, 1))).get(name).intValue());
    }

    @Test
    void everyReaderHasTheSameLimits() throws Exception {
        String big = "\"" + "y".repeat(JACKSON_STRING_LIMIT + 1) + "\"";
        assertEquals(JACKSON_STRING_LIMIT + 1, JsonReading.mapper().build().readTree(big).textValue().length());
        assertThrows(Exception.class, () -> JsonReading.mapper().build()
                .readTree("[".repeat(CanonicalJson.MAX_DEPTH + 1) + "]".repeat(CanonicalJson.MAX_DEPTH + 1)));
    }

    @Test
    void nestingIsTheWritersAndLongNumbersAreRefused() {
        String deepest = "[".repeat(CanonicalJson.MAX_DEPTH) + "]".repeat(CanonicalJson.MAX_DEPTH);
        assertEquals(deepest, CanonicalJson.write(CanonicalJson.parse(deepest)));
        IllegalArgumentException digits = assertThrows(IllegalArgumentException.class,
                () -> CanonicalJson.parse("1" + "0".repeat(JsonReading.MAX_NUMBER_LENGTH)));
        assertEquals("not JSON: Number value length (1001) exceeds the maximum allowed (1000)",
                digits.getMessage());
    }

    @Test
    void numbersPastAFloatAreNotRead() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CanonicalJson.parse("{\"a\": [1, 1e400]}"));
        assertEquals("not JSON Lumen can read: the number at \"/a/1\" is too large: Lumen reads numbers up to "
                + "1.7976931348623157e+308 in magnitude", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.parse("-1e400"));
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.parse("{\"a/b\": " + "9".repeat(400) + "}"),
                "an integer of 400 digits");
        // within range, and what rounds to zero, are numbers
        assertEquals("[1e+308,0,1e+30]", CanonicalJson.write(CanonicalJson.parse("[1e308, 1e-400, 1" + "0".repeat(30) + "]")));
        // and whatever was read can be written
        assertEquals("[1.7976931348623157e+308]", CanonicalJson.write(CanonicalJson.parse("[1.7976931348623157e308]")));
    }

    @Test
    void loneSurrogatesReadAsReplacementCharacters() {
        JsonNode read = CanonicalJson.parse("{\"a\\ud800\": \"x\\udc00y\", \"pair\": \"\\ud83d\\ude00\", \"list\": [\"\\ud83d\"]}");
        assertEquals("{\"a\ufffd\":\"x\ufffdy\",\"list\":[\"\ufffd\"],\"pair\":\"\ud83d\ude00\"}", CanonicalJson.write(read));
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> CanonicalJson.parse("{\"o\": {\"\\ud800\": 1, \"\\ud801\": 2}}"));
        assertEquals("not JSON Lumen can read: the object at \"/o\" has two members named \"\ufffd\" once their lone"
                + " surrogates read as U+FFFD", twice.getMessage());
    }

    @Test
    void parseErrorsAreUnicodeText() {
        // Jackson quotes the character it stopped at, here half of a surrogate pair
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CanonicalJson.parse("\ud83d\ude00"));
        assertEquals(e.getMessage(), JsonReading.unicode(e.getMessage()));
        CanonicalJson.quote(e.getMessage());
    }

    @Test
    void treesFromOtherReadersAreNormalizedInPlace() {
        ObjectNode tree = JsonNodeFactory.instance.objectNode();
        tree.put("text", "a\ud800").putArray("n").add(1.5);
        assertSame(tree, JsonReading.normalized(tree));
        assertEquals("{\"n\":[1.5],\"text\":\"a\ufffd\"}", CanonicalJson.write(tree));
        ObjectNode infinite = JsonNodeFactory.instance.objectNode();
        infinite.putArray("n").add(Double.POSITIVE_INFINITY);
        assertThrows(IllegalArgumentException.class, () -> JsonReading.normalized(infinite));
    }

    @Test
    void unicodeKeepsPairsAndReplacesHalves() {
        String text = "ok";
        assertSame(text, JsonReading.unicode(text));
        assertEquals("\ufffda\ud83d\ude00\ufffd\ufffdb", JsonReading.unicode("\udc00a\ud83d\ude00\ud800\ud800b"));
        assertEquals(List.of("\ufffd"), List.of(JsonReading.unicode("\ud83d")));
    }
}
