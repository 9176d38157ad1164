package dev.lumen.lir.interpreter;

import static dev.lumen.lir.intrinsics.LumenIntrinsics.unlikely;

import com.oracle.truffle.api.CompilerAsserts;
import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.HostCompilerDirectives.BytecodeInterpreterSwitch;
import com.oracle.truffle.api.TruffleSafepoint;
import com.oracle.truffle.api.frame.Frame;
import com.oracle.truffle.api.frame.MaterializedFrame;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.BytecodeOSRNode;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import com.oracle.truffle.api.nodes.LoopNode;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.profiles.CountingConditionProfile;
import dev.lumen.lir.errors.LumenException;
import dev.lumen.lir.errors.LumenFailure;
import dev.lumen.lir.errors.LumenHalt;
import dev.lumen.lir.errors.LumenRuntimeError;
import dev.lumen.lir.format.CellDef;
import dev.lumen.lir.format.Constant;
import dev.lumen.lir.format.DebugInfo;
import dev.lumen.lir.format.Intrinsic;
import dev.lumen.lir.format.LirType;
import dev.lumen.lir.format.Opcode;
import dev.lumen.lir.intrinsics.IntrinsicDef;
import dev.lumen.lir.intrinsics.LumenIntrinsics;
import dev.lumen.lir.intrinsics.Registers;
import dev.lumen.lir.intrinsics.builtins.Length;
import dev.lumen.lir.values.LumenContainer;
import dev.lumen.lir.values.LumenEnumType;
import dev.lumen.lir.values.LumenList;
import dev.lumen.lir.values.LumenMap;
import dev.lumen.lir.values.LumenNull;
import dev.lumen.lir.values.LumenRecord;
import dev.lumen.lir.values.LumenRecordType;
import dev.lumen.lir.values.LumenResult;
import dev.lumen.lir.values.LumenText;
import dev.lumen.lir.values.LumenType;
import dev.lumen.lir.values.LumenValues;
import java.util.Arrays;
import java.util.List;

/**
 * The body of one cell: a register-machine interpreter over the cell's instruction words.
 *
 * <p><b>Dispatch.</b> {@link #executeFrom} is one {@link BytecodeInterpreterSwitch} loop, exploded with
 * {@link ExplodeLoop.LoopExplosionKind#MERGE_EXPLODE} over the {@link CompilationFinal} {@code code} array:
 * when a hot cell is partially evaluated, {@code pc}, each instruction word, and therefore every opcode,
 * register index and table index are constants; the switch disappears and each instruction becomes straight
 * line code specialized to its registers' static types.
 *
 * <p><b>Frame layout.</b> Register {@code r} is static frame slot {@code r}. Its static type (the cell's
 * register table) picks the slot's accessors once, at link time: {@code long} for {@code Int},
 * {@code double} for {@code Float}, {@code boolean} for {@code Bool}, {@code Object} for everything else
 * (Strings, Lumen objects, unions). The instruction itself is untyped; the types of its registers select
 * Int or Float arithmetic, list or map indexing, and so on.
 *
 * <p><b>Calls</b> go through {@link LumenCallSite}s, one per CALL instruction, in a {@code @Children} array
 * indexed through the per-pc side table; each holds a {@code DirectCallNode}, so hot callees inline.
 * <b>Conditional jumps</b> have a {@link CountingConditionProfile} each. <b>Backward jumps</b> poll
 * safepoints, report loop counts to the runtime and trigger on-stack replacement ({@link BytecodeOSRNode}):
 * a long loop in a cell that is called once still gets compiled.
 *
 * <p><b>Intrinsics.</b> INTRINSIC executes the intrinsic's definition ({@link IntrinsicDef}, from the registry
 * {@link Intrinsic}) on this node as its {@link Registers}: compiled, the id and so the definition are constants,
 * and its code is inlined into the cell like the other instructions'.
 *
 * <p><b>Values</b> are boxed only where they leave a typed slot (containers, calls, boundaries). Anything that
 * allocates heavily, loops over data or performs an effect is a static {@link TruffleBoundary} helper
 * ({@link LumenIntrinsics}, the intrinsics' own, the value classes, the effect helpers below); errors are created
 * behind boundaries, thrown from compiled code without deoptimizing it ({@link LumenIntrinsics#unlikely}), and
 * located at the failing instruction through the cell's source map.
 */
public final class LumenBytecodeNode extends Node implements BytecodeOSRNode, Registers {

    // ---- opcode numbers: the ordinals of Opcode (checked when the class initializes) ----
    static final int MOVE = 0;
    static final int LOADK = 1;
    static final int LOADINT = 2;
    static final int LOADBOOL = 3;
    static final int LOADNULL = 4;
    static final int NEWLIST = 5;
    static final int NEWMAP = 6;
    static final int NEWRECORD = 7;
    static final int OK = 8;
    static final int ERR = 9;
    static final int GETFIELD = 10;
    static final int SETFIELD = 11;
    static final int GETINDEX = 12;
    static final int SETINDEX = 13;
    static final int APPEND = 14;
    static final int LEN = 15;
    static final int ADD = 16;
    static final int SUB = 17;
    static final int MUL = 18;
    static final int DIV = 19;
    static final int MOD = 20;
    static final int NEG = 21;
    static final int NOT = 22;
    static final int CONCAT = 23;
    static final int EQ = 24;
    static final int NE = 25;
    static final int LT = 26;
    static final int LE = 27;
    static final int IN = 28;
    static final int JMP = 29;
    static final int JMPIF = 30;
    static final int JMPIFNOT = 31;
    static final int ISOK = 32;
    static final int UNWRAP = 33;
    static final int ISTYPE = 34;
    static final int CALL = 35;
    static final int INTRINSIC = 36;
    static final int TOOLCALL = 37;
    static final int SCHEMA = 38;
    static final int VALIDATE = 39;
    static final int RETURN = 40;
    static final int HALT = 41;
    static final int EXTRAARG = 42;
    static final int TOOLSTART = 43;
    static final int AWAIT = 44;

