package dev.lumen.language.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lumen.lir.format.CellDef;
import dev.lumen.lir.format.DebugInfo;
import dev.lumen.lir.format.LirModule;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The debug information the lowering emits (lir-v1.md §2.5): the cell's span, where each statement starts (the
 * head of a `for`, twice), and the instructions over which each `let` and loop variable is in scope. Snippet line
 * n is Markdown line n + 1.
 */
class DebugInfoTest {
    static final String CODE = """
            cell run(xs: list[Int]) -> Int
              let mut total = 0
              for x in xs
                let doubled = x * 2
                total = total + doubled
              end
              return total
            end
            """;

    private static String line(CellDef cell, DebugInfo.Statement s) {
        DebugInfo.Span span = s.span();
        return span.line() + ":" + span.column() + "-" + span.endLine() + ":" + span.endColumn();
    }

    @Test
    void statementsStartAtTheirFirstInstructionWithTheirSpansInTheDocument() {
        LirModule m = Lowered.module(CODE);
        CellDef run = Lowered.cell(m, "run");
        DebugInfo debug = run.debug();
        assertEquals(new DebugInfo.Span(2, 1, 9, 4), debug.cell());
        // let, for (its start and its test), let, assignment, return; the `for` spans its head only
        assertEquals(List.of("3:3-3:20", "4:3-4:14", "4:3-4:14", "5:5-5:24", "6:5-6:28", "8:3-8:15"),
                debug.statements().stream().map(s -> line(run, s)).toList());
        List<Integer> pcs = debug.statements().stream().map(DebugInfo.Statement::pc).toList();
        for (int i = 1; i < pcs.size(); i++) {
            assertEquals(true, pcs.get(i) > pcs.get(i - 1), "statement pcs increase: " + pcs);
        }
    }

    @Test
    void localsAreInScopeFromTheNextStatementToTheEndOfTheirBlock() {
        LirModule m = Lowered.module(CODE);
        CellDef run = Lowered.cell(m, "run");
        List<DebugInfo.Statement> s = run.debug().statements();
        DebugInfo.Local total = local(run, "total");
        DebugInfo.Local x = local(run, "x");
        DebugInfo.Local doubled = local(run, "doubled");
        // `total` from the `for` on; `x` in the loop's body, not at its head; `doubled` from the assignment on
        assertEquals(s.get(1).pc(), total.from());
        assertEquals(run.code().length, total.to());
        assertEquals(s.get(3).pc(), x.from());
        assertEquals(s.get(4).pc(), doubled.from());
        assertEquals(true, x.to() <= s.get(5).pc() && doubled.to() <= x.to(), x + " " + doubled + " " + s);
        assertEquals(List.of("total", "x", "doubled"), run.debug().locals().stream().map(DebugInfo.Local::name).toList());
    }

    private static DebugInfo.Local local(CellDef cell, String name) {
        return cell.debug().locals().stream().filter(l -> l.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no local " + name + " in " + cell.debug().locals()));
    }
}
