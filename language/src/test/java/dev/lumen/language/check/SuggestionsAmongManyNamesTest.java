package dev.lumen.language.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Did-you-mean over a large document's names: candidates are deduplicated in one pass, not by a list search per
 * candidate, which made one unknown name in a document of 100,000 cells take minutes. (The time limit only
 * catches that: the pass takes milliseconds.)
 */
class SuggestionsAmongManyNamesTest {

    @Test
    @Timeout(60)
    void oneUnknownNameAmongAHundredThousandCellsIsAnsweredAtOnce() {
        List<String> names = new ArrayList<>(IntStream.range(0, 200_000).mapToObj(i -> "cell_" + i).toList());
        names.add("total");
        names.addAll(names.subList(0, 1000)); // repeated names, as scopes repeat them
        assertEquals(Optional.of("total"), Names.closest("totl", names));
    }

    @Test
    void theNameItselfAndRepeatsAreNoSuggestion() {
        assertEquals(Optional.empty(), Names.closest("x", List.of("x", "x")));
        assertEquals(Optional.of("total"), Names.closest("totl", List.of("totl", "total", "total")));
    }
}
