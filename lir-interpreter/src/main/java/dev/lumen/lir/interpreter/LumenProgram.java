package dev.lumen.lir.interpreter;

import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.RootCallTarget;
import com.oracle.truffle.api.TruffleLanguage;
import com.oracle.truffle.api.source.Source;
import com.oracle.truffle.api.source.SourceSection;
import dev.lumen.lir.errors.LumenLocation;
import dev.lumen.lir.format.CellDef;
import dev.lumen.lir.format.DebugInfo;
import dev.lumen.lir.format.LirModule;
import dev.lumen.lir.format.ToolDef;
import dev.lumen.lir.values.LumenType;
import java.util.List;
import java.util.function.Supplier;

/**
 * A verified LIR module made executable: one {@link LumenCellRoot} (and call target) per cell, call sites
 * linked to their callees, run-time types resolved, and the interop {@link LumenModuleObject} that
 * {@code Context.eval} returns.
 *
 * <p>A program holds nothing of the run it executes in: the effects are looked up each time, so one program (and its
 * compiled code) serves every context of an engine that evaluates the same document. Each context gets its own
 * module object ({@link #newModuleObject}).
 *
 * <p>The module must have passed the {@code Verifier}: operands index existing registers, constants, types,
 * cells and tools. The interpreter trusts the front end's typing (an instruction's registers have the types
 * its operation needs).
 */
public final class LumenProgram {
    private final LirModule module;
    private final Source source;
    private final String file;
    private final Supplier<LumenEffects> effects;
    @CompilationFinal(dimensions = 1) private final LumenType[] types;
    @CompilationFinal(dimensions = 1) private final ToolDef[] tools;
    private final LumenTypes typeResolver;
    private final LumenCellRoot[] roots;
    /** Per cell: whether it can perform an effect, directly or through the cells it calls. */
    private final boolean[] effectful;
    private final Class<? extends TruffleLanguage<?>> languageClass;

    @SuppressWarnings("unchecked")
    private LumenProgram(TruffleLanguage<?> language, LirModule module, Source source, String file,
            Supplier<LumenEffects> effects) {
        this.languageClass = language == null ? null : (Class<? extends TruffleLanguage<?>>) language.getClass();
        this.module = module;
        this.source = source;
        this.file = file;
        this.effects = effects;
        this.typeResolver = new LumenTypes(module);
        this.types = typeResolver.table;
        this.tools = module.tools().toArray(ToolDef[]::new);
        List<CellDef> cells = module.cells();
        this.roots = new LumenCellRoot[cells.size()];
        for (int i = 0; i < roots.length; i++) {
            roots[i] = new LumenCellRoot(language, this, i, cells.get(i));
        }
        int n = roots.length;
        int[][] codes = new int[n][];
        java.util.BitSet[][] liveIns = new java.util.BitSet[n][];
        boolean[][] sharing = new boolean[n][];
        int[][] windows = new int[n][];
        int[][] callees = new int[n][];
        int[] params = new int[n];
        for (int i = 0; i < n; i++) {
            LumenBytecodeNode body = roots[i].body();
            codes[i] = body.code();
            liveIns[i] = body.liveIn();
            windows[i] = body.windowSizes();
            callees[i] = body.callees();
            params[i] = body.paramCount();
        }
        boolean[][] borrowed = LumenBorrows.borrowedParams(codes, liveIns, windows, callees, params, sharing);
        this.effectful = LumenEffectfulCells.of(cells, callees);
        for (int i = 0; i < n; i++) {
            roots[i].link(borrowed, sharing[i], effectful[i]);
        }
    }

    /**
     * Links {@code module} for execution.
     *
     * @param source the document the module was compiled from (for source sections), or a source without
     *     content when only its name is known
     * @param file the document's name as locations show it
     * @param effects the tool calls and schema validation of the run executing, asked for at each effect (from
     *     a boundary, on the run's thread): the current context's
     */
    public static LumenProgram link(TruffleLanguage<?> language, LirModule module, Source source, String file,
            Supplier<LumenEffects> effects) {
        return new LumenProgram(language, module, source, file, effects);
    }

