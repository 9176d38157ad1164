package dev.lumen.language.check;

import dev.lumen.language.ast.Program;
import dev.lumen.language.diagnostics.Diagnostics;
import dev.lumen.language.project.Project;

/**
 * Name resolution and type checking of a parsed document. Phases: collect top-level names, resolve record
 * and cell signatures, check tool imports and grants, check `where` constraints, then check each cell body,
 * and last report the grants whose diagnostics name the tools the cells call. Every problem goes to the
 * diagnostics; the returned program is complete enough to lower when there are no errors.
 */
public final class Checker {
    private Checker() {
    }

    /** Checks a document that is not a file of a project: it imports only bundled tools and has no lock file. */
    public static CheckedProgram check(Program program, Diagnostics diagnostics) {
        return check(program, diagnostics, Project.none(), false);
    }

    /**
     * Checks a document whose tools and lock file are {@code project}'s; {@code strict} when it says
     * {@code @lock strict}, so that its native tools must be the ones the lock file pins.
     */
    public static CheckedProgram check(Program program, Diagnostics diagnostics, Project project, boolean strict) {
        Symbols symbols = new Symbols();
        CheckedProgram out = new CheckedProgram(program, symbols);
        Context cx = new Context(diagnostics, symbols, out, project, strict);
        Declarations.collect(program, cx);
        cx.types.defineRecords();
        cx.types.defineCells();
        GrantChecker.check(program, cx);
        FixtureChecker.check(program, cx);
        ConstraintChecker.check(cx);
        for (CellInfo cell : symbols.cells.values()) {
            new StmtChecker(cx, cell).check();
        }
        GrantChecker.finish(cx);
        return out;
    }
}