    static {
        String[] ops = {"MOVE", "LOADK", "LOADINT", "LOADBOOL", "LOADNULL", "NEWLIST", "NEWMAP", "NEWRECORD", "OK",
            "ERR", "GETFIELD", "SETFIELD", "GETINDEX", "SETINDEX", "APPEND", "LEN", "ADD", "SUB", "MUL", "DIV", "MOD",
            "NEG", "NOT", "CONCAT", "EQ", "NE", "LT", "LE", "IN", "JMP", "JMPIF", "JMPIFNOT", "ISOK", "UNWRAP",
            "ISTYPE", "CALL", "INTRINSIC", "TOOLCALL", "SCHEMA", "VALIDATE", "RETURN", "HALT", "EXTRAARG",
            "TOOLSTART", "AWAIT"};
        if (ops.length != Opcode.values().length) {
            throw new AssertionError("the interpreter's opcode numbers are out of step with Opcode");
        }
        for (int i = 0; i < ops.length; i++) {
            if (Opcode.valueOf(ops[i]).ordinal() != i) {
                throw new AssertionError("opcode " + ops[i] + " is not number " + i);
            }
        }
    }

    // ---- slot kinds ----
    static final byte K_OBJECT = 0;
    static final byte K_LONG = 1;
    static final byte K_DOUBLE = 2;
    static final byte K_BOOL = 3;

    // ---- static categories of registers (which representation an operation can assume) ----
    static final byte C_OTHER = 0; // a union: dispatch on the value
    static final byte C_INT = 1;
    static final byte C_FLOAT = 2;
    static final byte C_BOOL = 3;
    static final byte C_STRING = 4;
    static final byte C_LIST = 5;
    static final byte C_MAP = 6;
    static final byte C_RECORD = 7;
    static final byte C_ENUM = 8;
    static final byte C_RESULT = 9;
    static final byte C_BYTES = 10;
    static final byte C_JSON = 11;
    static final byte C_NULL = 12;

    /** The intrinsics by LIR id: an INTRINSIC instruction's id is a constant, and so is its definition. */
    @CompilationFinal(dimensions = 1) private static final IntrinsicDef[] INTRINSICS = intrinsics();

    /** The pc after a RETURN: the dispatch loop ends. */
    private static final int DONE = -1;

    /** Back edges between loop-count reports to the runtime. */
    private static final int REPORT_STRIDE = 1 << 8;

    private final LumenProgram program;
    private final CellDef cell;
    private final int paramCount;
    @CompilationFinal(dimensions = 1) private final int[] code;
    @CompilationFinal(dimensions = 1) private final byte[] kinds;
    @CompilationFinal(dimensions = 1) private final byte[] cats;
    /** The static type of each register, for the operations that need the whole type (patch, redact). */
    @CompilationFinal(dimensions = 1) private final LumenType[] types;
    @CompilationFinal(dimensions = 1) private final Object[] constants;
    /** Per pc: the call-site index of a CALL, the profile index of a JMPIF/JMPIFNOT, else -1. */
    @CompilationFinal(dimensions = 1) private final int[] side;
    @CompilationFinal(dimensions = 1) private final CountingConditionProfile[] profiles;
    /** Per profile index: the loop tests, whose exit is profiled without deoptimizing ({@link LumenLoopExits}). */
    private final LumenLoopExits loopExits;
    /** Per pc: whether the Int ADD, SUB or MUL there has overflowed ({@link #intOp}). */
    @CompilationFinal(dimensions = 1) private final boolean[] overflowed;
    /** Per pc: whether the MOVE there marks its value shared ({@link LumenBorrows}); false elsewhere. */
    @CompilationFinal(dimensions = 1) private boolean[] sharingMove;
    /** Per pc: the window of a CALL or NEWRECORD, and the callee of a CALL (-1 elsewhere); for linking. */
    private final int[] windowSize;
    private final int[] callee;
    private java.util.BitSet[] liveIn;
    /** Per pc: the registers a CALL there leaves dead (not read again before being written), null elsewhere. */
    @CompilationFinal(dimensions = 2) private final int[][] deadAfterCall;
    @Children private final LumenCallSite[] calls;
    @CompilationFinal private Object osrMetadata;
    /** Per pc: the index of the statement that starts there (the cell's debug information), else -1. */
    @CompilationFinal(dimensions = 1) private final int[] statementAt;
    /**
     * The statement nodes, created when a tool first asks for statements ({@link LumenCellBody}); null until then.
     * A child, so compiled code without a debugger folds every test of it away.
     */
    @Child private LumenInstrumentation instrumentation;

