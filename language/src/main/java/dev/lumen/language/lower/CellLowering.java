package dev.lumen.language.lower;

import static dev.lumen.lir.format.Opcode.ADD;
import static dev.lumen.lir.format.Opcode.APPEND;
import static dev.lumen.lir.format.Opcode.AWAIT;
import static dev.lumen.lir.format.Opcode.CALL;
import static dev.lumen.lir.format.Opcode.CONCAT;
import static dev.lumen.lir.format.Opcode.DIV;
import static dev.lumen.lir.format.Opcode.EQ;
import static dev.lumen.lir.format.Opcode.ERR;
import static dev.lumen.lir.format.Opcode.GETFIELD;
import static dev.lumen.lir.format.Opcode.GETINDEX;
import static dev.lumen.lir.format.Opcode.HALT;
import static dev.lumen.lir.format.Opcode.IN;
import static dev.lumen.lir.format.Opcode.INTRINSIC;
import static dev.lumen.lir.format.Opcode.ISOK;
import static dev.lumen.lir.format.Opcode.ISTYPE;
import static dev.lumen.lir.format.Opcode.JMP;
import static dev.lumen.lir.format.Opcode.JMPIF;
import static dev.lumen.lir.format.Opcode.JMPIFNOT;
import static dev.lumen.lir.format.Opcode.LE;
import static dev.lumen.lir.format.Opcode.LEN;
import static dev.lumen.lir.format.Opcode.LOADBOOL;
import static dev.lumen.lir.format.Opcode.LOADINT;
import static dev.lumen.lir.format.Opcode.LOADK;
import static dev.lumen.lir.format.Opcode.LOADNULL;
import static dev.lumen.lir.format.Opcode.LT;
import static dev.lumen.lir.format.Opcode.MOD;
import static dev.lumen.lir.format.Opcode.MOVE;
import static dev.lumen.lir.format.Opcode.MUL;
import static dev.lumen.lir.format.Opcode.NE;
import static dev.lumen.lir.format.Opcode.NEG;
import static dev.lumen.lir.format.Opcode.NEWLIST;
import static dev.lumen.lir.format.Opcode.NEWMAP;
import static dev.lumen.lir.format.Opcode.NEWRECORD;
import static dev.lumen.lir.format.Opcode.NOT;
import static dev.lumen.lir.format.Opcode.OK;
import static dev.lumen.lir.format.Opcode.RETURN;
import static dev.lumen.lir.format.Opcode.SCHEMA;
import static dev.lumen.lir.format.Opcode.SETFIELD;
import static dev.lumen.lir.format.Opcode.SETINDEX;
import static dev.lumen.lir.format.Opcode.SUB;
import static dev.lumen.lir.format.Opcode.TOOLCALL;
import static dev.lumen.lir.format.Opcode.TOOLSTART;
import static dev.lumen.lir.format.Opcode.UNWRAP;
import static dev.lumen.lir.format.Opcode.VALIDATE;