    /** Links {@code module} for runs that always perform {@code effects} ({@link LumenEffects#UNAVAILABLE}: none). */
    public static LumenProgram link(TruffleLanguage<?> language, LirModule module, Source source, String file,
            LumenEffects effects) {
        return link(language, module, source, file, () -> effects);
    }

    public LirModule module() {
        return module;
    }

    /**
     * A new object for {@code Context.eval} to return, whose members are the runnable cells; its runs report to
     * {@code effects}, the effects of the context it is made for.
     */
    public LumenModuleObject newModuleObject(LumenEffects effects) {
        return new LumenModuleObject(this, effects);
    }

    public String file() {
        return file;
    }

    public Source source() {
        return source;
    }

    /** The effects of the run executing; called from boundaries only. */
    LumenEffects effects() {
        return effects.get();
    }

    /** The language the program runs in: the language of its debugger scopes. */
    Class<? extends TruffleLanguage<?>> languageClass() {
        return languageClass;
    }

    /** The run-time type of type-table entry {@code index}. */
    public LumenType type(int index) {
        return types[index];
    }

    /** The run-time type of a static type. */
    @TruffleBoundary
    public LumenType resolve(dev.lumen.lir.format.LirType type) {
        return typeResolver.resolve(type);
    }

    ToolDef tool(int index) {
        return tools[index];
    }

    /** Whether cell {@code cell} can perform an effect, directly or through the cells it calls. */
    boolean performsEffects(int cell) {
        return effectful[cell];
    }

    int cellCount() {
        return roots.length;
    }

    LumenCellRoot root(int cell) {
        return roots[cell];
    }

    RootCallTarget callTarget(int cell) {
        return roots[cell].getCallTarget();
    }

    /**
     * Calls cell {@code index} from Java (schema validation runs `where` constraint cells this way); not for
     * use in compiled code, where calls go through call sites.
     */
    @TruffleBoundary
    public Object callCell(int index, Object... arguments) {
        return roots[index].getCallTarget().call(arguments);
    }

    /** The index of the cell named {@code name}, or -1. */
    @TruffleBoundary
    public int cellIndex(String name) {
        for (int i = 0; i < roots.length; i++) {
            if (roots[i].cell().name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Where instruction {@code pc} of cell {@code cell} is in the document. */
    @TruffleBoundary
    LumenLocation location(CellDef cell, int pc) {
        if (cell.lines() == null || pc < 0 || pc >= cell.lines().length) {
            return null;
        }
        int line = cell.lines()[pc];
        int column = cell.columns()[pc];
        return new LumenLocation(file, line, column, section(line, column, line, column));
    }

    /** The source section of a debug-information span (whose end is exclusive), or null. */
    SourceSection section(DebugInfo.Span span) {
        return section(span.line(), span.column(), span.endLine(), Math.max(1, span.endColumn() - 1));
    }

    /** A source section for a line/column range (1-based, inclusive), or null if the source cannot have one. */
    @TruffleBoundary
    SourceSection section(int startLine, int startColumn, int endLine, int endColumn) {
        if (source == null || startLine < 1) {
            return null;
        }
        try {
            if (!source.hasCharacters()) {
                return source.createSection(startLine, Math.max(1, startColumn), endLine, Math.max(1, endColumn));
            }
            if (endLine > source.getLineCount()) {
                return null;
            }
            int startLength = source.getLineLength(startLine);
            int endLength = source.getLineLength(endLine);
            int sc = Math.min(Math.max(1, startColumn), Math.max(1, startLength));
            int ec = Math.min(Math.max(1, endColumn), Math.max(1, endLength));
            if (startLength == 0 || endLength == 0) {
                return source.createSection(startLine);
            }
            return source.createSection(startLine, sc, endLine, ec);
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            return null;
        }
    }
}