    LumenBytecodeNode(LumenProgram program, int cellIndex, CellDef cell) {
        this.program = program;
        this.cell = cell;
        this.paramCount = cell.params().size();
        this.code = cell.code().clone();
        List<LirType> registers = cell.registers();
        this.kinds = new byte[registers.size()];
        this.cats = new byte[registers.size()];
        this.types = new LumenType[registers.size()];
        for (int r = 0; r < registers.size(); r++) {
            types[r] = program.resolve(registers.get(r));
            cats[r] = category(types[r]);
            kinds[r] = switch (cats[r]) {
                case C_INT -> K_LONG;
                case C_FLOAT -> K_DOUBLE;
                case C_BOOL -> K_BOOL;
                default -> K_OBJECT;
            };
        }
        this.constants = new Object[cell.constants().size()];
        for (int i = 0; i < constants.length; i++) {
            constants[i] = switch (cell.constants().get(i)) {
                case Constant.IntConst c -> c.value();
                case Constant.FloatConst c -> c.value();
                case Constant.StringConst c -> c.value().intern(); // equal literals are one object across cells
                case Constant.EnumConst c -> ((LumenEnumType) program.type(c.type())).value(c.ordinal());
            };
        }
        this.side = new int[code.length];
        int callCount = 0;
        int profileCount = 0;
        for (int pc = 0; pc < code.length; pc++) {
            int op = code[pc] & 0xFF;
            side[pc] = op == CALL ? callCount++ : op == JMPIF || op == JMPIFNOT ? profileCount++ : -1;
        }
        this.windowSize = new int[code.length];
        this.callee = new int[code.length];
        for (int pc = 0; pc < code.length; pc++) {
            int op = code[pc] & 0xFF;
            callee[pc] = -1;
            if (op == CALL) {
                callee[pc] = wide(pc, code[pc] >>> 16, 16);
                windowSize[pc] = program.module().cells().get(callee[pc]).params().size();
            } else if (op == NEWRECORD) {
                windowSize[pc] = ((LumenRecordType) program.type(wide(pc, code[pc] >>> 16, 16))).fieldCount();
            }
        }
        this.liveIn = LumenBorrows.liveness(cell, code, windowSize);
        this.deadAfterCall = deadAfterCalls(code, liveIn, registers.size());
        this.calls = new LumenCallSite[callCount];
        this.profiles = new CountingConditionProfile[profileCount];
        this.overflowed = new boolean[code.length];
        for (int i = 0; i < profileCount; i++) {
            profiles[i] = CountingConditionProfile.create();
        }
        this.loopExits = LumenLoopExits.of(code, side, profileCount);
        this.statementAt = new int[code.length];
        Arrays.fill(statementAt, -1);
        List<DebugInfo.Statement> statements = cell.debug().statements();
        for (int i = 0; i < statements.size(); i++) {
            statementAt[statements.get(i).pc()] = i;
        }
    }

    private static int[][] deadAfterCalls(int[] code, java.util.BitSet[] liveIn, int registerCount) {
        int[][] dead = new int[code.length][];
        for (int pc = 0; pc < code.length; pc++) {
            if ((code[pc] & 0xFF) == CALL) {
                int result = (code[pc] >>> 8) & 0xFF;
                java.util.BitSet liveOut = pc + 1 < code.length ? liveIn[pc + 1] : new java.util.BitSet();
                dead[pc] = java.util.stream.IntStream.range(0, registerCount)
                        .filter(r -> r != result && !liveOut.get(r))
                        .toArray();
            }
        }
        return dead;
    }

    private static byte category(LumenType t) {
        return switch (t) {
            case LumenType.Primitive p -> switch (p) {
                case INT -> C_INT;
                case FLOAT -> C_FLOAT;
                case BOOL -> C_BOOL;
                case STRING -> C_STRING;
                case BYTES -> C_BYTES;
                case JSON -> C_JSON;
                case NULL -> C_NULL;
            };
            case LumenType.ListType l -> C_LIST;
            case LumenType.MapType m -> C_MAP;
            case LumenType.ResultType r -> C_RESULT;
            case LumenType.UnionType u -> C_OTHER;
            case LumenRecordType r -> C_RECORD;
            case LumenEnumType e -> C_ENUM;
        };
    }

    /**
     * Creates the call sites, after every cell of the program has its root. {@code borrowed[c][i]} tells
     * whether cell c only borrows its parameter i ({@link LumenBorrows#borrowedParams}), in which case the
     * argument is passed without marking it shared.
     */
    void linkCalls(boolean[][] borrowed, boolean[] sharing) {
        this.sharingMove = sharing;
        this.liveIn = null;
        for (int pc = 0; pc < code.length; pc++) {
            if ((code[pc] & 0xFF) == CALL) {
                int target = callee[pc];
                boolean[] share = new boolean[windowSize[pc]];
                for (int i = 0; i < share.length; i++) {
                    share[i] = !borrowed[target][i];
                }
                LumenCallSite site = new LumenCallSite(program.callTarget(target), share, program.location(cell, pc), pc);
                calls[side[pc]] = insert(site);
            }
        }
    }

    int[] code() {
        return code;
    }

    java.util.BitSet[] liveIn() {
        return liveIn;
    }

    int[] windowSizes() {
        return windowSize;
    }

    int[] callees() {
        return callee;
    }

    int paramCount() {
        return paramCount;
    }

    LumenProgram program() {
        return program;
    }

    CellDef cell() {
        return cell;
    }

    // ============================================================================== debugging

    /**
     * Creates the statement nodes, once: from now on the loop reports every statement it starts to them. Compiled
     * code that assumed there were none is invalidated.
     */
    void instrumentStatements() {
        if (instrumentation != null || cell.debug().statements().isEmpty()) {
            return;
        }
        this.instrumentation = insert(new LumenInstrumentation(program, cell));
        reportReplace(this, this, "statements instrumented");
    }

    /** What register {@code r} holds in {@code frame}, boxed, or null when it was never written. */
    @TruffleBoundary
    Object debugValue(MaterializedFrame frame, int r) {
        return boxed(frame, kinds[r], r);
    }

    // ============================================================================== entry and OSR

    /** Unboxes the arguments into the parameter registers. */
    @ExplodeLoop
    void enter(VirtualFrame frame) {
        Object[] args = frame.getArguments();
        for (int i = 0; i < paramCount; i++) {
            writeBoxed(frame, i, args[i]);
        }
    }

    Object execute(VirtualFrame frame) {
        return executeFrom(frame, 0);
    }

    @Override
    public Object executeOSR(VirtualFrame osrFrame, int target, Object interpreterState) {
        return executeFrom(osrFrame, target);
    }

    @Override
    public Object executeOSR(VirtualFrame osrFrame, long target, Object interpreterState) {
        return executeFrom(osrFrame, (int) target);
    }

    /**
     * Nothing to restore: OSR code runs the cell to its RETURN, and the interpreter returns the result at once,
     * never reading the parent frame again (compiled, RETURN has cleared every register anyway). The default
     * copies the frame back after a transfer to the interpreter on every exit from OSR code (a deoptimization
     * that does not invalidate, but that the compilation trace reports as one).
     */
    @Override
    public void restoreParentFrame(VirtualFrame osrFrame, VirtualFrame parentFrame) {
    }

    @Override
    public Object getOSRMetadata() {
        return osrMetadata;
    }

