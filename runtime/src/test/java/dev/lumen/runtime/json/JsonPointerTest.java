package dev.lumen.runtime.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class JsonPointerTest {

    @Test
    void tokensAreUnescapedTildeOneFirst() {
        assertEquals(List.of("a/b", "m~n", "~1", ""), JsonPointer.parse("/a~1b/m~0n/~01/").tokens());
        assertTrue(JsonPointer.parse("").isRoot());
        assertEquals(List.of(""), JsonPointer.parse("/").tokens());
    }

    @Test
    void escapingRoundTrips() {
        for (String token : List.of("plain", "a/b", "~", "~1", "/~0/", "")) {
            JsonPointer p = JsonPointer.ROOT.child(token).child("x");
            assertEquals(List.of(token, "x"), JsonPointer.parse(p.toString()).tokens());
        }
        assertEquals("/a~1b/~0~01", JsonPointer.ROOT.child("a/b").child("~~1").toString());
        assertEquals("/items/3", JsonPointer.append("/items", "3"));
    }

    @Test
    void prefixesAndParents() {
        JsonPointer p = JsonPointer.parse("/a/b~1c/0");
        assertEquals("/a/b~1c", p.parent().toString());
        assertEquals("/a", p.prefix(1).toString());
        assertEquals(JsonPointer.ROOT, p.prefix(0));
        assertEquals("0", p.last());
    }

    @Test
    void indicesAreDecimalsWithoutLeadingZeros() {
        assertEquals(0, JsonPointer.index("0"));
        assertEquals(120, JsonPointer.index("120"));
        assertEquals(Integer.MAX_VALUE, JsonPointer.index("2147483647"));
        for (String token : List.of("", "-", "01", "-1", "+1", "1e2", "2147483648", "99999999999", "x")) {
            assertEquals(-1, JsonPointer.index(token), token);
        }
    }

    @Test
    void malformedPointersSayWhy() {
        assertEquals("\"a/b\" is not a JSON pointer: a pointer is empty (the whole value) or starts with \"/\", as in \"/a/b\"",
                assertThrows(IllegalArgumentException.class, () -> JsonPointer.parse("a/b")).getMessage());
        for (String text : List.of("/~", "/a~", "/~2", "/~a")) {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> JsonPointer.parse(text)).getMessage()
                    .endsWith("\"~\" must be followed by 0 or 1 (\"~0\" stands for \"~\", \"~1\" for \"/\")"), text);
        }
    }
}
