package dev.lumen.lir.format;

import dev.lumen.lir.intrinsics.Signature;
import dev.lumen.lir.intrinsics.TypeTerm;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The verifier's second pass, over a well-formed cell: every register is written before it is read, and every
 * instruction gets operands of the types it works on and writes values its result register can hold
 * (lir-v1.md §8, "Types"). The interpreter picks each operation's representation from the register types, so a
 * module that passes this never makes it cast a value to what it is not.
 *
 * <p>It is a data-flow analysis in the manner of the JVM's type-checking verifier: at each instruction, what each
 * register may hold (a set of types, the members of its declared type or fewer; or "maybe unset"). A union
 * register holds fewer after a test: ISTYPE (or EQ with null) followed by JMPIF or JMPIFNOT narrows the tested
 * value on each branch, in every register known to hold a copy of it, and ISOK tells which payload UNWRAP takes.
 * That is how the front end narrows a {@code match} subject; MOVE may then copy the value into a register of the
 * narrower type. Up to {@value #STATES} states are kept apart at an instruction before they are merged, so the
 * later arms of a nested match see what the earlier ones ruled out. A register may also hold what its type does
 * not admit when its slot is an object (SCHEMA and VALIDATE work in place on their input), but then nothing else
 * may read it.
 */
final class TypeFlow {
    private static final LirType INT = LirType.Primitive.INT;
    private static final LirType FLOAT = LirType.Primitive.FLOAT;
    private static final LirType BOOL = LirType.Primitive.BOOL;
    private static final LirType STRING = LirType.Primitive.STRING;
    private static final LirType BYTES = LirType.Primitive.BYTES;
    private static final LirType JSON = LirType.Primitive.JSON;
    private static final LirType NULL = LirType.Primitive.NULL;
    private static final LirType VALIDATION_ERROR = new LirType.Named("ValidationError");
    /** What a result register is known to hold: either, ok(…), err(…). */
    private static final byte EITHER = 0;
    private static final byte IS_OK = 1;
    private static final byte IS_ERR = 2;

    /**
     * What a Bool register says when it holds the outcome of a test of a value: that it is one of {@code members}
     * (ISTYPE, or EQ with null), or with null members that it is ok(…) (ISOK); {@code negated} for the opposite
     * (NE, NOT); with a {@code literal}, that it equals that literal (EQ with a Bool or enum value). {@code
     * registers} hold the tested value: the tested register and its copies, less those written since.
     */
    private record Fact(Set<Integer> registers, Set<LirType> members, boolean negated, Literal literal) {
        Fact not() {
            return new Fact(registers, members, !negated, literal);
        }

        Fact without(int r) {
            return new Fact(TypeFlow.without(registers, r), members, negated, literal);
        }
    }

    /**
     * A value of a type with few values, as LOADBOOL and LOADK (of an enum constant) load it: {@code true} or
     * {@code false} of Bool, a variant of an enum by ordinal. Comparisons with them narrow as literal patterns do:
     * once a union value is neither {@code true} nor {@code false}, it is not a Bool.
     */
    private record Literal(LirType type, int value) {
    }

    /**
     * What the registers may hold before an instruction, on some of the paths that reach it: per register its
     * possible types (null: maybe unset), what a result is known to be, the register it is a copy of (-1: none),
     * the register whose result it is the payload of (-1: none), the test a Bool register holds the outcome of,
     * the literal it holds if it is one, and the literals it is known not to be.
     * Copies and payloads last until either register is written.
     */
    private static final class State {
        final Set<LirType>[] types;
        final byte[] tags;
        final int[] copyOf;
        final int[] payloadOf;
        final Fact[] facts;
        final Literal[] literals;
        final Set<Literal>[] excluded;

        @SuppressWarnings("unchecked")
        State(int n) {
            types = new Set[n];
            tags = new byte[n];
            copyOf = new int[n];
            payloadOf = new int[n];
            facts = new Fact[n];
            literals = new Literal[n];
            excluded = new Set[n];
            Arrays.fill(excluded, Set.of());
            Arrays.fill(copyOf, -1);
            Arrays.fill(payloadOf, -1);
        }

        State copy() {
            State s = new State(types.length);
            System.arraycopy(types, 0, s.types, 0, types.length);
            System.arraycopy(tags, 0, s.tags, 0, tags.length);
            System.arraycopy(copyOf, 0, s.copyOf, 0, copyOf.length);
            System.arraycopy(payloadOf, 0, s.payloadOf, 0, payloadOf.length);
            System.arraycopy(facts, 0, s.facts, 0, facts.length);
            System.arraycopy(literals, 0, s.literals, 0, literals.length);
            System.arraycopy(excluded, 0, s.excluded, 0, excluded.length);
            return s;
        }

        /** Whether this state already describes every run {@code other} describes. */
        boolean covers(State other) {
            for (int r = 0; r < types.length; r++) {
                Set<LirType> t = types[r];
                Set<LirType> o = other.types[r];
                if (t != null && (o == null || !t.containsAll(o))
                        || tags[r] != EITHER && tags[r] != other.tags[r]
                        || copyOf[r] != -1 && copyOf[r] != other.copyOf[r]
                        || payloadOf[r] != -1 && payloadOf[r] != other.payloadOf[r]
                        || facts[r] != null && !facts[r].equals(other.facts[r])
                        || literals[r] != null && !literals[r].equals(other.literals[r])
                        || !other.excluded[r].containsAll(excluded[r])) {
                    return false;
                }
            }
            return true;
        }

        /** Merges {@code other} into this state; true if this state changed. */
        boolean join(State other) {
            boolean changed = false;
            for (int r = 0; r < types.length; r++) {
                Set<LirType> t = types[r];
                Set<LirType> o = other.types[r];
                if (t != null && (o == null || !t.containsAll(o))) {
                    if (o == null) {
                        types[r] = null;
                    } else {
                        Set<LirType> both = new LinkedHashSet<>(t);
                        both.addAll(o);
                        types[r] = both;
                    }
                    changed = true;
                }
                if (tags[r] != other.tags[r] && tags[r] != EITHER) {
                    tags[r] = EITHER;
                    changed = true;
                }
                if (copyOf[r] != other.copyOf[r] && copyOf[r] != -1) {
                    copyOf[r] = -1;
                    changed = true;
                }
                if (payloadOf[r] != other.payloadOf[r] && payloadOf[r] != -1) {
                    payloadOf[r] = -1;
                    changed = true;
                }
                if (facts[r] != null && !facts[r].equals(other.facts[r])) {
                    facts[r] = null;
                    changed = true;
                }
                if (literals[r] != null && !literals[r].equals(other.literals[r])) {
                    literals[r] = null;
                    changed = true;
                }
                if (!other.excluded[r].containsAll(excluded[r])) {
                    Set<Literal> both = new LinkedHashSet<>(excluded[r]);
                    both.retainAll(other.excluded[r]);
                    excluded[r] = Set.copyOf(both);
                    changed = true;
                }
            }
            return changed;
        }

        /** Register {@code r} and the registers known to hold the same value. */
        Set<Integer> sameValue(int r) {
            int root = copyOf[r] != -1 ? copyOf[r] : r;
            Set<Integer> same = new LinkedHashSet<>();
            same.add(root);
            for (int q = 0; q < copyOf.length; q++) {
                if (copyOf[q] == root) {
                    same.add(q);
                }
            }
            return Set.copyOf(same);
        }
    }

    /** States kept apart at one instruction before they are merged: enough for the tests of a nested match. */
    private static final int STATES = 16;

    private final LirModule module;
    private final Map<String, Integer> typeIndex;
    private final CellDef cell;
    private final int[] code;
    private final LirType[] declared;
    /** The states before each instruction: each stands for some of the paths reaching it. */
    private final List<List<State>> in;
    /** The first problem found at each pc, in the reporting pass. */
    private final String[] problem;
    private boolean reporting;
    private int pc;
    private Opcode op;

    private TypeFlow(LirModule module, Map<String, Integer> typeIndex, CellDef cell) {
        this.module = module;
        this.typeIndex = typeIndex;
        this.cell = cell;
        this.code = cell.code();
        this.declared = cell.registers().toArray(LirType[]::new);
        this.in = new ArrayList<>(Collections.nCopies(code.length, (List<State>) null));
        this.problem = new String[code.length];
    }

    /** Adds the problems of {@code cell}, which the first pass found well formed, to {@code problems}. */
    static void verify(LirModule module, Map<String, Integer> typeIndex, CellDef cell, String where, List<String> problems) {
        TypeFlow flow = new TypeFlow(module, typeIndex, cell);
        flow.run();
        for (int pc = 0; pc < flow.code.length; pc++) {
            if (flow.problem[pc] != null) {
                problems.add(where + " pc " + pc + ": " + flow.problem[pc]);
            }
        }
    }

    private void run() {
        State entry = new State(declared.length);
        for (int r = 0; r < cell.params().size(); r++) {
            entry.types[r] = members(cell.params().get(r).type());
        }
        Deque<int[]> work = new ArrayDeque<>();
        add(0, entry, work);
        while (!work.isEmpty()) {
            int[] item = work.pop();
            for (Edge e : transfer(item[0], in.get(item[0]).get(item[1]))) {
                add(e.to, e.state, work);
            }
        }
        reporting = true;
        for (int at = 0; at < code.length; at++) {
            if (in.get(at) != null) {
                for (State s : in.get(at)) {
                    transfer(at, s);
                }
            }
        }
    }

    /** Records that {@code s} reaches {@code to}: kept apart from the states already there, or merged into one. */
    private void add(int to, State s, Deque<int[]> work) {
        List<State> states = in.get(to);
        if (states == null) {
            states = new ArrayList<>();
            in.set(to, states);
        }
        for (State known : states) {
            if (known.covers(s)) {
                return;
            }
        }
        if (states.size() < STATES) {
            states.add(s.copy());
            work.push(new int[] {to, states.size() - 1});
        } else if (states.get(STATES - 1).join(s)) {
            work.push(new int[] {to, STATES - 1});
        }
    }

    private record Edge(int to, State state) {
    }

    // ============================================================================== one instruction

    /** The states after the instruction at {@code at} run in {@code before}, per successor. */
    private List<Edge> transfer(int at, State before) {
        pc = at;
        State s = before.copy();
        int word = code[at];
        op = Opcode.of(Instruction.opcode(word));
        long[] operands = Verifier.operands(code, at);
        int a = (int) operands[0];
        int b = (int) operands[1];
        int c = (int) operands[2];
        switch (op) {
            case MOVE -> {
                Set<LirType> v = use(s, b, "B");
                if (v != null && a != b) {
                    byte tag = s.tags[b];
                    int root = s.copyOf[b] != -1 ? s.copyOf[b] : b;
                    int payloadOf = s.payloadOf[b];
                    Fact fact = s.facts[b];
                    Literal literal = s.literals[b];
                    Set<Literal> excluded = s.excluded[b];
                    write(s, a, v);
                    s.literals[a] = literal;
                    s.excluded[a] = excluded;
                    s.tags[a] = tag;
                    s.copyOf[a] = root != a ? root : -1;
                    s.payloadOf[a] = payloadOf != a ? payloadOf : -1;
                    s.facts[a] = fact;
                }
            }
            case LOADK -> {
                Constant k = cell.constants().get(b);
                write(s, a, Set.of(constantType(k)));
                if (k instanceof Constant.EnumConst e) {
                    s.literals[a] = new Literal(constantType(k), e.ordinal());
                }
            }
            case LOADINT -> write(s, a, Set.of(INT));
            case LOADBOOL -> {
                write(s, a, Set.of(BOOL));
                s.literals[a] = new Literal(BOOL, b);
            }
            case LOADNULL -> write(s, a, Set.of(NULL));
            case NEWLIST -> {
                if (declared[a] instanceof LirType.ListOf l) {
                    for (int i = 1; i <= b; i++) {
                        fits(s, a + i, "element " + (i - 1), l.element());
                    }
                } else {
                    fail("NEWLIST writes a list into register " + a + " of type " + declared[a]);
                }
                write(s, a, Set.of(declared[a]));
            }
            case NEWMAP -> {
                if (declared[a] instanceof LirType.MapOf m) {
                    for (int i = 0; i < b; i++) {
                        is(s, a + 1 + 2 * i, "key " + i, STRING);
                        fits(s, a + 2 + 2 * i, "value " + i, m.value());
                    }
                } else {
                    fail("NEWMAP writes a map into register " + a + " of type " + declared[a]);
                }
                write(s, a, Set.of(declared[a]));
            }
            case NEWRECORD -> {
                TypeDef.RecordDef r = (TypeDef.RecordDef) module.types().get(b);
                for (int i = 0; i < r.fields().size(); i++) {
                    fits(s, a + 1 + i, "field `" + r.fields().get(i).name() + "`", r.fields().get(i).type());
                }
                write(s, a, Set.of(new LirType.Named(r.name())));
            }
            case OK, ERR -> {
                if (declared[a] instanceof LirType.ResultOf r) {
                    fits(s, b, "B", op == Opcode.OK ? r.ok() : r.err());
                    write(s, a, Set.of(r));
                    s.tags[a] = op == Opcode.OK ? IS_OK : IS_ERR;
                } else {
                    fail(op + " writes a result into register " + a + " of type " + declared[a]);
                    write(s, a, Set.of(declared[a]));
                }
            }
            case GETFIELD -> {
                TypeDef.FieldDef f = field(s, b, c);
                write(s, a, f == null ? members(declared[a]) : members(f.type()));
            }
            case SETFIELD -> {
                TypeDef.FieldDef f = field(s, a, b);
                if (f != null) {
                    fits(s, c, "C", f.type());
                }
                keep(s, a);
            }
            case GETINDEX -> {
                LirType t = single(s, b, "B");
                if (t instanceof LirType.ListOf l) {
                    is(s, c, "C", INT);
                    write(s, a, members(l.element()));
                } else if (t instanceof LirType.MapOf m) {
                    is(s, c, "C", STRING);
                    write(s, a, members(m.value()));
                } else {
                    expected(t, b, "B", "a list or a map");
                    write(s, a, members(declared[a]));
                }
            }
            case SETINDEX -> {
                LirType t = single(s, a, "A");
                if (t instanceof LirType.ListOf l) {
                    is(s, b, "B", INT);
                    fits(s, c, "C", l.element());
                } else if (t instanceof LirType.MapOf m) {
                    is(s, b, "B", STRING);
                    fits(s, c, "C", m.value());
                } else {
                    expected(t, a, "A", "a list or a map");
                }
                keep(s, a);
            }
            case APPEND -> {
                LirType t = single(s, b, "B");
                if (t instanceof LirType.ListOf l) {
                    fits(s, c, "C", l.element());
                    write(s, a, Set.of(t));
                } else {
                    expected(t, b, "B", "a list");
                    write(s, a, members(declared[a]));
                }
            }
            case LEN -> {
                lengthOf(s, b, "B");
                write(s, a, Set.of(INT));
            }
            case ADD, SUB, MUL, DIV, MOD -> {
                LirType t = declared[a];
                boolean numeric = t == INT || t == FLOAT;
                if (numeric || op == Opcode.ADD && (t == STRING || t instanceof LirType.ListOf)) {
                    is(s, b, "B", t);
                    is(s, c, "C", t);
                } else {
                    fail(op + " into register " + a + " of type " + t + " (it computes "
                            + (op == Opcode.ADD ? "Int, Float, String or list" : "Int or Float") + " values)");
                }
                write(s, a, Set.of(t));
            }
            case NEG -> {
                LirType t = declared[a];
                if (t == INT || t == FLOAT) {
                    is(s, b, "B", t);
                } else {
                    fail("NEG into register " + a + " of type " + t + " (it computes Int or Float values)");
                }
                write(s, a, Set.of(t));
            }
            case NOT -> {
                is(s, b, "B", BOOL);
                Fact f = s.facts[b];
                write(s, a, Set.of(BOOL));
                s.facts[a] = f == null ? null : f.not();
            }
            case CONCAT -> {
                for (int i = 0; i < c; i++) {
                    use(s, b + i, "part " + i);
                }
                write(s, a, Set.of(STRING));
            }
            case EQ, NE -> {
                Set<LirType> x = use(s, b, "B");
                Set<LirType> y = use(s, c, "C");
                Set<Integer> tested = Set.of(NULL).equals(y) ? s.sameValue(b) : Set.of(NULL).equals(x) ? s.sameValue(c) : null;
                Literal literal = s.literals[c] != null ? s.literals[c] : s.literals[b];
                Set<Integer> compared = s.literals[c] != null ? s.sameValue(b) : s.literals[b] != null ? s.sameValue(c) : null;
                write(s, a, Set.of(BOOL));
                if (tested != null) { // a comparison with null tests the other value's type, as a `null` pattern does
                    s.facts[a] = new Fact(without(tested, a), Set.of(NULL), op == Opcode.NE, null);
                } else if (compared != null) { // as a `true` or `Color.Red` pattern does
                    s.facts[a] = new Fact(without(compared, a), Set.of(literal.type()), op == Opcode.NE, literal);
                }
            }
            case LT, LE -> {
                LirType t = single(s, b, "B");
                if (t == INT || t == FLOAT || t == STRING) {
                    is(s, c, "C", t);
                } else {
                    expected(t, b, "B", "Int, Float or String");
                }
                write(s, a, Set.of(BOOL));
            }
            case IN -> {
                LirType t = single(s, c, "C");
                if (t instanceof LirType.ListOf) {
                    use(s, b, "B");
                } else if (t instanceof LirType.MapOf || t == STRING) {
                    is(s, b, "B", STRING);
                } else {
                    expected(t, c, "C", "a list, a map or a String");
                }
                write(s, a, Set.of(BOOL));
            }
            case JMP -> {
                return List.of(new Edge(pc + 1 + b, s));
            }
            case JMPIF, JMPIFNOT -> {
                is(s, a, "A", BOOL);
                State yes = narrowed(s, s.facts[a], true);
                State no = narrowed(s, s.facts[a], false);
                State jump = op == Opcode.JMPIF ? yes : no;
                State next = op == Opcode.JMPIF ? no : yes;
                List<Edge> edges = new ArrayList<>(2);
                if (next != null) {
                    edges.add(new Edge(pc + 1, next));
                }
                if (jump != null) {
                    edges.add(new Edge(pc + 1 + b, jump));
                }
                return edges;
            }
            case ISOK -> {
                LirType t = single(s, b, "B");
                if (!(t instanceof LirType.ResultOf)) {
                    expected(t, b, "B", "a result");
                }
                Set<Integer> tested = s.sameValue(b);
                write(s, a, Set.of(BOOL));
                s.facts[a] = new Fact(without(tested, a), null, false, null);
            }
            case UNWRAP -> {
                LirType t = single(s, b, "B");
                if (t instanceof LirType.ResultOf r) {
                    Set<LirType> payload = switch (s.tags[b]) {
                        case IS_OK -> members(r.ok());
                        case IS_ERR -> members(r.err());
                        default -> union(members(r.ok()), members(r.err()));
                    };
                    // a register that holds this very payload, unwrapped before (and tested, maybe)
                    Set<Integer> source = s.sameValue(b);
                    int held = -1;
                    for (int q = 0; q < s.payloadOf.length; q++) {
                        if (s.payloadOf[q] != -1 && source.contains(s.payloadOf[q]) && s.types[q] != null
                                && (held == -1 || q == a)) {
                            held = q;
                        }
                    }
                    if (held != a) { // else register A holds it already: nothing changes
                        int root = s.copyOf[b] != -1 ? s.copyOf[b] : b;
                        write(s, a, held != -1 ? s.types[held] : payload);
                        if (held != -1) { // the same value: a copy of that register, with what its tests found
                            int copied = s.copyOf[held] != -1 ? s.copyOf[held] : held;
                            s.copyOf[a] = copied != a ? copied : -1;
                            s.payloadOf[a] = s.payloadOf[held];
                            s.tags[a] = s.tags[held];
                        } else if (a != root) {
                            s.payloadOf[a] = root;
                        }
                    }
                } else {
                    expected(t, b, "B", "a result");
                    write(s, a, members(declared[a]));
                }
            }
            case ISTYPE -> {
                use(s, a + 1, "A+1");
                Set<Integer> tested = s.sameValue(a + 1);
                write(s, a, Set.of(BOOL));
                s.facts[a] = new Fact(without(tested, a), members(entryType(b)), false, null);
            }
            case CALL -> {
                CellDef callee = module.cells().get(b);
                for (int i = 0; i < callee.params().size(); i++) {
                    fits(s, a + 1 + i, "argument `" + callee.params().get(i).name() + "`", callee.params().get(i).type());
                }
                write(s, a, members(callee.returns()));
            }
            case INTRINSIC -> intrinsic(s, Intrinsic.of(b), a, c);
            case TOOLCALL, TOOLSTART -> {
                LirType t = single(s, c, "C");
                if (!(t instanceof LirType.MapOf)) {
                    expected(t, c, "C", "a map of the tool's inputs");
                }
                if (op == Opcode.TOOLCALL) {
                    write(s, a, members(declared[a]));
                }
            }
            case AWAIT -> write(s, a, members(declared[a]));
            case SCHEMA, VALIDATE -> {
                Set<LirType> input = s.types[a];
                if (input == null) {
                    fail(op + " validates register " + a + ", which may not be written yet");
                } else if (!Set.of(STRING, JSON).containsAll(input)) {
                    fail(op + " validates register " + a + " holding " + text(input) + " (it validates String or Json)");
                }
                LirType schema = entryType(b);
                write(s, a, op == Opcode.SCHEMA ? members(schema) : Set.of(new LirType.ResultOf(schema, VALIDATION_ERROR)));
            }
            case RETURN -> {
                fits(s, a, "A", cell.returns());
                return List.of();
            }
            case HALT -> {
                LirType message = single(s, a, "A");
                if (message != STRING && !VALIDATION_ERROR.equals(message)) {
                    expected(message, a, "A", "a String or a ValidationError");
                }
                return List.of();
            }
            case EXTRAARG -> {
            }
        }
        return List.of(new Edge(pc + 1, s));
    }

    /**
     * INTRINSIC: the arguments the intrinsic's signature takes (lir-v1.md §5), the first deciding which form and
     * which of its choices apply and what its type variables stand for; the result it gives, which the result
     * register's type must admit.
     */
    private void intrinsic(State s, Intrinsic in, int a, int c) {
        List<Signature.Form> forms = in.def().forms();
        Signature.Form form = forms.get(0);
        Map<String, LirType> variables = new HashMap<>();
        int choice = 0;
        boolean failed = false;
        boolean decided = !form.params().isEmpty() && (forms.size() > 1 || form.params().get(0).dependsOnFirst());
        if (decided) {
            List<TypeTerm> alternatives = forms.size() > 1
                    ? forms.stream().map(f -> f.params().get(0).choices().get(0)).toList()
                    : form.params().get(0).choices();
            if (alternatives.size() == 1 && alternatives.get(0) instanceof TypeTerm.Variable v) {
                use(s, c, "argument 0");
                variables.put(v.name(), declared[c]);
            } else {
                LirType t = single(s, c, "argument 0");
                int k = -1;
                for (int i = 0; t != null && k < 0 && i < alternatives.size(); i++) {
                    Map<String, LirType> bound = new HashMap<>();
                    if (alternatives.get(i).match(t, LirTermTypes.INSTANCE, bound)) {
                        k = i;
                        variables.putAll(bound);
                    }
                }
                if (k < 0) {
                    expected(t, c, "argument 0", describe(alternatives));
                    failed = true;
                } else if (forms.size() > 1) {
                    form = forms.get(k);
                } else {
                    choice = k;
                }
            }
        }
        TypeTerm resultTerm = form.result(choice);
        for (int i = decided ? 1 : 0; i < form.params().size(); i++) {
            Signature.Param p = form.params().get(i);
            TypeTerm term = p.choices().get(p.isChoice() ? choice : 0);
            String role = "argument " + i;
            if (failed && p.dependsOnFirst()) {
                use(s, c + i, role);
            } else if (!term.hasVariable()) {
                is(s, c + i, role, lir(term, variables));
            } else if (resultTerm.hasVariable()) {
                fits(s, c + i, role, lir(term, variables)); // it may be what the intrinsic returns
            } else {
                use(s, c + i, role);
            }
        }
        Set<LirType> result;
        if (failed) {
            result = form.result().size() > 1 || resultTerm.hasVariable() ? members(declared[a])
                    : Set.of(lir(resultTerm, variables));
        } else {
            result = resultTerm instanceof TypeTerm.Variable v ? members(variables.get(v.name()))
                    : Set.of(lir(resultTerm, variables));
        }
        if (!members(declared[a]).containsAll(result)) {
            fail(op + " writes " + text(result) + " into register " + a + " of type " + declared[a]);
            result = members(declared[a]);
        }
        write(s, a, result);
    }

    private static LirType lir(TypeTerm term, Map<String, LirType> variables) {
        return term.instantiate(LirTermTypes.INSTANCE, variables);
    }

    /** "String, Bytes, a list or a map". */
    private static String describe(List<TypeTerm> alternatives) {
        List<String> parts = alternatives.stream().map(t -> switch (t) {
            case TypeTerm.ListOf l -> "a list";
            case TypeTerm.MapOf m -> "a map";
            default -> t.toString();
        }).toList();
        return parts.size() == 1 ? parts.get(0)
                : String.join(", ", parts.subList(0, parts.size() - 1)) + " or " + parts.get(parts.size() - 1);
    }

    // ============================================================================== reading and writing

    /** What register {@code r} holds, read as operand {@code role}; null (and a problem) if it cannot be read. */
    private Set<LirType> use(State s, int r, String role) {
        Set<LirType> t = s.types[r];
        if (t == null) {
            fail(op + " reads register " + r + " (" + role + "), which may not be written yet");
            return null;
        }
        if (!members(declared[r]).containsAll(t)) {
            fail(op + " reads register " + r + " (" + role + ") holding " + text(t) + ", which its type "
                    + declared[r] + " does not admit");
            return null;
        }
        return t;
    }

    /** The one type register {@code r} holds, or null (and a problem). */
    private LirType single(State s, int r, String role) {
        Set<LirType> t = use(s, r, role);
        if (t == null) {
            return null;
        }
        if (t.size() != 1) {
            fail(op + " needs register " + r + " (" + role + ") to hold one type, not " + text(t));
            return null;
        }
        return t.iterator().next();
    }

    /** Register {@code r} must hold a {@code type}. */
    private void is(State s, int r, String role, LirType type) {
        Set<LirType> t = use(s, r, role);
        if (t != null && !(t.size() == 1 && t.contains(type))) {
            fail(op + " needs " + type + " in register " + r + " (" + role + "), which holds " + text(t));
        }
    }

    /** Register {@code r} must hold values of {@code type} (or of fewer of its members). */
    private void fits(State s, int r, String role, LirType type) {
        Set<LirType> t = use(s, r, role);
        if (t != null && !members(type).containsAll(t)) {
            fail(op + " needs " + type + " in register " + r + " (" + role + "), which holds " + text(t));
        }
    }

    private void expected(LirType t, int r, String role, String what) {
        if (t != null) {
            fail(op + " needs " + what + " in register " + r + " (" + role + "), which holds " + t);
        }
    }

    private void lengthOf(State s, int r, String role) {
        LirType t = single(s, r, role);
        if (t != STRING && t != BYTES && !(t instanceof LirType.ListOf) && !(t instanceof LirType.MapOf)) {
            expected(t, r, role, "a String, Bytes, a list or a map");
        }
    }

    /**
     * Register {@code r} now holds a value of one of {@code value}'s types. An Int, Float or Bool register has an
     * unboxed slot, which holds nothing else; an object slot may hold what its type does not admit, for SCHEMA and
     * VALIDATE to read (anything else that reads it is a problem).
     */
    private void write(State s, int r, Set<LirType> value) {
        LirType t = declared[r];
        if ((t == INT || t == FLOAT || t == BOOL) && !value.equals(Set.of(t))) {
            fail(op + " writes " + text(value) + " into register " + r + " of type " + t);
            value = Set.of(t);
        }
        s.types[r] = value;
        s.tags[r] = EITHER;
        s.facts[r] = null;
        s.copyOf[r] = -1;
        s.payloadOf[r] = -1;
        s.literals[r] = null;
        s.excluded[r] = Set.of();
        for (int q = 0; q < s.copyOf.length; q++) {
            if (s.copyOf[q] == r) {
                s.copyOf[q] = -1;
            }
            if (s.payloadOf[q] == r) {
                s.payloadOf[q] = -1;
            }
            if (s.facts[q] != null && s.facts[q].registers().contains(r)) {
                s.facts[q] = s.facts[q].without(r);
            }
        }
    }

    private static Set<Integer> without(Set<Integer> registers, int r) {
        if (!registers.contains(r)) {
            return registers;
        }
        Set<Integer> rest = new LinkedHashSet<>(registers);
        rest.remove(r);
        return Set.copyOf(rest);
    }

    /** SETFIELD and SETINDEX update a container in place (or a copy): same types, a new value. */
    private void keep(State s, int r) {
        Set<LirType> t = s.types[r];
        if (t != null) {
            write(s, r, t);
        }
    }

    /** The field {@code f} of the one record register {@code r} holds; null (and a problem) if there is none. */
    private TypeDef.FieldDef field(State s, int r, int f) {
        LirType t = single(s, r, op == Opcode.SETFIELD ? "A" : "B");
        List<TypeDef.FieldDef> fields = t instanceof LirType.Named n ? recordFields(n.name()) : null;
        if (fields == null) {
            expected(t, r, op == Opcode.SETFIELD ? "A" : "B", "a record");
            return null;
        }
        if (f >= fields.size()) {
            fail(op + " field " + f + " of " + t + ", which has " + fields.size() + " field" + (fields.size() == 1 ? "" : "s"));
            return null;
        }
        return fields.get(f);
    }

    private List<TypeDef.FieldDef> recordFields(String name) {
        Integer i = typeIndex.get(name);
        if (i != null) {
            return module.types().get(i) instanceof TypeDef.RecordDef r ? r.fields() : null;
        }
        return BuiltinRecords.FIELDS.get(name);
    }

    // ============================================================================== narrowing

    /**
     * The state on the branch where the Bool holding {@code fact} is {@code branch}: every register holding the
     * tested value narrowed to the types it can have there; null when no value can take this branch.
     */
    private State narrowed(State s, Fact fact, boolean branch) {
        if (fact == null) {
            return s;
        }
        boolean outcome = branch != fact.negated();
        State n = s.copy();
        for (int r : fact.registers()) {
            if (n.types[r] == null) {
                continue;
            }
            if (fact.members() == null) {
                byte tag = outcome ? IS_OK : IS_ERR;
                if (n.tags[r] != EITHER && n.tags[r] != tag) {
                    return null; // the result is known to be the other one
                }
                n.tags[r] = tag;
                continue;
            }
            if (fact.literal() != null && !outcome) { // not this literal: not its type once every value is ruled out
                Literal l = fact.literal();
                if (l.equals(n.literals[r])) {
                    return null;
                }
                Set<Literal> excluded = new LinkedHashSet<>(n.excluded[r]);
                excluded.add(l);
                n.excluded[r] = Set.copyOf(excluded);
                if (excluded.stream().filter(x -> x.type().equals(l.type())).count() < valuesOf(l.type())) {
                    continue;
                }
            }
            if (fact.literal() != null && outcome && n.excluded[r].contains(fact.literal())) {
                return null;
            }
            Set<LirType> kept = new LinkedHashSet<>();
            for (LirType m : n.types[r]) {
                boolean keep = outcome ? fact.members().stream().anyMatch(t -> overlap(m, t))
                        : fact.members().stream().noneMatch(t -> kind(m).equals(kind(t)));
                if (keep) {
                    kept.add(m);
                }
            }
            if (kept.isEmpty()) {
                return null;
            }
            n.types[r] = kept;
        }
        return n;
    }

    /**
     * What ISTYPE can tell a value of this type by: its kind, the class its values have at run time. A list is
     * any list, whatever its elements; a record or enum is its own type.
     */
    private static String kind(LirType t) {
        return switch (t) {
            case LirType.Primitive p -> p.toString();
            case LirType.ListOf l -> "list";
            case LirType.MapOf m -> "map";
            case LirType.ResultOf r -> "result";
            case LirType.Named n -> "named " + n.name();
            case LirType.UnionOf u -> "union"; // not a member of a well-formed union
        };
    }

    /** Whether a value of type {@code m} may pass ISTYPE's test for {@code t}: Json overlaps what JSON can hold. */
    private static boolean overlap(LirType m, LirType t) {
        String km = kind(m);
        String kt = kind(t);
        return km.equals(kt) || km.equals("Json") && jsonKind(kt) || kt.equals("Json") && jsonKind(km);
    }

    private static boolean jsonKind(String kind) {
        return switch (kind) {
            case "Int", "Float", "Bool", "String", "Null", "list", "map" -> true;
            default -> false;
        };
    }

    // ============================================================================== types

    /** How many values a literal's type has: 2 for Bool, an enum's variant count. */
    private long valuesOf(LirType t) {
        if (t == BOOL) {
            return 2;
        }
        Integer i = t instanceof LirType.Named n ? typeIndex.get(n.name()) : null;
        return i != null && module.types().get(i) instanceof TypeDef.EnumDef e ? e.variants().size() : Long.MAX_VALUE;
    }

    private static Set<LirType> members(LirType t) {
        if (t instanceof LirType.UnionOf u) {
            return new LinkedHashSet<>(u.members());
        }
        return Set.of(t);
    }

    private static Set<LirType> union(Set<LirType> x, Set<LirType> y) {
        Set<LirType> both = new LinkedHashSet<>(x);
        both.addAll(y);
        return both;
    }

    /** The type a type-table entry stands for, as ISTYPE, SCHEMA and VALIDATE refer to it. */
    private LirType entryType(int index) {
        TypeDef t = module.types().get(index);
        return t instanceof TypeDef.AliasDef a ? a.type() : new LirType.Named(t.name());
    }

    private LirType constantType(Constant k) {
        return switch (k) {
            case Constant.IntConst i -> INT;
            case Constant.FloatConst f -> FLOAT;
            case Constant.StringConst t -> STRING;
            case Constant.EnumConst e -> new LirType.Named(module.types().get(e.type()).name());
        };
    }

    private static String text(Set<LirType> types) {
        StringBuilder b = new StringBuilder();
        for (LirType t : types) {
            b.append(b.isEmpty() ? "" : " | ").append(t);
        }
        return b.toString();
    }

    private void fail(String message) {
        if (reporting && problem[pc] == null) {
            problem[pc] = message;
        }
    }
}