    @Override
    public void setOSRMetadata(Object osrMetadata) {
        this.osrMetadata = osrMetadata;
    }

    /** Back edges taken since the last report; an object so that MERGE_EXPLODE can merge loop states. */
    private static final class LoopCounter {
        int count;
    }

    // ============================================================================== the loop

    @BytecodeInterpreterSwitch
    @ExplodeLoop(kind = ExplodeLoop.LoopExplosionKind.MERGE_EXPLODE)
    private Object executeFrom(VirtualFrame frame, int startPc) {
        final int[] bc = this.code;
        final LoopCounter counter = new LoopCounter();
        Object result = null;
        int pc = startPc;
        // The statement running, for its statement node; only ever set while a tool instruments statements, so
        // compiled code without one keeps it at -1 (a constant) and drops every use.
        int statement = -1;
        while (pc != DONE) {
            CompilerAsserts.partialEvaluationConstant(pc);
            final int starts = statementAt[pc];
            CompilerAsserts.partialEvaluationConstant(starts);
            if (starts >= 0) {
                LumenInstrumentation probes = this.instrumentation;
                if (probes != null) {
                    statement = probes.enter(frame, statement, starts);
                }
            }
            final int word = bc[pc];
            final int op = word & 0xFF;
            final int a = (word >>> 8) & 0xFF;
            final int b = (word >>> 16) & 0xFF;
            final int c = word >>> 24;
            final int bx = word >>> 16;
            final int sbx = word >> 16;
            CompilerAsserts.partialEvaluationConstant(op);
            try {
                switch (op) {
                    case MOVE:
                        move(frame, a, b, sharingMove[pc]);
                        pc++;
                        break;
                    case LOADK:
                        writeBoxed(frame, a, constants[wide(pc, bx, 16)]);
                        pc++;
                        break;
                    case LOADINT:
                        writeLong(frame, a, sbx);
                        pc++;
                        break;
                    case LOADBOOL:
                        writeBool(frame, a, b != 0);
                        pc++;
                        break;
                    case LOADNULL:
                        writeBoxed(frame, a, LumenNull.INSTANCE);
                        pc++;
                        break;
                    case NEWLIST: {
                        Object[] items = new Object[b];
                        readWindow(frame, items, a + 1, true);
                        writeBoxed(frame, a, LumenList.wrap(items));
                        pc++;
                        break;
                    }
                    case NEWMAP: {
                        Object[] pairs = new Object[2 * b];
                        readWindow(frame, pairs, a + 1, false);
                        writeBoxed(frame, a, LumenMap.ofPairs(pairs));
                        pc++;
                        break;
                    }
                    case NEWRECORD: {
                        LumenRecordType type = (LumenRecordType) program.type(wide(pc, bx, 16));
                        LumenRecord r = new LumenRecord(type);
                        initFields(frame, r, type, a + 1);
                        writeBoxed(frame, a, r);
                        pc++;
                        break;
                    }
                    case OK:
                    case ERR:
                        writeBoxed(frame, a, new LumenResult(op == OK, readBoxed(frame, b)));
                        pc++;
                        break;
                    case GETFIELD:
                        getField(frame, a, (LumenRecord) readBoxed(frame, b), staticRecordType(b), wide(pc, c, 8));
                        pc++;
                        break;
                    case SETFIELD: {
                        LumenRecord r = (LumenRecord) readBoxed(frame, a);
                        if (r.isShared()) {
                            r = r.copy();
                            writeBoxed(frame, a, r);
                        }
                        setField(frame, r, staticRecordType(a), wide(pc, b, 8), c);
                        pc++;
                        break;
                    }
                    case GETINDEX:
                        getIndex(frame, pc, a, b, c);
                        pc++;
                        break;
                    case SETINDEX:
                        setIndex(frame, pc, a, b, c);
                        pc++;
                        break;
                    case APPEND: {
                        LumenList list = (LumenList) readBoxed(frame, b);
                        Object v = LumenContainer.share(readBoxed(frame, c));
                        if (a == b) {
                            if (list.isShared()) {
                                list = list.copy(1);
                                writeBoxed(frame, a, list);
                            }
                            list.append(v);
                        } else {
                            writeBoxed(frame, a, list.appended(v));
                        }
                        pc++;
                        break;
                    }
                    case LEN:
                        writeLong(frame, a, Length.of(this, frame, b));
                        pc++;
                        break;
                    case ADD:
                    case SUB:
                    case MUL:
                    case DIV:
                    case MOD:
                        arithmetic(frame, pc, op, a, b, c);
                        pc++;
                        break;
                    case NEG:
                        if (kinds[a] == K_DOUBLE) {
                            writeDouble(frame, a, -readDouble(frame, b));
                        } else {
                            long x = readLong(frame, b);
                            if (unlikely(x == Long.MIN_VALUE)) {
                                throw error(pc, LumenIntrinsics.overflowMessage("-", x));
                            }
                            writeLong(frame, a, -x);
                        }
                        pc++;
                        break;
                    case NOT:
                        writeBool(frame, a, !readBool(frame, b));
                        pc++;
                        break;
                    case CONCAT: {
                        Object[] parts = new Object[c];
                        readWindow(frame, parts, b, false);
                        writeBoxed(frame, a, LumenText.concat(parts));
                        pc++;
                        break;
                    }
                    case EQ:
                        writeBool(frame, a, equal(frame, b, c));
                        pc++;
                        break;
                    case NE:
                        writeBool(frame, a, !equal(frame, b, c));
                        pc++;
                        break;
                    case LT:
                    case LE:
                        writeBool(frame, a, compare(frame, op, b, c));
                        pc++;
                        break;
                    case IN:
                        writeBool(frame, a, in(frame, b, c));
                        pc++;
                        break;
                    case JMP: {
                        int target = pc + 1 + sbx;
                        if (target <= pc) {
                            Object osr = backEdge(frame, counter, target);
                            if (osr != null) {
                                return osr;
                            }
                        }
                        pc = target;
                        break;
                    }
                    case JMPIF:
                    case JMPIFNOT: {
                        boolean condition = readBool(frame, a);
                        boolean jump = op == JMPIF ? condition : !condition;
                        int profile = side[pc];
                        if (loopExits.isLoopTest(profile) ? loopExits.profile(profile, jump) : profiles[profile].profile(jump)) {
                            int target = pc + 1 + sbx;
                            if (target <= pc) {
                                Object osr = backEdge(frame, counter, target);
                                if (osr != null) {
                                    return osr;
                                }
                            }
                            pc = target;
                        } else {
                            pc++;
                        }
                        break;
                    }
                    case ISOK:
                        writeBool(frame, a, ((LumenResult) readBoxed(frame, b)).isOk());
                        pc++;
                        break;
                    case UNWRAP:
                        writeBoxed(frame, a, ((LumenResult) readBoxed(frame, b)).value());
                        pc++;
                        break;
                    case ISTYPE:
                        writeBool(frame, a, program.type(wide(pc, bx, 16)).isInstance(readBoxed(frame, a + 1)));
                        pc++;
                        break;
                    case CALL: {
                        LumenCallSite site = calls[side[pc]];
                        Object[] args = new Object[site.argCount()];
                        readArguments(frame, args, a + 1, site.shareArgs());
                        if (CompilerDirectives.inCompiledCode() && instrumentation == null) {
                            clearDead(frame, deadAfterCall[pc]); // a debugger shows every variable in scope
                        }
                        writeBoxed(frame, a, site.execute(frame, args));
                        pc++;
                        break;
                    }
                    case INTRINSIC:
                        INTRINSICS[b].execute(this, frame, pc, a, c);
                        pc++;
                        break;
                    case TOOLCALL:
                        writeBoxed(frame, a, callTool(program, cell, a, wide(pc, b, 8), (LumenMap) readBoxed(frame, c)));
                        pc++;
                        break;
                    case TOOLSTART:
                        startTool(program, wide(pc, b, 8), (LumenMap) readBoxed(frame, c));
                        pc++;
                        break;
                    case AWAIT:
                        writeBoxed(frame, a, awaitTool(program, cell, a));
                        pc++;
                        break;
                    case SCHEMA:
                    case VALIDATE:
                        writeBoxed(frame, a, validate(program, program.type(wide(pc, bx, 16)), readBoxed(frame, a), op == SCHEMA));
                        pc++;
                        break;
                    case RETURN:
                        if (CompilerDirectives.hasNextTier() && counter.count > 0) {
                            LoopNode.reportLoopCount(this, counter.count);
                        }
                        // The value is read here, inside the loop, and the loop is left through its condition:
                        // MERGE_EXPLODE merges every exit of the loop into one, where the register number
                        // would be a phi of all RETURNs' operands, read from the frame with a variable index
                        // (which makes the frame escape).
                        result = readBoxed(frame, a);
                        if (statement >= 0) {
                            exitStatement(frame, statement);
                        }
                        if (CompilerDirectives.inCompiledCode()) {
                            clearAll(frame);
                        }
                        pc = DONE;
                        break;
                    case HALT:
                        throw halt(pc, readBoxed(frame, a));
                    case EXTRAARG:
                        pc++; // the operand of the previous instruction, already read
                        break;
                    default:
                        CompilerDirectives.transferToInterpreter();
                        throw error(pc, "internal error: unknown opcode " + op);
                }
            } catch (LumenFailure f) {
                throw failedStatement(frame, statement, located(pc, f));
            } catch (LumenException e) {
                throw failedStatement(frame, statement, e);
            }
        }
        return result;
    }

