package dev.lumen.lir.interpreter;

import dev.lumen.lir.format.CellDef;
import dev.lumen.lir.format.LirJson;
import dev.lumen.lir.format.LirModule;
import dev.lumen.lir.format.LirType;
import dev.lumen.lir.format.ToolDef;
import dev.lumen.lir.format.TypeDef;
import java.util.ArrayList;
import java.util.List;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/** Builds modules from {@link Cell}s and runs them through the polyglot API (as `.lir.json` text). */
final class Lir {
    static final String DOC = "test.lm.md";
    static final LirType INT = LirType.Primitive.INT;
    static final LirType FLOAT = LirType.Primitive.FLOAT;
    static final LirType BOOL = LirType.Primitive.BOOL;
    static final LirType STRING = LirType.Primitive.STRING;
    static final LirType NULL = LirType.Primitive.NULL;
    static final LirType JSON = LirType.Primitive.JSON;
    static final LirType BYTES = LirType.Primitive.BYTES;

    final List<TypeDef> types = new ArrayList<>();
    final List<CellDef> cells = new ArrayList<>();
    final List<ToolDef> tools = new ArrayList<>();

    static LirType list(LirType t) {
        return new LirType.ListOf(t);
    }

    static LirType map(LirType t) {
        return new LirType.MapOf(t);
    }

    static LirType result(LirType ok, LirType err) {
        return new LirType.ResultOf(ok, err);
    }

    static LirType union(LirType... ts) {
        return new LirType.UnionOf(List.of(ts));
    }

    static LirType nominal(String n) {
        return new LirType.Named(n);
    }

    Lir type(TypeDef t) {
        types.add(t);
        return this;
    }

    Lir cell(Cell c) {
        cells.add(c.build());
        return this;
    }

    Lir tool(ToolDef t) {
        tools.add(t);
        return this;
    }

    LirModule module() {
        return new LirModule(LirModule.VERSION, "sha256:" + "0".repeat(64), DOC, List.copyOf(types), List.copyOf(cells), List.copyOf(tools));
    }

    String json() {
        return LirJson.write(module());
    }

    static Context context() {
        return Context.newBuilder(TestLirLanguage.ID).allowHostAccess(org.graalvm.polyglot.HostAccess.ALL)
                .option("engine.WarnInterpreterOnly", "false").build();
    }

    /** A context that compiles every call target on first call, in the foreground, failing on any bailout. */
    static Context compilingContext() {
        return compilingContext(java.io.OutputStream.nullOutputStream());
    }

    /** Like {@link #compilingContext()}, tracing compilations ("opt done" lines) to {@code log}. */
    static Context compilingContext(java.io.OutputStream log) {
        return Context.newBuilder(TestLirLanguage.ID)
                .allowHostAccess(org.graalvm.polyglot.HostAccess.ALL)
                .allowExperimentalOptions(true)
                .option("engine.BackgroundCompilation", "false")
                .option("engine.CompileImmediately", "true")
                .option("engine.CompilationFailureAction", "Throw")
                .option("engine.TraceCompilation", "true")
                .logHandler(log)
                .build();
    }

    /** Runs {@code cell} of this module in a fresh context and returns its result converted by {@code convert}. */
    <T> T run(java.util.function.Function<Value, T> convert, String cell, Object... args) {
        try (Context context = context()) {
            return convert.apply(eval(context).getMember(cell).execute(args));
        }
    }

    Value eval(Context context) {
        return context.eval(Source.newBuilder(TestLirLanguage.ID, json(), "test.lir.json").buildLiteral());
    }
}
