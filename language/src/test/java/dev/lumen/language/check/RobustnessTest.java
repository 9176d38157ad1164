package dev.lumen.language.check;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The checker never throws, whatever the parser recovered: every example is checked with each line removed,
 * each line cut in half, and each identifier-looking word misspelt.
 */
class RobustnessTest {

    private static List<String> mutations(String doc) {
        String[] lines = doc.split("\n", -1);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            List<String> copy = new ArrayList<>(Arrays.asList(lines));
            copy.remove(i);
            out.add(String.join("\n", copy));
            copy = new ArrayList<>(Arrays.asList(lines));
            copy.set(i, lines[i].substring(0, lines[i].length() / 2));
            out.add(String.join("\n", copy));
            copy = new ArrayList<>(Arrays.asList(lines));
            copy.set(i, lines[i].replaceFirst("([a-z])([a-z]+)", "$2$1"));
            out.add(String.join("\n", copy));
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> mutatedExamplesNeverCrashTheChecker() {
        List<String> docs = List.of(ExamplesTest.INVOICE, ExamplesTest.TICKETS, ExamplesTest.HTTP);
        return docs.stream().flatMap(doc -> mutations(doc).stream()).map(m -> DynamicTest.dynamicTest(
                "mutation " + Integer.toHexString(m.hashCode()), () -> {
                    Checked c = Checked.of(m, false);
                    assertTrue(c.diagnostics().size() < 200);
                }));
    }
}