    private void exitStatement(VirtualFrame frame, int statement) {
        LumenInstrumentation probes = this.instrumentation;
        if (probes != null) {
            probes.exit(frame, statement);
        }
    }

    /** Reports an error to the node of the statement it stops (a debugger pauses there on exceptions). */
    private LumenException failedStatement(VirtualFrame frame, int statement, LumenException e) {
        if (statement >= 0) {
            LumenInstrumentation probes = this.instrumentation;
            if (probes != null) {
                probes.fail(frame, statement, e);
            }
        }
        return e;
    }

    private Object backEdge(VirtualFrame frame, LoopCounter counter, int target) {
        TruffleSafepoint.poll(this);
        if (CompilerDirectives.hasNextTier() && ++counter.count >= REPORT_STRIDE) {
            LoopNode.reportLoopCount(this, counter.count);
            counter.count = 0;
        }
        if (CompilerDirectives.inInterpreter() && BytecodeOSRNode.pollOSRBackEdge(this, 1)) {
            Object result = BytecodeOSRNode.tryOSR(this, target, null, null, frame);
            if (result != null) {
                if (counter.count > 0) {
                    LoopNode.reportLoopCount(this, counter.count);
                }
                return result;
            }
        }
        return null;
    }

    /** An operand widened by a following EXTRAARG ({@link Opcode#takesExtraArg()}), else the field itself. */
    private int wide(int pc, int field, int width) {
        if (pc + 1 < code.length && (code[pc + 1] & 0xFF) == EXTRAARG) {
            return field + ((code[pc + 1] >>> 8) << width);
        }
        return field;
    }

    // ============================================================================== registers

    /**
     * The slot kind of register {@code r}, which must be a constant when the cell is compiled: a register
     * read or written with a variable index makes the virtual frame escape, so every call would allocate
     * one. Compilation fails here instead.
     */
    private byte kind(int r) {
        CompilerAsserts.partialEvaluationConstant(r);
        return kinds[r];
    }

    @Override
    public Object readBoxed(VirtualFrame frame, int r) {
        return boxed(frame, kind(r), r);
    }

    /** Register {@code r}, of slot kind {@code kind}, boxed. */
    private static Object boxed(Frame frame, byte kind, int r) {
        switch (kind) {
            case K_LONG:
                return frame.getLongStatic(r);
            case K_DOUBLE:
                return frame.getDoubleStatic(r);
            case K_BOOL:
                return frame.getBooleanStatic(r);
            default:
                return frame.getObjectStatic(r);
        }
    }

