package dev.lumen.language.truffle;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.frame.MaterializedFrame;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ExecutableNode;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.source.Source;
import dev.lumen.language.Compilation;
import dev.lumen.language.FrontEnd;
import dev.lumen.language.diagnostics.Diagnostic;
import dev.lumen.language.project.Project;
import dev.lumen.language.source.SourceFile;
import dev.lumen.lir.errors.LumenSyntaxError;
import dev.lumen.lir.format.CellDef;
import dev.lumen.lir.format.LirModule;
import dev.lumen.lir.interpreter.LumenEffects;
import dev.lumen.lir.interpreter.LumenProgram;
import dev.lumen.lir.interpreter.LumenVariables;
import dev.lumen.lir.values.LumenNull;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A Lumen expression a debugger evaluates where a cell is suspended: a breakpoint's condition, a watch, the
 * console. It is compiled as a cell of the suspended cell's own document, so it sees the document's types and
 * cells, whose parameters are the variables in scope there (by their Lumen names and static types) and which
 * returns the expression; evaluating it calls that cell with the variables' values in the suspended frame.
 * Such a cell performs no effect: a tool call or a validation in it fails as unavailable.
 */
final class DebugExpression extends ExecutableNode {
    private static final String CELL = "debug_expression";
    private static final String VALUE = "debug_value";

    private final LumenVariables.Place place;
    private final LumenProgram program;
    private final int cell;

    private DebugExpression(LumenLanguage language, LumenVariables.Place place, LumenProgram program, int cell) {
        super(language);
        this.place = place;
        this.program = program;
        this.cell = cell;
    }

    /** The expression {@code source} at {@code location}, or null where no Lumen variables are (not in a cell). */
    @TruffleBoundary
    static DebugExpression parse(LumenLanguage language, LumenContext context, Source source, Node location) {
        LumenVariables.Place place = location == null ? null : LumenVariables.at(location);
        if (place == null) {
            return null;
        }
        Source document = place.program().source();
        if (!document.hasCharacters() || document.getLength() == 0) {
            throw new LumenSyntaxError("cannot evaluate `" + source.getCharacters()
                    + "`: the document of cell `" + place.cellName() + "` is not available", 1);
        }
        String expression = source.getCharacters().toString().strip();
        String text = document.getCharacters().toString();
        String name = freshName(place.program());
        // First the expression's type, from a variable it initialises; then the cell that returns it.
        SourceFile file = new SourceFile(document.getName(), text, LumenLanguage.documentPath(document));
        Project project = LumenLanguage.project(file, context);
        LirModule typing = compile(file, textWith(text, name, place, expression, null), project, source);
        CellDef probe = typing.cells().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
        String type = probe.debug().locals().stream().filter(l -> l.name().equals(VALUE)).findFirst()
                .map(l -> probe.registers().get(l.register()).toString()).orElse("Null");
        String whole = textWith(text, name, place, expression, type);
        LirModule module = compile(file, whole, project, source);
        Source internal = Source.newBuilder(LumenLanguage.ID, whole, document.getName()).internal(true).build();
        LumenProgram program = LumenProgram.link(language, module, internal, document.getName(), LumenEffects.UNAVAILABLE);
        return new DebugExpression(language, place, program, program.cellIndex(name));
    }

    @Override
    public Object execute(VirtualFrame frame) {
        return evaluate(frame.materialize());
    }

    @TruffleBoundary
    private Object evaluate(MaterializedFrame frame) {
        LumenVariables.Visible visible = place.variables();
        Object[] arguments = new Object[visible.size()];
        for (int i = 0; i < arguments.length; i++) {
            Object value = place.value(frame, i);
            arguments[i] = value == null ? LumenNull.INSTANCE : value;
        }
        return program.callCell(cell, arguments);
    }

    private static String freshName(LumenProgram program) {
        String name = CELL;
        for (int i = 1; program.cellIndex(name) >= 0; i++) {
            name = CELL + "_" + i;
        }
        return name;
    }

    /** {@code whole}: the document {@code file} with the expression's cell after it. */
    private static LirModule compile(SourceFile file, String whole, Project project, Source source) {
        Compilation compilation = FrontEnd.compile(new SourceFile(file.name(), whole, file.path().orElse(null)), project);
        if (compilation.module() == null) {
            int first = file.text().split("\n", -1).length + 1; // errors in the document are not the expression's
            List<Diagnostic> errors = compilation.result().diagnostics().stream().filter(Diagnostic::isError).toList();
            List<Diagnostic> own = errors.stream().filter(d -> d.span().line() > first).toList();
            throw new LumenSyntaxError("cannot evaluate `" + source.getCharacters() + "`: "
                    + (own.isEmpty() ? errors : own).stream().map(Diagnostic::message).collect(Collectors.joining("; ")),
                    errors.size());
        }
        return compilation.module();
    }

    /**
     * The document with one more code block: the cell of the expression, which returns it ({@code type} known) or
     * initialises a variable with it (to learn its type).
     */
    private static String textWith(String text, String name, LumenVariables.Place place, String expression, String type) {
        LumenVariables.Visible visible = place.variables();
        StringBuilder b = new StringBuilder(text);
        b.append(text.endsWith("\n") ? "\n" : "\n\n").append("```lumen\ncell ").append(name).append('(');
        for (int i = 0; i < visible.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(visible.name(i)).append(": ").append(visible.type(i));
        }
        if (type == null) {
            b.append(") -> Null\n  let ").append(VALUE).append(" = (").append(expression).append(")\n  return null\n");
        } else {
            b.append(") -> ").append(type).append("\n  return (").append(expression).append(")\n");
        }
        return b.append("end\n```\n").toString();
    }
}