import dev.lumen.language.ast.Block;
import dev.lumen.language.ast.Decl;
import dev.lumen.language.ast.Expr;
import dev.lumen.language.ast.Pattern;
import dev.lumen.language.ast.Stmt;
import dev.lumen.language.check.Binding;
import dev.lumen.language.check.CallTarget;
import dev.lumen.language.check.CellInfo;
import dev.lumen.language.check.CheckedProgram;
import dev.lumen.language.check.FieldRef;
import dev.lumen.language.check.PatternMeaning;
import dev.lumen.language.check.RecordInfo;
import dev.lumen.language.check.ToolAlias;
import dev.lumen.language.schema.JsonSchemas;
import dev.lumen.language.source.Span;
import dev.lumen.language.types.RecordType;
import dev.lumen.language.types.Type;
import dev.lumen.lir.format.CellDef;
import dev.lumen.lir.format.Constant;
import dev.lumen.lir.format.Instruction;
import dev.lumen.lir.format.Intrinsic;
import dev.lumen.lir.format.LirType;
import dev.lumen.lir.format.Opcode;
import dev.lumen.lir.intrinsics.builtins.RepairMessages;
import dev.lumen.runtime.tools.Capability;
import dev.lumen.runtime.tools.llm.LlmChat;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lowers one cell (or one `where` constraint) to instructions.
 *
 * <p>Expressions are compiled either {@link #into} a given register or into {@link #any} register (a local's
 * own register when the expression is just its name, otherwise a fresh temporary). An instruction writes a
 * register of exactly its result's static type; MOVE is the one instruction that converts between a type
 * and a union containing it (widening `Int` into `Int | Null`, or narrowing after a type test), and
 * constant loads (LOADK, LOADINT, LOADBOOL, LOADNULL) may target a union register directly. The
 * exceptions are SCHEMA and VALIDATE, which work in place: their register has the validated type and
 * holds the input text or Json just before the instruction.
 *
 * <p>Windows (the arguments of CALL, the elements of NEWLIST/NEWMAP/NEWRECORD, the pieces of CONCAT and
 * of INTRINSIC) are built right behind their result register when those registers are free, so most
 * calls need no MOVE. List and map literals with more than {@value #CHUNK} entries, and strings of more
 * than {@value #CHUNK} pieces, are built in chunks of {@value #CHUNK} (NEWLIST then APPEND, NEWMAP then
 * SETINDEX, CONCAT onto an accumulator), so no window grows past that.
 *
 * <p>Conditions of `if` compile to jump chains: `a and b` jumps to the false branch as soon as one operand
 * is false, `or` to the true branch as soon as one is true, `not` swaps the targets. A `match` tests its arms
 * in order; the last arm (or the first that matches anything) is not tested, since the checker has proved
 * the match exhaustive.
 */
final class CellLowering {
    static final int CHUNK = 50;
    private static final LirType INT = LirType.Primitive.INT;
    private static final LirType BOOL = LirType.Primitive.BOOL;
    private static final LirType STRING = LirType.Primitive.STRING;
    private static final LirType NULL = LirType.Primitive.NULL;
    private static final LirType JSON = LirType.Primitive.JSON;
    /** The static type of a tool call's arguments map: input name to the argument as Json. */
    private static final LirType TOOL_ARGUMENTS = new LirType.MapOf(LirType.Primitive.JSON);

    private final Lowering module;
    private final CheckedProgram checked;
    private final TypeTable types;
    private final Emitter out = new Emitter();
    private final Registers regs;
    private final Map<Binding, Integer> registerOf = new IdentityHashMap<>();
    /** Per open scope: the registers of its bindings and their debug-info handles ({@link Emitter#local}). */
    private final Deque<List<int[]>> scopes = new ArrayDeque<>();
    private LirType returnType = NULL;

    CellLowering(Lowering module) {
        this.module = module;
        this.checked = module.program;
        this.types = module.types;
        this.regs = new Registers(() -> new LimitExceeded(LimitExceeded.Kind.REGISTERS, out.at()));
    }

    // ---- cells -------------------------------------------------------------------------------

    CellDef cell(CellInfo cell) {
        Decl.Cell decl = cell.decl();
        out.at(decl.span());
        List<CellDef.ParamDef> params = new ArrayList<>();
        for (Binding p : cell.params()) {
            LirType t = types.lir(p.type());
            out.at(p.ident().span());
            int r = regs.alloc(t);
            regs.bind(r);
            registerOf.put(p, r);
            params.add(new CellDef.ParamDef(p.name(), t));
        }
        out.at(decl.span());
        returnType = types.lir(cell.returnType());
        scopes.push(new ArrayList<>());
        boolean completes = statements(decl.body().statements());
        closeScope();
        if (completes) {
            Span s = decl.span();
            out.at(new Span(s.endLine(), Math.max(1, s.endColumn() - 3), s.endLine(), s.endColumn()));
            if (cell.returnType() == Type.NULL) {
                int r = regs.alloc(NULL);
                out.abc(LOADNULL, r, 0, 0);
                out.abc(RETURN, r, 0, 0);
            } else {
                // The checker reports a cell that can end without returning (E0024); this is a safety net.
                int r = regs.alloc(STRING);
                loadConstant(r, new Constant.StringConst("cell `" + cell.name() + "` ended without returning a value"));
                out.abc(HALT, r, 0, 0);
            }
        }
        return new CellDef(cell.name(), List.copyOf(params), returnType, regs.table(), out.constants(), out.code(),
                out.lines(), out.columns(), out.debugInfo(decl.span()));
    }

    /** The synthetic cell {@code Record$field}: the record's fields as parameters, the constraint's value. */
    CellDef constraint(RecordInfo record, RecordInfo.Field field) {
        out.at(field.constraint().span());
        List<CellDef.ParamDef> params = new ArrayList<>();
        for (RecordInfo.Field f : record.fields()) {
            LirType t = types.lir(f.type());
            out.at(f.decl().name().span());
            regs.bind(regs.alloc(t));
            params.add(new CellDef.ParamDef(f.name(), t));
        }
        returnType = BOOL;
        out.at(field.constraint().span());
        int v = value(field.constraint(), BOOL);
        out.abc(RETURN, v, 0, 0);
        return new CellDef(record.name() + "$" + field.name(), List.copyOf(params), BOOL, regs.table(),
                out.constants(), out.code(), out.lines(), out.columns(), out.debugInfo(field.constraint().span()));
    }

    // ---- scopes and bindings -----------------------------------------------------------------

    private int reg(Binding b) {
        if (b.kind() == Binding.Kind.FIELD) {
            return b.slot();
        }
        Integer r = registerOf.get(b);
        if (r == null) {
            throw new IllegalStateException("binding `" + b.name() + "` has no register");
        }
        return r;
    }

    /** Gives a binding its register for the rest of the current scope. */
    private int declare(Binding b) {
        int r = regs.alloc(types.lir(b.type()));
        regs.bind(r);
        registerOf.put(b, r);
        scopes.peek().add(new int[] {r, out.local(b.name(), r)});
        return r;
    }

    private void openScope() {
        scopes.push(new ArrayList<>());
    }

    private void closeScope() {
        for (int[] binding : scopes.pop()) {
            regs.unbind(binding[0]);
            out.endLocal(binding[1]);
        }
    }

    private LirType lirOf(Expr e) {
        Type t = checked.typeOf(e);
        if (t == null) {
            throw new IllegalStateException("expression at " + e.span() + " has no type");
        }
        return types.lir(t);
    }

    // ---- statements --------------------------------------------------------------------------

    /**
     * Lowers statements in order; returns whether control can reach their end. Statements after one that
     * never completes (`return`, `halt`, an `if` whose every branch leaves) are dead and not lowered.
     */
    private boolean statements(List<Stmt> list) {
        for (Stmt s : list) {
            if (!statement(s)) {
                return false;
            }
        }
        return true;
    }

    private boolean block(Block b) {
        openScope();
        try {
            return statements(b.statements());
        } finally {
            closeScope();
        }
    }

    private boolean statement(Stmt s) {
        out.statement(head(s));
        Span previous = out.at(s.span());
        try {
            return switch (s) {
                case Stmt.Let l -> {
                    let(l);
                    yield true;
                }
                case Stmt.Assign a -> {
                    assign(a);
                    yield true;
                }
                case Stmt.If i -> ifStatement(i);
                case Stmt.For f -> {
                    forStatement(f);
                    yield true;
                }
                case Stmt.Match m -> match(m);
                case Stmt.Return r -> {
                    if (r.value() == null) {
                        int t = regs.alloc(NULL);
                        out.abc(LOADNULL, t, 0, 0);
                        out.abc(RETURN, t, 0, 0);
                        regs.release(t);
                    } else {
                        int v = value(r.value(), returnType);
                        out.at(s.span());
                        out.abc(RETURN, v, 0, 0);
                        regs.release(v);
                    }
                    yield false;
                }
                case Stmt.Halt h -> {
                    int v = any(h.message());
                    out.at(s.span());
                    out.abc(HALT, v, 0, 0);
                    regs.release(v);
                    yield false;
                }
                case Stmt.ExprStmt e -> {
                    regs.release(any(e.expr()));
                    yield true;
                }
                case Stmt.Parallel p -> {
                    parallel(p);
                    yield true;
                }
            };
        } finally {
            out.at(previous);
        }
    }

    /**
     * A `let`; one whose every read validates its value against one type (a {@link ValidatedLets} entry) and
     * whose value is a call that can be sent that type's schema sends it, as `Chat(…) expect schema T` does.
     */
    private void let(Stmt.Let l) {
        Binding b = checked.declaredBy(l.name());
        int r = declare(b);
        StructuredCall call = structuredCall(l.value(), module.validatedLets.expected(b));
        if (call == null) {
            into(l.value(), r);
        } else if (lirOf(l.value()).equals(regs.type(r))) {
            structured(call, r);
        } else {
            int t = regs.alloc(lirOf(l.value()));
            structured(call, t);
            out.abc(MOVE, r, t, 0);
            regs.release(t);
        }
    }

    /**
     * Where a debugger shows a statement: all of it, but only the head of `if`, `for` and `match` (up to the end
     * of the first condition, the iterable, the subject), so that a line of their bodies is not theirs.
     */
    private static Span head(Stmt s) {
        Span all = s.span();
        Span last = switch (s) {
            case Stmt.If i -> i.branches().get(0).condition().span();
            case Stmt.For f -> f.iterable().span();
            case Stmt.Match m -> m.scrutinee().span();
            default -> all;
        };
        return new Span(all.line(), all.column(), last.endLine(), last.endColumn());
    }

    private void assign(Stmt.Assign a) {
        Expr target = a.target();
        if (target instanceof Expr.Name n) {
            int r = reg(checked.binding(n));
            if (writesEarly(a.value())) {
                int t = any(a.value());
                out.at(a.span());
                out.abc(MOVE, r, t, 0);
                regs.release(t);
            } else {
                into(a.value(), r);
            }
            return;
        }
        // x.f[i].g = v: read the containers along the path, store v into the innermost one, then store each
        // container back into its parent. SETFIELD/SETINDEX copy a container that is shared, so the update
        // never shows through another variable.
        List<Expr> path = new ArrayList<>();
        Expr root = target;
        while (root instanceof Expr.Field || root instanceof Expr.Index) {
            path.add(0, root);
            root = root instanceof Expr.Field f ? f.target() : ((Expr.Index) root).target();
        }
        int n = path.size();
        int[] container = new int[n];
        int[] key = new int[n];
        List<Integer> temps = new ArrayList<>();
        container[0] = reg(checked.binding((Expr.Name) root));
        for (int k = 0; k < n; k++) {
            Expr step = path.get(k);
            out.at(step.span());
            if (step instanceof Expr.Field f) {
                key[k] = fieldIndex(f);
            } else {
                key[k] = any(((Expr.Index) step).index());
                temps.add(key[k]);
            }
            if (k < n - 1) {
                container[k + 1] = regs.alloc(lirOf(step));
                temps.add(container[k + 1]);
                out.at(step.span());
                if (step instanceof Expr.Field) {
                    out.abc(GETFIELD, container[k + 1], container[k], key[k]);
                } else {
                    out.abc(GETINDEX, container[k + 1], container[k], key[k]);
                }
            }
        }
        int v = value(a.value(), lirOf(target));
        out.at(a.span());
        store(path.get(n - 1), container[n - 1], key[n - 1], v);
        regs.release(v);
        for (int k = n - 2; k >= 0; k--) {
            store(path.get(k), container[k], key[k], container[k + 1]);
        }
        for (int t : temps) {
            regs.release(t);
        }
    }

    private void store(Expr step, int container, int key, int value) {
        if (step instanceof Expr.Field) {
            out.abc(SETFIELD, container, key, value);
        } else {
            out.abc(SETINDEX, container, key, value);
        }
    }

    private int fieldIndex(Expr.Field f) {
        if (checked.field(f) instanceof FieldRef.RecordField rf) {
            return rf.index();
        }
        throw new IllegalStateException("`." + f.field().name() + "` is not a record field");
    }

    /**
     * Whether compiling {@code e} into a register writes that register before it has read everything it
     * needs — so `x = …` must go through a temporary when the value may read `x` again.
     */
    private boolean writesEarly(Expr e) {
        return switch (e) {
            case Expr.Binary b when b.op() == Expr.BinaryOp.AND || b.op() == Expr.BinaryOp.OR -> true;
            case Expr.Binary b when b.op() == Expr.BinaryOp.ADD && lirOf(b).equals(STRING) ->
                    pieces(e).size() > CHUNK;
            case Expr.Str s -> pieces(s).size() > CHUNK;
            case Expr.ListLit l -> l.elements().size() > CHUNK;
            case Expr.MapLit m -> m.entries().size() > CHUNK;
            default -> false;
        };
    }

    private boolean ifStatement(Stmt.If s) {
        List<Integer> toEnd = new ArrayList<>();
        boolean completes = false;
        List<Stmt.Branch> branches = s.branches();
        for (int i = 0; i < branches.size(); i++) {
            Stmt.Branch branch = branches.get(i);
            out.at(branch.condition().span());
            List<Integer> toNext = jumpIfFalse(branch.condition());
            boolean reaches = block(branch.body());
            completes |= reaches;
            boolean last = i == branches.size() - 1 && s.otherwise() == null;
            if (reaches && !last) {
                out.at(s.span());
                toEnd.add(out.jump(JMP, 0));
            }
            out.patchHere(toNext);
        }
        if (s.otherwise() != null) {
            completes |= block(s.otherwise());
        } else {
            completes = true;
        }
        out.patchHere(toEnd);
        return completes;
    }

    // ---- loops -------------------------------------------------------------------------------

    private void forStatement(Stmt.For f) {
        openScope();
        try {
            if (f.iterable() instanceof Expr.Call c && checked.callTarget(c) instanceof CallTarget.Intrinsic in
                    && in.intrinsic().name().equals("range")) {
                rangeLoop(f, c);
            } else {
                collectionLoop(f);
            }
        } finally {
            closeScope();
        }
    }

    /** `for i in range(a, b)`: a counting loop on the loop variable's own register; no list is built. */
    private void rangeLoop(Stmt.For f, Expr.Call range) {
        int i = declare(checked.declaredBy(f.item()));
        into(range.args().get(0).value(), i);
        int end = regs.alloc(INT);
        into(range.args().get(1).value(), end);
        out.at(f.span());
        int one = regs.alloc(INT);
        out.asbx(LOADINT, one, 1);
        int top = out.pc();
        out.statement(head(f)); // each test of the loop stops at its `for` again
        int test = regs.alloc(BOOL);
        out.abc(LT, test, i, end);
        int exit = out.jump(JMPIFNOT, test);
        regs.release(test);
        block(f.body());
        out.at(f.span());
        out.abc(ADD, i, i, one);
        out.patch(out.jump(JMP, 0), top);
        out.patch(exit, out.pc());
        regs.release(one);
        regs.release(end);
    }

    /**
     * `for x in list`, `for i, x in list` and `for k, v in map`: an index loop over the list (or over the map's
     * keys, from INTRINSIC keys). With `i, x` the position is the loop's own counter, so it costs nothing. A
     * mutable variable that is assigned somewhere is copied first, so the loop walks the value it had when the
     * loop started.
     */
    private void collectionLoop(Stmt.For f) {
        Expr iterable = f.iterable();
        int source;
        if (iterable instanceof Expr.Name n && checked.binding(n) != null
                && !(checked.binding(n).mutable() && checked.binding(n).isAssigned())) {
            source = reg(checked.binding(n));
        } else {
            source = regs.alloc(lirOf(iterable));
            into(iterable, source);
        }
        boolean map = f.value() != null && checked.typeOf(iterable) instanceof Type.MapType;
        boolean indexed = f.value() != null && !map;
        out.at(f.span());
        int list = source;
        if (map) {
            list = regs.alloc(new LirType.ListOf(STRING));
            out.abc(INTRINSIC, list, Intrinsic.KEYS.id(), source);
        }
        int count = regs.alloc(INT);
        out.abc(LEN, count, list, 0);
        int index = indexed ? declare(checked.declaredBy(f.item())) : regs.alloc(INT);
        out.asbx(LOADINT, index, 0);
        int one = regs.alloc(INT);
        out.asbx(LOADINT, one, 1);
        int top = out.pc();
        out.statement(head(f)); // each test of the loop stops at its `for` again, before the item is read
        int item = indexed ? -1 : declare(checked.declaredBy(f.item()));
        int value = f.value() != null ? declare(checked.declaredBy(f.value())) : -1;
        int test = regs.alloc(BOOL);
        out.abc(LT, test, index, count);
        int exit = out.jump(JMPIFNOT, test);
        regs.release(test);
        if (indexed) {
            out.abc(GETINDEX, value, list, index);
        } else {
            out.abc(GETINDEX, item, list, index);
        }
        if (map) {
            out.abc(GETINDEX, value, source, item);
        }
        block(f.body());
        out.at(f.span());
        out.abc(ADD, index, index, one);
        out.patch(out.jump(JMP, 0), top);
        out.patch(exit, out.pc());
        regs.release(one);
        regs.release(index); // a no-op for a declared position, which the loop's scope releases
        regs.release(count);
        if (map) {
            regs.release(list);
        }
        regs.release(source);
    }

    // ---- match -------------------------------------------------------------------------------

    private boolean match(Stmt.Match m) {
        Type subjectType = checked.typeOf(m.scrutinee());
        int subject = any(m.scrutinee());
        List<Integer> toEnd = new ArrayList<>();
        boolean completes = m.arms().isEmpty();
        for (int i = 0; i < m.arms().size(); i++) {
            Stmt.Arm arm = m.arms().get(i);
            PatternMeaning meaning = checked.pattern(arm.pattern());
            boolean last = i == m.arms().size() - 1 || meaning instanceof PatternMeaning.Wildcard
                    || meaning instanceof PatternMeaning.Bind;
            openScope();
            List<Integer> fail = new ArrayList<>();
            boolean reaches;
            try {
                pattern(arm.pattern(), subject, subjectType, fail, !last);
                reaches = statements(arm.body().statements());
            } finally {
                closeScope();
            }
            completes |= reaches;
            if (reaches && !last) {
                out.at(m.span());
                toEnd.add(out.jump(JMP, 0));
            }
            out.patchHere(fail);
            if (last) {
                break;
            }
        }
        out.patchHere(toEnd);
        regs.release(subject);
        return completes;
    }

    /**
     * Matches the value in {@code subject} against {@code p}: with {@code test}, emits the tests, each
     * jumping (via {@code fail}) to the next arm when it fails; then binds the names the pattern binds.
     */
    private void pattern(Pattern p, int subject, Type subjectType, List<Integer> fail, boolean test) {
        out.at(p.span());
        PatternMeaning meaning = checked.pattern(p);
        switch (meaning) {
            case PatternMeaning.Wildcard w -> {
            }
            case PatternMeaning.Bind b -> out.abc(MOVE, declare(b.binding()), subject, 0);
            case PatternMeaning.Variant v -> {
                if (test) {
                    int k = regs.alloc(types.lir(v.type()));
                    loadConstant(k, new Constant.EnumConst(types.indexOfNamed(v.type().name()), v.ordinal()));
                    int c = regs.alloc(BOOL);
                    out.abc(EQ, c, subject, k);
                    fail.add(out.jump(JMPIFNOT, c));
                    regs.release(c);
                    regs.release(k);
                }
            }
            case PatternMeaning.Literal l -> {
                if (test) {
                    Expr value = ((Pattern.Literal) p).value();
                    if (value instanceof Expr.BoolLit bool && subjectType == Type.BOOL) {
                        fail.add(out.jump(bool.value() ? JMPIFNOT : JMPIF, subject));
                    } else {
                        int k = any(value);
                        int c = regs.alloc(BOOL);
                        out.at(p.span());
                        out.abc(EQ, c, subject, k);
                        fail.add(out.jump(JMPIFNOT, c));
                        regs.release(c);
                        regs.release(k);
                    }
                }
            }
            case PatternMeaning.ResultCase r -> {
                Pattern.Result rp = (Pattern.Result) p;
                Type.ResultType rt = resultMember(subjectType);
                if (test) {
                    if (subjectType instanceof Type.UnionType) {
                        typeTest(subject, subjectType, rt, fail);
                    }
                    int c = regs.alloc(BOOL);
                    out.abc(ISOK, c, subject, 0);
                    fail.add(out.jump(r.ok() ? JMPIFNOT : JMPIF, c));
                    regs.release(c);
                }
                Type payloadType = r.ok() ? rt.ok() : rt.err();
                PatternMeaning inner = checked.pattern(rp.inner());
                if (inner instanceof PatternMeaning.Bind b) {
                    out.at(rp.inner().span());
                    out.abc(UNWRAP, declare(b.binding()), subject, 0);
                } else if (!(inner instanceof PatternMeaning.Wildcard)) {
                    int payload = regs.alloc(types.lir(payloadType));
                    out.abc(UNWRAP, payload, subject, 0);
                    pattern(rp.inner(), payload, payloadType, fail, test);
                    regs.release(payload);
                }
            }
            case PatternMeaning.TypeTest t -> {
                if (test && subjectType instanceof Type.UnionType && !t.type().equals(subjectType)) {
                    typeTest(subject, subjectType, t.type(), fail);
                }
                if (t.binding() != null) {
                    out.at(p.span());
                    out.abc(MOVE, declare(t.binding()), subject, 0);
                }
            }
        }
    }

    /** ISTYPE on a copy of the subject in the register after the test's: jumps to {@code fail} unless it is a T. */
    private void typeTest(int subject, Type subjectType, Type member, List<Integer> fail) {
        int c = regs.window(List.of(BOOL, types.lir(subjectType)));
        out.abc(MOVE, c + 1, subject, 0);
        out.abx(ISTYPE, c, types.indexOf(member));
        fail.add(out.jump(JMPIFNOT, c));
        regs.releaseWindow(c, 2);
    }

    private static Type.ResultType resultMember(Type t) {
        for (Type m : t.alternatives()) {
            if (m instanceof Type.ResultType r) {
                return r;
            }
        }
        throw new IllegalStateException("no result type in " + t);
    }

    // ---- conditions --------------------------------------------------------------------------

    /** Code that falls through when {@code e} is true; returns the jumps taken when it is false. */
    private List<Integer> jumpIfFalse(Expr e) {
        Span previous = out.at(e.span());
        try {
            if (e instanceof Expr.Binary b && b.op() == Expr.BinaryOp.AND) {
                List<Integer> f = new ArrayList<>(jumpIfFalse(b.left()));
                f.addAll(jumpIfFalse(b.right()));
                return f;
            }
            if (e instanceof Expr.Binary b && b.op() == Expr.BinaryOp.OR) {
                List<Integer> t = jumpIfTrue(b.left());
                List<Integer> f = jumpIfFalse(b.right());
                out.patchHere(t);
                return f;
            }
            if (e instanceof Expr.Unary u && u.op() == Expr.UnaryOp.NOT) {
                return jumpIfTrue(u.operand());
            }
            if (e instanceof Expr.BoolLit lit) {
                return lit.value() ? new ArrayList<>() : new ArrayList<>(List.of(out.jump(JMP, 0)));
            }
            int r = any(e);
            out.at(e.span());
            int j = out.jump(JMPIFNOT, r);
            regs.release(r);
            return new ArrayList<>(List.of(j));
        } finally {
            out.at(previous);
        }
    }

    /** Code that falls through when {@code e} is false; returns the jumps taken when it is true. */
    private List<Integer> jumpIfTrue(Expr e) {
        Span previous = out.at(e.span());
        try {
            if (e instanceof Expr.Binary b && b.op() == Expr.BinaryOp.OR) {
                List<Integer> t = new ArrayList<>(jumpIfTrue(b.left()));
                t.addAll(jumpIfTrue(b.right()));
                return t;
            }
            if (e instanceof Expr.Binary b && b.op() == Expr.BinaryOp.AND) {
                List<Integer> f = jumpIfFalse(b.left());
                List<Integer> t = jumpIfTrue(b.right());
                out.patchHere(f);
                return t;
            }
            if (e instanceof Expr.Unary u && u.op() == Expr.UnaryOp.NOT) {
                return jumpIfFalse(u.operand());
            }
            if (e instanceof Expr.BoolLit lit) {
                return lit.value() ? new ArrayList<>(List.of(out.jump(JMP, 0))) : new ArrayList<>();
            }
            int r = any(e);
            out.at(e.span());
            int j = out.jump(JMPIF, r);
            regs.release(r);
            return new ArrayList<>(List.of(j));
        } finally {
            out.at(previous);
        }
    }

    // ---- expressions: placement --------------------------------------------------------------

    /** Compiles {@code e} into some register and returns it: a local's own register, or a temporary. */
    private int any(Expr e) {
        if (e instanceof Expr.Name n && checked.binding(n) != null) {
            return reg(checked.binding(n));
        }
        int r = regs.alloc(lirOf(e));
        direct(e, r);
        return r;
    }

    /** Compiles {@code e} into a register of type {@code type} (e's own type or a union containing it). */
    private int value(Expr e, LirType type) {
        if (lirOf(e).equals(type)) {
            return any(e);
        }
        int r = regs.alloc(type);
        into(e, r);
        return r;
    }

    /** Compiles {@code e} into {@code dest}, whose type is e's type or a union that contains it. */
    private void into(Expr e, int dest) {
        if (e instanceof Expr.Name n && checked.binding(n) != null) {
            int src = reg(checked.binding(n));
            if (src != dest) {
                Span previous = out.at(e.span());
                out.abc(MOVE, dest, src, 0);
                out.at(previous);
            }
            return;
        }
        if (lirOf(e).equals(regs.type(dest)) || isConstant(e)) {
            direct(e, dest);
            return;
        }
        int t = any(e);
        Span previous = out.at(e.span());
        out.abc(MOVE, dest, t, 0);
        out.at(previous);
        regs.release(t);
    }

    /** Literals and enum variants: loaded by one constant instruction, into a register of any type. */
    private boolean isConstant(Expr e) {
        return switch (e) {
            case Expr.IntLit i -> true;
            case Expr.FloatLit f -> true;
            case Expr.BoolLit b -> true;
            case Expr.NullLit n -> true;
            case Expr.Str s -> s.parts().stream().noneMatch(p -> p instanceof Expr.Interp);
            case Expr.Unary u -> u.op() == Expr.UnaryOp.NEG
                    && (u.operand() instanceof Expr.IntLit || u.operand() instanceof Expr.FloatLit);
            case Expr.Field f -> checked.field(f) instanceof FieldRef.EnumVariant;
            default -> false;
        };
    }

    private void loadInt(int dest, long v) {
        if (v >= Instruction.MIN_SBX && v <= Instruction.MAX_SBX) {
            out.asbx(LOADINT, dest, (int) v);
        } else {
            loadConstant(dest, new Constant.IntConst(v));
        }
    }

    private void loadConstant(int dest, Constant c) {
        out.abx(LOADK, dest, out.constant(c));
    }

    // ---- expressions: instruction selection --------------------------------------------------

    /** Compiles {@code e} into {@code dest}, which has e's type (or any type, for a constant). */
    private void direct(Expr e, int dest) {
        Span previous = out.at(e.span());
        try {
            switch (e) {
                case Expr.IntLit i -> loadInt(dest, i.value());
                case Expr.FloatLit f -> loadConstant(dest, new Constant.FloatConst(f.value()));
                case Expr.BoolLit b -> out.abc(LOADBOOL, dest, b.value() ? 1 : 0, 0);
                case Expr.NullLit n -> out.abc(LOADNULL, dest, 0, 0);
                case Expr.Str s -> concat(pieces(s), dest);
                case Expr.Name n -> {
                    if (checked.binding(n) == null) {
                        throw new IllegalStateException("`" + n.name().name() + "` is not a value");
                    }
                    into(n, dest);
                }
                case Expr.ListLit l -> list(l.elements(), ((LirType.ListOf) lirOf(l)).element(), dest);
                case Expr.MapLit m -> map(m, dest);
                case Expr.RecordLit r -> record(r, dest);
                case Expr.Role r -> role(r, dest);
                case Expr.Binary b -> binary(b, dest);
                case Expr.Unary u -> unary(u, dest);
                case Expr.Call c -> call(c, dest);
                case Expr.Index i -> {
                    int target = any(i.target());
                    int index = any(i.index());
                    out.at(e.span());
                    out.abc(GETINDEX, dest, target, index);
                    regs.release(index);
                    regs.release(target);
                }
                case Expr.Field f -> field(f, dest);
                case Expr.Expect x -> expect(x, dest);
                case Expr.Repair r -> repair(r, dest);
                case Expr.SchemaRef s -> throw new IllegalStateException("`schema T` outside `validate`");
                case Expr.Error x -> throw new IllegalStateException("lowering an expression that did not parse");
            }
        } finally {
            out.at(previous);
        }
    }

    /**
     * SCHEMA validates in place. The register first holds the input (String or Json), then the value; for
     * a type that has an unboxed register (Int, Float, Bool) that is a temporary typed as the union of the
     * two, from which the value is moved out.
     */
    private void expect(Expr.Expect x, int dest) {
        if (x.retries() > 0) {
            repairLoop(x, dest);
            return;
        }
        int v = validated(x.value(), checked.typeOf(x));
        out.at(x.span());
        strictSchema(x, v, dest);
    }

    /**
     * The operand of a validation against {@code expected} into some register, as {@link #any} does; a call
     * {@link #structuredCall} accepts is sent the type's schema.
     */
    private int validated(Expr value, Type expected) {
        if (structuredCall(value, expected) instanceof StructuredCall call) {
            int v = regs.alloc(lirOf(value));
            structured(call, v);
            return v;
        }
        return any(value);
    }

    /** The TOOLCALL of a {@link StructuredCall}, its reply into {@code dest}, which has the call's type. */
    private void structured(StructuredCall call, int dest) {
        Span at = out.at(call.call().span());
        toolCall(call.call(), call.alias(), "", call.schema(), dest, TOOLCALL);
        out.at(at);
    }

    /** SCHEMA of the value in register {@code v} (released) into {@code dest}. */
    private void strictSchema(Expr.Expect x, int v, int dest) {
        LirType target = lirOf(x);
        int schema = types.indexOf(checked.typeOf(x));
        if (target == INT || target == BOOL || target == LirType.Primitive.FLOAT) {
            LirType input = lirOf(x.value());
            int both = regs.alloc(new LirType.UnionOf(target.toString().compareTo(input.toString()) < 0
                    ? List.of(target, input) : List.of(input, target)));
            out.abc(MOVE, both, v, 0);
            regs.release(v);
            out.abx(SCHEMA, both, schema);
            out.abc(MOVE, dest, both, 0);
            regs.release(both);
            return;
        }
        if (v != dest) {
            out.abc(MOVE, dest, v, 0);
        }
        regs.release(v);
        out.abx(SCHEMA, dest, schema);
    }

    /**
     * `Chat(…) expect schema T` (or `validate(schema T, Chat(…))`) with `on_fail retry N with_errors`: the call,
     * then a VALIDATE of each reply; an invalid one adds its field errors to the attempts and, while retries are
     * left, puts the reply and its errors after the messages (INTRINSIC repair_messages) and calls again with the
     * same other inputs. Each attempt is its own TOOLCALL and VALIDATE. After the last attempt fails, the
     * ValidationError is the last one's with every attempt's errors (lumen-v1.md §10.4): HALT with it (strict),
     * or its `err` (soft).
     */
    private void repairLoop(Expr.Expect x, int dest) {
        Expr.Call c = (Expr.Call) x.value();
        ToolAlias alias = ((CallTarget.Tool) checked.callTarget(c)).alias();
        Type schema = checked.type(x.schema());
        int arguments = regs.alloc(TOOL_ARGUMENTS);
        // the schema a structured call sends, so the first attempt is that call, cached under the same key
        StructuredCall structured = structuredCall(c, schema);
        toolArguments(c, alias, structured == null ? null : structured.schema(), arguments);
        int tool = module.toolIndex(alias, "");
        int reply = regs.alloc(lirOf(c));
        out.at(c.span());
        out.abc(TOOLCALL, reply, tool, arguments);
        out.at(x.span());
        LirType error = types.lir(RecordType.VALIDATION_ERROR);
        LirType fieldErrors = types.lir(RecordType.VALIDATION_ERROR.fields().get("errors"));
        LirType allAttempts = types.lir(RecordType.VALIDATION_ERROR.fields().get("attempts"));
        int attempts = regs.alloc(allAttempts);
        out.abc(NEWLIST, attempts, 0, 0);
        int left = regs.alloc(INT);
        loadInt(left, x.retries());
        int zero = regs.alloc(INT);
        loadInt(zero, 0);
        int result = regs.alloc(new LirType.ResultOf(types.lir(schema), error));
        int test = regs.alloc(BOOL);
        int top = out.pc();
        out.abc(MOVE, result, reply, 0);
        out.abx(VALIDATE, result, types.indexOf(schema));
        out.abc(ISOK, test, result, 0);
        int toFailed = out.jump(JMPIFNOT, test);
        out.abc(x.soft() ? MOVE : UNWRAP, dest, result, 0);
        int toDone = out.jump(JMP, 0);
        out.patchHere(List.of(toFailed));
        int last = regs.alloc(error);
        out.abc(UNWRAP, last, result, 0);
        int errors = regs.alloc(fieldErrors);
        out.abc(GETFIELD, errors, last, RecordType.VALIDATION_ERROR.fieldIndex("errors"));
        out.abc(APPEND, attempts, attempts, errors);
        out.abc(LE, test, left, zero);
        int toExhausted = out.jump(JMPIF, test);
        int window = regs.window(List.of(JSON, lirOf(c), error));
        int key = regs.alloc(STRING);
        loadConstant(key, new Constant.StringConst(alias.signature().positional()));
        out.abc(GETINDEX, window, arguments, key);
        out.abc(MOVE, window + 1, reply, 0);
        out.abc(MOVE, window + 2, last, 0);
        out.abc(INTRINSIC, window, Intrinsic.REPAIR_MESSAGES.id(), window);
        out.abc(SETINDEX, arguments, key, window);
        regs.release(key);
        regs.releaseWindow(window, 3);
        out.at(c.span());
        out.abc(TOOLCALL, reply, tool, arguments);
        out.at(x.span());
        int one = regs.alloc(INT);
        loadInt(one, 1);
        out.abc(SUB, left, left, one);
        regs.release(one);
        out.patch(out.jump(JMP, 0), top);
        out.patchHere(List.of(toExhausted));
        exhausted(x, last, errors, attempts, dest);
        List.of(test, result, zero, left, arguments, reply, errors, last, attempts).forEach(regs::release);
        out.patchHere(List.of(toDone));
    }

    /**
     * The ValidationError of a repair loop whose every attempt failed: the last attempt's errors, every attempt's
     * in {@code attempts}, and a message that says how many were made; HALT with it, or its `err` into {@code dest}.
     */
    private void exhausted(Expr.Expect x, int last, int errors, int attempts, int dest) {
        RecordType type = RecordType.VALIDATION_ERROR;
        int head = regs.window(List.of(types.lir(type), STRING, types.lir(type.fields().get("errors")),
                types.lir(type.fields().get("attempts"))));
        int pieces = regs.window(List.of(STRING, STRING));
        loadConstant(pieces, new Constant.StringConst("after " + (x.retries() + 1) + " attempts: "));
        out.abc(GETFIELD, pieces + 1, last, type.fieldIndex("message"));
        out.abc(CONCAT, head + type.fieldIndex("message") + 1, pieces, 2);
        regs.releaseWindow(pieces, 2);
        out.abc(MOVE, head + type.fieldIndex("errors") + 1, errors, 0);
        out.abc(MOVE, head + type.fieldIndex("attempts") + 1, attempts, 0);
        out.abx(NEWRECORD, head, types.indexOfNamed(type.name()));
        if (x.soft()) {
            out.abc(ERR, dest, head, 0);
        } else {
            out.abc(HALT, head, 0, 0);
        }
        regs.releaseWindow(head, 4);
    }

    /**
     * `repair(schema T, value, errors, via Chat)`: one repair attempt, a call of Chat with only `messages` (and
     * the reply schema a structured call of T sends) — the request of tools-llm.md §10.4 as the conversation so far,
     * then the value (as text) and its errors as INTRINSIC repair_messages puts them — and a VALIDATE of the reply.
     */
    private void repair(Expr.Repair r, int dest) {
        ToolAlias alias = checked.symbols().tools().get(r.via().name());
        Type schema = checked.type(r.schema());
        LirType error = types.lir(RecordType.VALIDATION_ERROR);
        int window = regs.window(List.of(JSON, STRING, error));
        LirType roleText = types.lir(RecordType.ROLE_TEXT);
        int request = regs.window(List.of(new LirType.ListOf(roleText), roleText, STRING, STRING));
        loadConstant(request + 2, new Constant.StringConst("user"));
        loadConstant(request + 3, new Constant.StringConst(RepairMessages.REQUEST));
        out.abx(NEWRECORD, request + 1, types.indexOfNamed(RecordType.ROLE_TEXT.name()));
        out.abc(NEWLIST, request, 1, 0);
        out.abc(INTRINSIC, window, Intrinsic.TO_JSON.id(), request);
        regs.releaseWindow(request, 4);
        if (lirOf(r.value()).equals(STRING)) {
            into(r.value(), window + 1);
        } else {
            int json = any(r.value());
            out.at(r.span());
            out.abc(INTRINSIC, window + 1, Intrinsic.TO_STRING.id(), json);
            regs.release(json);
        }
        into(r.errors(), window + 2);
        out.at(r.span());
        out.abc(INTRINSIC, window, Intrinsic.REPAIR_MESSAGES.id(), window);
        int arguments = regs.alloc(TOOL_ARGUMENTS);
        out.abc(NEWMAP, arguments, 0, 0);
        int key = regs.alloc(STRING);
        loadConstant(key, new Constant.StringConst(alias.signature().positional()));
        out.abc(SETINDEX, arguments, key, window);
        regs.release(key);
        regs.releaseWindow(window, 3);
        responseSchema(replySchema(alias, schema), arguments);
        int reply = regs.alloc(types.lir(alias.signature().output()));
        out.abc(TOOLCALL, reply, module.toolIndex(alias, ""), arguments);
        out.abc(MOVE, dest, reply, 0);
        out.abx(VALIDATE, dest, types.indexOf(schema));
        regs.release(reply);
        regs.release(arguments);
    }

    private void field(Expr.Field f, int dest) {
        FieldRef ref = checked.field(f);
        switch (ref) {
            case FieldRef.EnumVariant v -> loadConstant(dest,
                    new Constant.EnumConst(types.indexOfNamed(v.type().name()), v.ordinal()));
            case FieldRef.RecordField rf -> {
                int target = any(f.target());
                out.at(f.span());
                out.abc(GETFIELD, dest, target, rf.index());
                regs.release(target);
            }
            case null -> throw new IllegalStateException("unresolved field access at " + f.span());
        }
    }

    private void unary(Expr.Unary u, int dest) {
        if (u.op() == Expr.UnaryOp.NEG && u.operand() instanceof Expr.IntLit i) {
            loadInt(dest, -i.value());
            return;
        }
        if (u.op() == Expr.UnaryOp.NEG && u.operand() instanceof Expr.FloatLit f) {
            loadConstant(dest, new Constant.FloatConst(-f.value()));
            return;
        }
        int v = any(u.operand());
        out.at(u.span());
        out.abc(u.op() == Expr.UnaryOp.NEG ? NEG : NOT, dest, v, 0);
        regs.release(v);
    }

    private void binary(Expr.Binary b, int dest) {
        switch (b.op()) {
            case AND, OR -> {
                into(b.left(), dest);
                out.at(b.span());
                int j = out.jump(b.op() == Expr.BinaryOp.AND ? JMPIFNOT : JMPIF, dest);
                into(b.right(), dest);
                out.patch(j, out.pc());
            }
            case ADD -> {
                if (lirOf(b).equals(STRING)) {
                    concat(pieces(b), dest);
                } else {
                    operands(b, ADD, dest, false);
                }
            }
            case SUB -> operands(b, SUB, dest, false);
            case MUL -> operands(b, MUL, dest, false);
            case DIV -> operands(b, DIV, dest, false);
            case MOD -> operands(b, MOD, dest, false);
            case EQ -> operands(b, EQ, dest, false);
            case NE -> operands(b, NE, dest, false);
            case LT -> operands(b, LT, dest, false);
            case LE -> operands(b, LE, dest, false);
            case GT -> operands(b, LT, dest, true);
            case GE -> operands(b, LE, dest, true);
            case IN -> operands(b, IN, dest, false);
        }
    }

    /** Both operands, left first, then {@code op dest, left, right} (operands swapped for `>` and `>=`). */
    private void operands(Expr.Binary b, Opcode op, int dest, boolean swap) {
        int l = any(b.left());
        int r = any(b.right());
        out.at(b.span());
        out.abc(op, dest, swap ? r : l, swap ? l : r);
        regs.release(r);
        regs.release(l);
    }

    // ---- strings -----------------------------------------------------------------------------

    /**
     * The pieces of a string: literal text (String) and interpolated or added expressions (Expr), with
     * chains of String `+` and the parts of string literals flattened and adjacent text merged.
     */
    private List<Object> pieces(Expr e) {
        List<Object> out = new ArrayList<>();
        collectPieces(e, out);
        return out;
    }

    private void collectPieces(Expr e, List<Object> out) {
        if (e instanceof Expr.Binary b && b.op() == Expr.BinaryOp.ADD && lirOf(b).equals(STRING)) {
            collectPieces(b.left(), out);
            collectPieces(b.right(), out);
            return;
        }
        if (e instanceof Expr.Str s) {
            for (Expr.StrPart part : s.parts()) {
                switch (part) {
                    case Expr.Text t -> addText(t.text(), out);
                    case Expr.Interp i -> out.add(i.expr());
                }
            }
            return;
        }
        out.add(e);
    }

    private static void addText(String text, List<Object> out) {
        if (!out.isEmpty() && out.get(out.size() - 1) instanceof String previous) {
            out.set(out.size() - 1, previous + text);
        } else {
            out.add(text);
        }
    }

    /**
     * The pieces joined: ADD for two Strings, otherwise CONCAT over a window of the pieces (in chunks, onto an
     * accumulator, for more than {@value #CHUNK}).
     */
    private void concat(List<Object> pieces, int dest) {
        if (pieces.isEmpty()) {
            loadConstant(dest, new Constant.StringConst(""));
            return;
        }
        if (pieces.size() == 1 && pieces.get(0) instanceof String text) {
            loadConstant(dest, new Constant.StringConst(text));
            return;
        }
        Span at = out.at();
        if (pieces.size() == 2 && pieces.stream().allMatch(p -> p instanceof String || lirOf((Expr) p).equals(STRING))) {
            // Two Strings: ADD joins them without a window.
            int l = piece(pieces.get(0));
            int r = piece(pieces.get(1));
            out.at(at);
            out.abc(ADD, dest, l, r);
            regs.release(r);
            regs.release(l);
            return;
        }
        int done = 0;
        boolean accumulated = false;
        while (done < pieces.size()) {
            int take = Math.min(CHUNK - (accumulated ? 1 : 0), pieces.size() - done);
            List<Object> chunk = pieces.subList(done, done + take);
            List<LirType> slots = new ArrayList<>();
            if (accumulated) {
                slots.add(STRING);
            }
            for (Object p : chunk) {
                slots.add(p instanceof String ? STRING : lirOf((Expr) p));
            }
            int base = regs.window(slots);
            int slot = base;
            if (accumulated) {
                out.abc(MOVE, slot++, dest, 0);
            }
            for (Object p : chunk) {
                if (p instanceof String text) {
                    loadConstant(slot++, new Constant.StringConst(text));
                } else {
                    into((Expr) p, slot++);
                }
            }
            out.at(at);
            out.abc(CONCAT, dest, base, slots.size());
            regs.releaseWindow(base, slots.size());
            done += take;
            accumulated = true;
        }
    }

    private int piece(Object p) {
        if (p instanceof String text) {
            int r = regs.alloc(STRING);
            loadConstant(r, new Constant.StringConst(text));
            return r;
        }
        return any((Expr) p);
    }

    // ---- windows -----------------------------------------------------------------------------

    /** The head of a window for these slots: {@code dest} itself when the registers after it are free. */
    private int windowHead(int dest, List<LirType> slots) {
        if (regs.reserveAfter(dest, slots)) {
            return dest;
        }
        List<LirType> all = new ArrayList<>();
        all.add(regs.type(dest));
        all.addAll(slots);
        return regs.window(all);
    }

    /** Releases a window's slots, and moves its head into {@code dest} if the window was built elsewhere. */
    private void closeWindow(int head, int slots, int dest) {
        regs.releaseWindow(head + 1, slots);
        if (head != dest) {
            out.abc(MOVE, dest, head, 0);
            regs.release(head);
        }
    }

    private void list(List<Expr> elements, LirType element, int dest) {
        Span at = out.at();
        int first = Math.min(elements.size(), CHUNK);
        int head = windowHead(dest, Collections.nCopies(first, element));
        for (int i = 0; i < first; i++) {
            into(elements.get(i), head + 1 + i);
        }
        out.at(at);
        out.abc(NEWLIST, head, first, 0);
        regs.releaseWindow(head + 1, first);
        for (int i = first; i < elements.size(); i++) {
            int v = value(elements.get(i), element);
            out.at(at);
            out.abc(APPEND, head, head, v);
            regs.release(v);
        }
        closeWindow(head, 0, dest);
    }

    /**
     * A map entry: its key (an expression or a constant) and its value (an expression, or a list of
     * expressions for a tool's positional arguments), each compiled into a given register; with
     * {@code json}, the value is converted to Json.
     */
    private record Entry(Expr key, String constantKey, Expr value, List<Expr> listValue, LirType listType,
            LirType valueType, boolean json) {
    }

    private void map(Expr.MapLit m, int dest) {
        LirType valueType = ((LirType.MapOf) lirOf(m)).value();
        List<Entry> entries = new ArrayList<>();
        for (Expr.MapEntry e : m.entries()) {
            entries.add(new Entry(e.key(), null, e.value(), null, null, valueType, false));
        }
        buildMap(entries, dest);
    }

    private void buildMap(List<Entry> entries, int dest) {
        Span at = out.at();
        int first = Math.min(entries.size(), CHUNK);
        List<LirType> slots = new ArrayList<>();
        for (int i = 0; i < first; i++) {
            slots.add(STRING);
            slots.add(entries.get(i).valueType());
        }
        int head = windowHead(dest, slots);
        for (int i = 0; i < first; i++) {
            entryKey(entries.get(i), head + 1 + 2 * i);
            entryValue(entries.get(i), head + 2 + 2 * i);
        }
        out.at(at);
        out.abc(NEWMAP, head, first, 0);
        regs.releaseWindow(head + 1, slots.size());
        for (int i = first; i < entries.size(); i++) {
            int k = regs.alloc(STRING);
            entryKey(entries.get(i), k);
            int v = regs.alloc(entries.get(i).valueType());
            entryValue(entries.get(i), v);
            out.at(at);
            out.abc(SETINDEX, head, k, v);
            regs.release(v);
            regs.release(k);
        }
        closeWindow(head, 0, dest);
    }

    private void entryKey(Entry e, int reg) {
        if (e.key() != null) {
            into(e.key(), reg);
        } else {
            loadConstant(reg, new Constant.StringConst(e.constantKey()));
        }
    }

    private void entryValue(Entry e, int reg) {
        if (e.json()) {
            if (e.value() != null && lirOf(e.value()).equals(JSON)) {
                into(e.value(), reg);
                return;
            }
            int v;
            if (e.value() != null) {
                v = any(e.value());
            } else {
                v = regs.alloc(e.listType());
                list(e.listValue(), ((LirType.ListOf) e.listType()).element(), v);
            }
            out.abc(INTRINSIC, reg, Intrinsic.TO_JSON.id(), v);
            regs.release(v);
        } else if (e.value() != null) {
            into(e.value(), reg);
        } else {
            list(e.listValue(), ((LirType.ListOf) e.listType()).element(), reg);
        }
    }

    private void record(Expr.RecordLit r, int dest) {
        RecordType type = (RecordType) checked.typeOf(r);
        List<LirType> slots = new ArrayList<>();
        for (Type t : type.fields().values()) {
            slots.add(types.lir(t));
        }
        Span at = out.at();
        int head = windowHead(dest, slots);
        for (Expr.FieldInit f : r.fields()) {
            into(f.value(), head + 1 + type.fieldIndex(f.name().name()));
        }
        out.at(at);
        out.abx(NEWRECORD, head, types.indexOfNamed(type.name()));
        closeWindow(head, slots.size(), dest);
    }

    /** A role block is the record RoleText { role, content }. */
    private void role(Expr.Role r, int dest) {
        Span at = out.at();
        int head = windowHead(dest, List.of(STRING, STRING));
        out.at(r.role().span());
        loadConstant(head + 1, new Constant.StringConst(r.role().name()));
        into(r.text() != null ? r.text() : r.inline(), head + 2);
        out.at(at);
        out.abx(NEWRECORD, head, types.indexOfNamed(RecordType.ROLE_TEXT.name()));
        closeWindow(head, 2, dest);
    }

    // ---- calls -------------------------------------------------------------------------------

    private void call(Expr.Call c, int dest) {
        CallTarget target = checked.callTarget(c);
        switch (target) {
            case CallTarget.Cell cell -> cellCall(c, cell.cell(), dest);
            case CallTarget.Intrinsic in -> intrinsic(c, in.intrinsic().name(), dest);
            case CallTarget.ResultConstructor r -> {
                Type.ResultType rt = (Type.ResultType) checked.typeOf(c);
                int v = value(c.args().get(0).value(), types.lir(r.ok() ? rt.ok() : rt.err()));
                out.at(c.span());
                out.abc(r.ok() ? OK : ERR, dest, v, 0);
                regs.release(v);
            }
            case CallTarget.Tool t -> toolCall(c, t.alias(), "", dest);
            case CallTarget.McpTool t -> toolCall(c, t.alias(), t.tool(), dest);
            case null -> throw new IllegalStateException("unresolved call at " + c.span());
        }
    }

    /** CALL with the arguments in parameter order behind the result register, evaluated as written. */
    private void cellCall(Expr.Call c, CellInfo cell, int dest) {
        List<Binding> params = cell.params();
        List<LirType> slots = new ArrayList<>();
        for (Binding p : params) {
            slots.add(types.lir(p.type()));
        }
        int head = windowHead(dest, slots);
        int position = 0;
        for (Expr.Arg a : c.args()) {
            int index = a.name() == null ? position++ : parameterIndex(params, a.name().name());
            into(a.value(), head + 1 + index);
        }
        out.at(c.span());
        out.abx(CALL, head, module.cellIndex(cell));
        closeWindow(head, slots.size(), dest);
    }

    private static int parameterIndex(List<Binding> params, String name) {
        for (int i = 0; i < params.size(); i++) {
            if (params.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalStateException("no parameter `" + name + "`");
    }

    private void intrinsic(Expr.Call c, String name, int dest) {
        List<Expr> args = c.args().stream().map(Expr.Arg::value).toList();
        switch (name) {
            case "length" -> {
                int v = any(args.get(0));
                out.at(c.span());
                out.abc(LEN, dest, v, 0);
                regs.release(v);
            }
            case "append" -> {
                LirType element = ((LirType.ListOf) lirOf(c)).element();
                int l = value(args.get(0), lirOf(c));
                int v = value(args.get(1), element);
                out.at(c.span());
                out.abc(APPEND, dest, l, v);
                regs.release(v);
                regs.release(l);
            }
            case "validate" -> {
                int v = validated(args.get(1), checked.typeOf(args.get(0)));
                out.at(c.span());
                if (v != dest) {
                    out.abc(MOVE, dest, v, 0);
                }
                regs.release(v);
                out.abx(VALIDATE, dest, types.indexOf(checked.typeOf(args.get(0))));
            }
            default -> {
                Intrinsic in = Intrinsic.named(name);
                if (in == null || in.id() == Intrinsic.NO_ID) {
                    throw new IllegalStateException("intrinsic `" + name + "` has no LIR id");
                }
                if (args.isEmpty()) {
                    out.abc(INTRINSIC, dest, in.id(), dest);
                } else if (args.size() == 1) {
                    int v = any(args.get(0));
                    out.at(c.span());
                    out.abc(INTRINSIC, dest, in.id(), v);
                    regs.release(v);
                } else {
                    List<LirType> slots = new ArrayList<>();
                    for (Expr a : args) {
                        slots.add(lirOf(a));
                    }
                    int base = regs.window(slots);
                    for (int i = 0; i < args.size(); i++) {
                        into(args.get(i), base + i);
                    }
                    out.at(c.span());
                    out.abc(INTRINSIC, dest, in.id(), base);
                    regs.releaseWindow(base, slots.size());
                }
            }
        }
    }

    /**
     * TOOLCALL with the arguments as a map from input name to the argument's Json (NEWMAP, each value through
     * INTRINSIC to_json unless it is Json already), in the order written; a tool that takes positional
     * arguments (llm.chat) gets them as one list under its positional input.
     */
    private void toolCall(Expr.Call c, ToolAlias alias, String tool, int dest) {
        toolCall(c, alias, tool, null, dest, TOOLCALL);
    }

    /** A call to a tool that takes a reply schema ({@code llm.chat}), whose reply is validated against a type. */
    private record StructuredCall(Expr.Call call, ToolAlias alias, String schema) {
    }

    /**
     * {@code value}, whose reply is validated against {@code expected} (null: it is not), when it is a direct
     * call of a tool whose manifest supports structured output: it is then sent the JSON Schema of the expected
     * type as input {@code response_schema} (tools-llm.md §4.3), the schema `lumen serve --mcp` advertises for
     * the type; the tool adapts it to its provider.
     */
    private StructuredCall structuredCall(Expr value, Type expected) {
        if (expected != null && value instanceof Expr.Call c && checked.callTarget(c) instanceof CallTarget.Tool t
                && replySchema(t.alias(), expected) instanceof String schema) {
            return new StructuredCall(c, t.alias(), schema);
        }
        return null;
    }

    /** The JSON Schema text of {@code expected} a call of {@code alias} is sent, or null when it takes none. */
    private String replySchema(ToolAlias alias, Type expected) {
        if (alias.manifest() == null || !alias.manifest().supports(Capability.STRUCTURED)) {
            return null;
        }
        JsonSchemas schemas = new JsonSchemas(checked.symbols(), module.file);
        // A record's own definition at the root: the providers want an object there, not a $ref.
        return (expected instanceof RecordType r && !r.isStructural() ? schemas.ofRecord(r)
                : schemas.of(expected)).toString();
    }

    /**
     * @param responseSchema the JSON Schema text of a {@link StructuredCall}, or null
     * @param op             TOOLCALL, or TOOLSTART for a call of a `@parallel` block
     */
    private void toolCall(Expr.Call c, ToolAlias alias, String tool, String responseSchema, int dest, Opcode op) {
        int arguments = regs.alloc(TOOL_ARGUMENTS);
        toolArguments(c, alias, responseSchema, arguments);
        out.at(c.span());
        out.abc(op, dest, module.toolIndex(alias, tool), arguments);
        regs.release(arguments);
    }

    /**
     * A `@parallel` block: TOOLSTART for each call in source order (the checker proved that no argument reads
     * what another call binds), then AWAIT for each, in the same order, into the `let`s' registers.
     */
    private void parallel(Stmt.Parallel p) {
        List<Integer> started = new ArrayList<>();
        for (Stmt.Let l : p.lets()) {
            int r = declare(checked.declaredBy(l.name()));
            Expr.Call c = (Expr.Call) l.value();
            out.at(l.span());
            switch (checked.callTarget(c)) {
                case CallTarget.Tool t -> {
                    Type expected = module.validatedLets.expected(checked.declaredBy(l.name()));
                    StructuredCall call = structuredCall(c, expected);
                    toolCall(c, t.alias(), "", call == null ? null : call.schema(), r, TOOLSTART);
                }
                case CallTarget.McpTool t -> toolCall(c, t.alias(), t.tool(), null, r, TOOLSTART);
                default -> throw new IllegalStateException("not a tool call in @parallel at " + c.span());
            }
            started.add(r);
        }
        for (int i = 0; i < started.size(); i++) {
            out.at(p.lets().get(i).span());
            out.abc(AWAIT, started.get(i), 0, 0);
        }
    }

    /**
     * The map of a tool call's inputs into register {@code arguments}, with the reply schema of a
     * {@link StructuredCall} ({@code responseSchema}, or null) as input {@code response_schema}.
     */
    private void toolArguments(Expr.Call c, ToolAlias alias, String responseSchema, int arguments) {
        List<Entry> entries = new ArrayList<>();
        ToolAlias.Signature sig = alias.signature();
        if (sig != null && sig.positional() != null) {
            List<Expr> values = c.args().stream().map(Expr.Arg::value).toList();
            entries.add(new Entry(null, sig.positional(), null, values, types.lir(sig.inputs().get(sig.positional())),
                    JSON, true));
        } else {
            for (Expr.Arg a : c.args()) {
                entries.add(new Entry(null, a.name().name(), a.value(), null, null, JSON, true));
            }
        }
        buildMap(entries, arguments);
        responseSchema(responseSchema, arguments);
    }

    /** Input {@code response_schema} of the map in {@code arguments}: the JSON Schema text, unless it is null. */
    private void responseSchema(String responseSchema, int arguments) {
        if (responseSchema != null) {
            int key = regs.alloc(STRING);
            loadConstant(key, new Constant.StringConst(LlmChat.RESPONSE_SCHEMA));
            int text = regs.alloc(STRING);
            loadConstant(text, new Constant.StringConst(responseSchema));
            int json = regs.alloc(JSON);
            out.abc(INTRINSIC, json, Intrinsic.TO_JSON.id(), text);
            out.abc(SETINDEX, arguments, key, json);
            regs.release(json);
            regs.release(text);
            regs.release(key);
        }
    }
}