    @Override
    public long readLong(VirtualFrame frame, int r) {
        return kind(r) == K_LONG ? frame.getLongStatic(r) : (Long) frame.getObjectStatic(r);
    }

    @Override
    public double readDouble(VirtualFrame frame, int r) {
        return kind(r) == K_DOUBLE ? frame.getDoubleStatic(r) : (Double) frame.getObjectStatic(r);
    }

    @Override
    public boolean readBool(VirtualFrame frame, int r) {
        return kind(r) == K_BOOL ? frame.getBooleanStatic(r) : (Boolean) frame.getObjectStatic(r);
    }

    @Override
    public void writeBoxed(VirtualFrame frame, int r, Object value) {
        switch (kind(r)) {
            case K_LONG:
                frame.setLongStatic(r, (Long) value);
                break;
            case K_DOUBLE:
                frame.setDoubleStatic(r, (Double) value);
                break;
            case K_BOOL:
                frame.setBooleanStatic(r, (Boolean) value);
                break;
            default:
                frame.setObjectStatic(r, value);
        }
    }

    @Override
    public void writeLong(VirtualFrame frame, int r, long value) {
        if (kind(r) == K_LONG) {
            frame.setLongStatic(r, value);
        } else {
            frame.setObjectStatic(r, value);
        }
    }

    @Override
    public void writeDouble(VirtualFrame frame, int r, double value) {
        if (kind(r) == K_DOUBLE) {
            frame.setDoubleStatic(r, value);
        } else {
            frame.setObjectStatic(r, value);
        }
    }

    @Override
    public void writeBool(VirtualFrame frame, int r, boolean value) {
        if (kind(r) == K_BOOL) {
            frame.setBooleanStatic(r, value);
        } else {
            frame.setObjectStatic(r, value);
        }
    }

    /** Reads registers {@code first..first+into.length-1}, marking containers shared when {@code share}. */
    @ExplodeLoop
    private void readWindow(VirtualFrame frame, Object[] into, int first, boolean share) {
        for (int i = 0; i < into.length; i++) {
            Object v = readBoxed(frame, first + i);
            into[i] = share ? LumenContainer.share(v) : v;
        }
    }

    /**
     * Compiled code only: clears registers that are dead, before a call. The call's deoptimization state (and
     * that of every callee inlined below it) then holds constants for them instead of values that would be
     * kept on the stack across the call, as every live value is. Dead registers are never read, so the
     * interpreter, which gains nothing from clearing them, leaves them as they are.
     */
    @ExplodeLoop
    private void clearDead(VirtualFrame frame, int[] dead) {
        for (int i = 0; i < dead.length; i++) {
            clearRegister(frame, dead[i]);
        }
    }

    /**
     * Compiled code only: clears every register as the cell returns. The RETURNs of a cell merge at the exit
     * of the loop, where the frame is still in the deoptimization state of what follows (Truffle's safepoint
     * poll after the root executes). Registers that differ between two RETURN paths would be merged there
     * into values computed on every path; cleared, they are the same constants on all of them.
     */
    @ExplodeLoop
    private void clearAll(VirtualFrame frame) {
        for (int r = 0; r < kinds.length; r++) {
            clearRegister(frame, r);
        }
    }

    private void clearRegister(VirtualFrame frame, int r) {
        if (kind(r) == K_OBJECT) {
            frame.clearObjectStatic(r);
        } else {
            frame.clearPrimitiveStatic(r);
        }
    }

    /** Reads a CALL's arguments, marking shared the containers passed to parameters the callee does not only borrow. */
    @ExplodeLoop
    private void readArguments(VirtualFrame frame, Object[] into, int first, boolean[] share) {
        for (int i = 0; i < into.length; i++) {
            Object v = readBoxed(frame, first + i);
            into[i] = share[i] ? LumenContainer.share(v) : v;
        }
    }

    private static boolean mayHoldContainer(byte category) {
        return category == C_LIST || category == C_MAP || category == C_RECORD || category == C_JSON || category == C_OTHER;
    }

    private void move(VirtualFrame frame, int a, int b, boolean share) {
        byte ka = kinds[a];
        if (ka == K_LONG && kinds[b] == K_LONG) {
            frame.setLongStatic(a, frame.getLongStatic(b));
        } else if (ka == K_DOUBLE && kinds[b] == K_DOUBLE) {
            frame.setDoubleStatic(a, frame.getDoubleStatic(b));
        } else if (ka == K_BOOL && kinds[b] == K_BOOL) {
            frame.setBooleanStatic(a, frame.getBooleanStatic(b));
        } else {
            Object v = readBoxed(frame, b);
            if (share && mayHoldContainer(cats[b])) {
                LumenContainer.share(v);
            }
            writeBoxed(frame, a, v);
        }
    }

    // ============================================================================== records

    /** The record type of register {@code r} when it is statically one, else null (a union: any record). */
    private LumenRecordType staticRecordType(int r) {
        return cats[r] == C_RECORD ? (LumenRecordType) types[r] : null;
    }

    /**
     * Reads field {@code f} of {@code r} into register {@code a}. With the record's static type known (and
     * confirmed by the value's), the field's kind and slot are constants: an Int field is one load into a
     * long register.
     */
    private void getField(VirtualFrame frame, int a, LumenRecord r, LumenRecordType type, int f) {
        if (type == null || r.type() != type) {
            writeBoxed(frame, a, r.get(f));
            return;
        }
        int slot = type.fieldSlot(f);
        switch (type.fieldKind(f)) {
            case LumenRecord.INT:
                writeLong(frame, a, r.primitive(slot));
                break;
            case LumenRecord.FLOAT:
                writeDouble(frame, a, Double.longBitsToDouble(r.primitive(slot)));
                break;
            case LumenRecord.BOOL:
                writeBool(frame, a, r.primitive(slot) != 0);
                break;
            default:
                writeBoxed(frame, a, r.reference(slot));
        }
    }

