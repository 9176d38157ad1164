package dev.lumen.language.ide;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lumen.language.source.Span;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Document symbols: headings nest by level, declarations sit under the heading before them. */
class OutlineTest {

    /** The outline as indented lines: kind, name and the lines its range covers. */
    private static List<String> outline(String markdown) {
        List<String> out = new ArrayList<>();
        for (OutlineItem i : Marked.of(markdown).analysis().outline()) {
            render(i, "", out);
        }
        return out;
    }

    private static void render(OutlineItem i, String indent, List<String> out) {
        Span r = i.range();
        out.add(indent + i.kind() + " " + i.name() + " " + r.line() + "-" + r.endLine());
        for (OutlineItem c : i.children()) {
            render(c, indent + "  ", out);
        }
    }

    @Test
    void declarationsUnderTheirHeadings() {
        assertEquals(List.of(
                "RECORD Loose 2-4",
                "  FIELD x 3-3",
                "HEADING Guide 6-28",
                "  HEADING Types 8-17",
                "    ENUM Level 11-13",
                "      VARIANT Low 12-12",
                "  HEADING Tools and cells 18-28",
                "    TOOL Parse 20-20",
                "    HEADING Deeper 23-28",
                "      CELL run 25-27"), outline("""
                ```lumen
                record Loose
                  x: Int
                end
                ```
                # Guide

                ## Types

                ```lumen
                enum Level
                  Low
                end
                ```

                Prose.

                ## Tools and cells
                ```lumen
                use tool json.parse as Parse
                grant Parse
                ```
                ### Deeper
                ```lumen
                cell run() -> Int
                  return 1
                end
                ```"""));
    }

    @Test
    void aTestIsListedByItsName() {
        assertEquals(List.of("CELL run 2-4", "CELL test \"runs\" 6-8"), outline("""
                ```lumen
                cell run() -> Int
                  return 1
                end

                test "runs"
                  assert run() == 1
                end
                ```
                """));
    }

    @Test
    void setextHeadingsAndHeadingText() {
        List<OutlineItem> items = Marked.of("""
                Title *here*
                ============

                ## Closed ##
                """).analysis().outline();
        assertEquals("Title *here*", items.getFirst().name());
        assertEquals("Closed", items.getFirst().children().getFirst().name());
        assertEquals(new Span(1, 1, 2, 13), items.getFirst().selection());
    }
}
