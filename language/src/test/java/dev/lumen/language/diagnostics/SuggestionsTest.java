package dev.lumen.language.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

    @Test
    void closestWithinAThirdOfTheLength() {
        assertEquals(Optional.of("total"), Suggestions.closest("totl", List.of("id", "vendor", "total")));
        assertEquals(Optional.of("vendor"), Suggestions.closest("vednor", List.of("id", "vendor", "total")));
        assertEquals(Optional.empty(), Suggestions.closest("currency", List.of("id", "vendor", "total")));
    }

    @Test
    void aTranspositionIsOneEdit() {
        assertEquals(1, Suggestions.distance("ab", "ba"));
        assertEquals(1, Suggestions.distance("recieve", "receive"));
        assertEquals(3, Suggestions.distance("ca", "abc")); // optimal string alignment: no edit after a swap
        assertEquals(3, Suggestions.distance("kitten", "sitting"));
        assertEquals(0, Suggestions.distance("", ""));
        assertEquals(4, Suggestions.distance("", "abcd"));
    }

    @Test
    void thresholdIsAtLeastOne() {
        assertEquals(Optional.of("ab"), Suggestions.closest("a", List.of("ab")));
        assertEquals(Optional.empty(), Suggestions.closest("ab", List.of("cd")));
        // length 6 allows two edits, 5 only one
        assertEquals(Optional.of("abcdef"), Suggestions.closest("abxdxf", List.of("abcdef")));
        assertEquals(Optional.empty(), Suggestions.closest("abxdx", List.of("abcde")));
    }

    @Test
    void caseInsensitiveMatchWinsOverCloserSpellings() {
        assertEquals(Optional.of("Invoice"), Suggestions.closest("invoice", List.of("invoices", "Invoice")));
        assertEquals(Optional.of("on"), Suggestions.closest("ON", List.of("on", "off")));
    }

    @Test
    void tiesGoToTheEarlierCandidate() {
        assertEquals(Optional.of("cat"), Suggestions.closest("bat", List.of("cat", "hat")));
        assertEquals(Optional.of("hat"), Suggestions.closest("bat", List.of("hat", "cat")));
    }

    @Test
    void codePointsCountOnce() {
        assertEquals(1, Suggestions.distance("caf😀", "café"));
    }

    @Test
    void didYouMeanText() {
        assertEquals(Optional.of("did you mean `total`?"), Suggestions.didYouMean("totl", List.of("total")));
        assertEquals(Optional.empty(), Suggestions.didYouMean("zzzz", List.of("total")));
        assertEquals("did you mean `@cache`?", Suggestions.didYouMean("@cache"));
    }
}