    /** Sets field {@code f} of the unshared record {@code r} from register {@code v}, marking a container shared. */
    private void setField(VirtualFrame frame, LumenRecord r, LumenRecordType type, int f, int v) {
        if (type == null || r.type() != type) {
            r.set(f, LumenContainer.share(readBoxed(frame, v)));
            return;
        }
        int slot = type.fieldSlot(f);
        switch (type.fieldKind(f)) {
            case LumenRecord.INT:
                r.setPrimitive(slot, readLong(frame, v));
                break;
            case LumenRecord.FLOAT:
                r.setPrimitive(slot, Double.doubleToRawLongBits(readDouble(frame, v)));
                break;
            case LumenRecord.BOOL:
                r.setPrimitive(slot, readBool(frame, v) ? 1 : 0);
                break;
            default:
                r.setReference(slot, LumenContainer.share(readBoxed(frame, v)));
        }
    }

    /** NEWRECORD: sets every field of the new record {@code r} from registers {@code first..}. */
    @ExplodeLoop
    private void initFields(VirtualFrame frame, LumenRecord r, LumenRecordType type, int first) {
        for (int i = 0; i < type.fieldCount(); i++) {
            setField(frame, r, type, i, first + i);
        }
    }

    // ============================================================================== operations

    private void getIndex(VirtualFrame frame, int pc, int a, int b, int c) {
        Object container = readBoxed(frame, b);
        if (cats[b] == C_LIST || (cats[b] != C_MAP && container instanceof LumenList)) {
            LumenList list = (LumenList) container;
            long i = readLong(frame, c);
            if (unlikely(i < 0 || i >= list.size())) {
                throw error(pc, LumenIntrinsics.indexMessage(i, list.size()));
            }
            writeBoxed(frame, a, list.get((int) i));
        } else {
            LumenMap map = (LumenMap) container;
            String key = (String) readBoxed(frame, c);
            Object v = map.get(key);
            if (unlikely(v == null)) {
                throw error(pc, LumenIntrinsics.keyMessage(key));
            }
            writeBoxed(frame, a, v);
        }
    }

    private void setIndex(VirtualFrame frame, int pc, int a, int b, int c) {
        Object container = readBoxed(frame, a);
        Object v = LumenContainer.share(readBoxed(frame, c));
        if (cats[a] == C_LIST || (cats[a] != C_MAP && container instanceof LumenList)) {
            LumenList list = (LumenList) container;
            long i = readLong(frame, b);
            if (unlikely(i < 0 || i >= list.size())) {
                throw error(pc, LumenIntrinsics.indexMessage(i, list.size()));
            }
            if (list.isShared()) {
                list = list.copy(0);
                writeBoxed(frame, a, list);
            }
            list.set((int) i, v);
        } else {
            LumenMap map = (LumenMap) container;
            if (map.isShared()) {
                map = map.copy();
                writeBoxed(frame, a, map);
            }
            map.put((String) readBoxed(frame, b), v);
        }
    }

    private void arithmetic(VirtualFrame frame, int pc, int op, int a, int b, int c) {
        if (kinds[a] == K_LONG || (cats[a] == C_OTHER && kinds[b] == K_LONG)) {
            long x = readLong(frame, b);
            long y = readLong(frame, c);
            writeLong(frame, a, intOp(pc, op, x, y));
        } else if (kinds[a] == K_DOUBLE || (cats[a] == C_OTHER && kinds[b] == K_DOUBLE)) {
            double x = readDouble(frame, b);
            double y = readDouble(frame, c);
            double r;
            switch (op) {
                case ADD:
                    r = x + y;
                    break;
                case SUB:
                    r = x - y;
                    break;
                case MUL:
                    r = x * y;
                    break;
                case DIV:
                    r = x / y;
                    break;
                default:
                    r = x % y;
            }
            writeDouble(frame, a, r);
        } else if (op == ADD && cats[a] == C_STRING) {
            writeBoxed(frame, a, LumenIntrinsics.concat((String) readBoxed(frame, b), (String) readBoxed(frame, c)));
        } else if (op == ADD && cats[a] == C_LIST) {
            writeBoxed(frame, a, ((LumenList) readBoxed(frame, b)).concat((LumenList) readBoxed(frame, c)));
        } else {
            writeBoxed(frame, a, LumenIntrinsics.arithmetic(op - ADD, readBoxed(frame, b), readBoxed(frame, c)));
        }
    }

    /**
     * Int arithmetic. ADD, SUB and MUL use Math.addExact and the like, which compile to the processor's
     * overflow flag, and keep loops over an Int counted loops; but compiled, their ArithmeticException is a
     * deoptimization that invalidates the code, every time it is thrown. So an instruction that overflows once
     * tests for overflow explicitly from then on ({@link #overflowed}): one invalidation per instruction, not
     * one per call of a cell that overflows on every call.
     */
    private long intOp(int pc, int op, long x, long y) {
        switch (op) {
            case ADD:
            case SUB:
            case MUL:
                if (!overflowed[pc]) {
                    try {
                        return op == ADD ? Math.addExact(x, y) : op == SUB ? Math.subtractExact(x, y) : Math.multiplyExact(x, y);
                    } catch (ArithmeticException e) {
                        CompilerDirectives.transferToInterpreterAndInvalidate();
                        overflowed[pc] = true;
                    }
                }
                return checkedIntOp(pc, op, x, y);
            case DIV:
                if (unlikely(y == 0)) {
                    throw error(pc, LumenIntrinsics.byZeroMessage(x, false));
                }
                if (unlikely(x == Long.MIN_VALUE && y == -1)) {
                    throw error(pc, LumenIntrinsics.overflowMessage(x, "/", y));
                }
                return x / y;
            default:
                if (unlikely(y == 0)) {
                    throw error(pc, LumenIntrinsics.byZeroMessage(x, true));
                }
                return x % y;
        }
    }

