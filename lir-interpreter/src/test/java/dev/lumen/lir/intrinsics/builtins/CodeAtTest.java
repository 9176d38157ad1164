package dev.lumen.lir.intrinsics.builtins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lumen.lir.errors.LumenFailure;
import dev.lumen.lir.values.LumenList;
import org.junit.jupiter.api.Test;

class CodeAtTest {
    @Test
    void indexesCountCodePointsInShortAndLongTexts() {
        String shortText = "a𝄞b";
        assertEquals('a', CodeAt.codeAt(shortText, 0));
        assertEquals(0x1D11E, CodeAt.codeAt(shortText, 1));
        assertEquals('b', CodeAt.codeAt(shortText, 2));
        String longText = "x".repeat(100) + "𝄞" + "y";
        assertEquals(0x1D11E, CodeAt.codeAt(longText, 100));
        assertEquals('y', CodeAt.codeAt(longText, 101));
        String plain = "z".repeat(100) + "€";
        assertEquals('€', CodeAt.codeAt(plain, 100));
        assertEquals(0x1D11E, CodeAt.codeAt(longText, 100), "the remembered layout is the right text's");
    }

    @Test
    void anIndexOutsideTheTextIsARuntimeError() {
        LumenFailure past = assertThrows(LumenFailure.class, () -> CodeAt.codeAt("𝄞", 1));
        assertEquals("code_at: index 1 is out of range for a text of 1 code points", past.getMessage());
        assertThrows(LumenFailure.class, () -> CodeAt.codeAt("x".repeat(100), -1));
        assertThrows(LumenFailure.class, () -> CodeAt.codeAt("x".repeat(100), 100));
    }

    @Test
    void walkingALongTextIsLinear() {
        String text = "item;".repeat(2_000_000);
        long start = System.nanoTime();
        long sum = 0;
        for (int k = 0; k < text.length(); k++) {
            sum += CodeAt.codeAt(text, k);
        }
        assertEquals(2_000_000L * ("item;".chars().sum()), sum);
        // Quadratic (a scan per call) would take hours; linear takes milliseconds.
        assertEquals(true, System.nanoTime() - start < 30_000_000_000L);
    }

    @Test
    void joinWritesEveryPartWithTheSeparator() {
        assertEquals("a, b, c", Join.join(LumenList.of("a", "b", "c"), ", "));
        assertEquals("", Join.join(LumenList.empty(), "-"));
        assertEquals("𝄞", Join.join(LumenList.of("𝄞"), "-"));
    }
}
