package dev.lumen.runtime.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalValueTest {

    @Test
    void holdsTheCanonicalTextItsSizeAndHash() {
        CanonicalValue v = CanonicalValue.of(Map.of("b", 1, "a", List.of("é", 2.50)));
        assertEquals("{\"a\":[\"é\",2.5],\"b\":1}", v.text());
        assertEquals(v.text().getBytes(StandardCharsets.UTF_8).length, v.size());
        assertEquals(CanonicalJson.hash(Map.of("a", List.of("é", 2.5), "b", 1)), v.hash());
        assertEquals(v.text(), CanonicalJson.write(v.tree()));
        assertSame(v, CanonicalValue.of(v));
        assertEquals(v, CanonicalValue.ofCanonicalText(v.utf8()));
    }

    @Test
    void onlyCanonicalTextIsAcceptedAsSuch() {
        assertThrows(IllegalArgumentException.class, () -> CanonicalValue.ofCanonicalText("{\"b\":1,\"a\":2}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IllegalArgumentException.class, () -> CanonicalValue.ofCanonicalText("[1, 2]".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void previewsCutAtCharacterBoundaries() {
        CanonicalValue v = CanonicalValue.of("ééééé"); // "ééééé" is 1 + 10 + 1 bytes
        assertEquals(v.text(), v.preview(12));
        assertEquals("\"éééé", v.preview(10));
        assertEquals("\"éééé", v.preview(9), "9 bytes would split the fifth é");
        assertEquals("\"", v.preview(2));
        assertEquals("", v.preview(0));
        CanonicalValue emoji = CanonicalValue.of("😀😀");
        assertEquals("\"😀", emoji.preview(8));
    }
}