    /** ADD, SUB or MUL with an explicit overflow test, for an instruction that has overflowed. */
    private long checkedIntOp(int pc, int op, long x, long y) {
        long r;
        boolean overflow;
        if (op == ADD) {
            r = x + y;
            overflow = ((x ^ r) & (y ^ r)) < 0;
        } else if (op == SUB) {
            r = x - y;
            overflow = ((x ^ y) & (x ^ r)) < 0;
        } else {
            r = x * y;
            overflow = Math.multiplyHigh(x, y) != (r >> 63);
        }
        if (unlikely(overflow)) {
            throw error(pc, LumenIntrinsics.overflowMessage(x, op == ADD ? "+" : op == SUB ? "-" : "*", y));
        }
        return r;
    }

    private boolean equal(VirtualFrame frame, int b, int c) {
        byte kb = kinds[b];
        byte kc = kinds[c];
        if (kb == K_LONG && kc == K_LONG) {
            return frame.getLongStatic(b) == frame.getLongStatic(c);
        }
        if (kb == K_DOUBLE && kc == K_DOUBLE) {
            return frame.getDoubleStatic(b) == frame.getDoubleStatic(c);
        }
        if (kb == K_BOOL && kc == K_BOOL) {
            return frame.getBooleanStatic(b) == frame.getBooleanStatic(c);
        }
        Object x = readBoxed(frame, b);
        Object y = readBoxed(frame, c);
        if (cats[b] == C_ENUM || cats[c] == C_ENUM || cats[b] == C_NULL || cats[c] == C_NULL) {
            return x == y; // enum variants and null are singletons
        }
        if (x == y && !(x instanceof Double)) {
            return true;
        }
        if (cats[b] == C_STRING && cats[c] == C_STRING) {
            // String.equals compiles to an intrinsic array comparison: no boundary call on the hot path.
            return ((String) x).equals(y);
        }
        return LumenValues.equal(x, y);
    }

    private boolean compare(VirtualFrame frame, int op, int b, int c) {
        if (kinds[b] == K_LONG) {
            long x = frame.getLongStatic(b);
            long y = readLong(frame, c);
            return op == LT ? x < y : x <= y;
        }
        if (kinds[b] == K_DOUBLE) {
            double x = frame.getDoubleStatic(b);
            double y = readDouble(frame, c);
            return op == LT ? x < y : x <= y;
        }
        Object x = readBoxed(frame, b);
        Object y = readBoxed(frame, c);
        if (x instanceof String s && y instanceof String t) {
            int cmp = LumenValues.compareStrings(s, t);
            return op == LT ? cmp < 0 : cmp <= 0;
        }
        return LumenIntrinsics.compareBoxed(op == LT, x, y);
    }

    private boolean in(VirtualFrame frame, int b, int c) {
        Object x = readBoxed(frame, b);
        Object container = readBoxed(frame, c);
        switch (cats[c]) {
            case C_LIST:
                return LumenIntrinsics.contains((LumenList) container, x);
            case C_MAP:
                return ((LumenMap) container).containsKey((String) x);
            case C_STRING:
                return LumenIntrinsics.contains((String) container, (String) x);
            default:
                return LumenIntrinsics.in(x, container);
        }
    }

    // ============================================================================== intrinsics

    private static IntrinsicDef[] intrinsics() {
        IntrinsicDef[] table = new IntrinsicDef[Intrinsic.count()];
        for (int id = 0; id < table.length; id++) {
            table[id] = Intrinsic.of(id).def();
        }
        return table;
    }

    @Override
    public LumenType type(int r) {
        return types[r];
    }

    @Override
    @TruffleBoundary
    public LumenRecordType builtinRecord(String name) {
        return (LumenRecordType) program.resolve(new LirType.Named(name));
    }

    /** {@code trace_ref()}: a boundary, like every effect. */
    @Override
    @TruffleBoundary
    public Object traceRef() {
        return program.effects().traceRef(builtinRecord("TraceRef"));
    }

    @Override
    @TruffleBoundary
    public Object fromJson(Object tree, LumenType type, String failure) {
        return LumenImport.fromJson(tree, type, "value", LumenException.Kind.RUNTIME, failure);
    }

    // ============================================================================== effects

    /** TOOLCALL: the trace boundary for tools; the output becomes a value of the type of the result register. */
    @TruffleBoundary
    private static Object callTool(LumenProgram program, CellDef cell, int result, int tool, LumenMap arguments) {
        return program.effects().callTool(program.tool(tool), arguments, program.resolve(cell.registers().get(result)));
    }

    /** TOOLSTART: starts a call that runs beside the cell until an AWAIT takes its output. */
    @TruffleBoundary
    private static void startTool(LumenProgram program, int tool, LumenMap arguments) {
        program.effects().startTool(program.tool(tool), arguments);
    }

    /** AWAIT: the output of the earliest started call not yet awaited, as a value of the result register's type. */
    @TruffleBoundary
    private static Object awaitTool(LumenProgram program, CellDef cell, int result) {
        return program.effects().awaitTool(program.resolve(cell.registers().get(result)));
    }

    /** SCHEMA and VALIDATE: the trace boundary for validation. */
    @TruffleBoundary
    private static Object validate(LumenProgram program, LumenType schema, Object input, boolean strict) {
        return program.effects().validate(schema, input, strict, program);
    }

    // ============================================================================== errors

    @Override
    @TruffleBoundary
    public LumenRuntimeError error(int pc, String message) {
        return new LumenRuntimeError(message, null, program.location(cell, pc));
    }

    @TruffleBoundary
    private LumenRuntimeError located(int pc, LumenFailure failure) {
        return new LumenRuntimeError(failure, null, program.location(cell, pc));
    }

    /** HALT of a String, or of a ValidationError: its message, with its field errors as a failed SCHEMA has them. */
    @TruffleBoundary
    private LumenHalt halt(int pc, Object message) {
        if (message instanceof LumenRecord error) {
            LumenRecordType type = error.type();
            return new LumenHalt((String) error.get(type.indexOf("message")), null, program.location(cell, pc),
                    error.get(type.indexOf("errors")));
        }
        return new LumenHalt((String) message, null, program.location(cell, pc));
    }
}
