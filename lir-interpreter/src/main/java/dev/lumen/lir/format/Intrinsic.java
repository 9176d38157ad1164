package dev.lumen.lir.format;

import dev.lumen.lir.intrinsics.IntrinsicDef;
import dev.lumen.lir.intrinsics.builtins.Abs;
import dev.lumen.lir.intrinsics.builtins.Append;
import dev.lumen.lir.intrinsics.builtins.CanonicalJsonText;
import dev.lumen.lir.intrinsics.builtins.Chars;
import dev.lumen.lir.intrinsics.builtins.CodeAt;
import dev.lumen.lir.intrinsics.builtins.Count;
import dev.lumen.lir.intrinsics.builtins.Diff;
import dev.lumen.lir.intrinsics.builtins.EndsWith;
import dev.lumen.lir.intrinsics.builtins.Get;
import dev.lumen.lir.intrinsics.builtins.Hash;
import dev.lumen.lir.intrinsics.builtins.Join;
import dev.lumen.lir.intrinsics.builtins.Keys;
import dev.lumen.lir.intrinsics.builtins.Length;
import dev.lumen.lir.intrinsics.builtins.Lower;
import dev.lumen.lir.intrinsics.builtins.Matches;
import dev.lumen.lir.intrinsics.builtins.Max;
import dev.lumen.lir.intrinsics.builtins.Min;
import dev.lumen.lir.intrinsics.builtins.Patch;
import dev.lumen.lir.intrinsics.builtins.Range;
import dev.lumen.lir.intrinsics.builtins.Redact;
import dev.lumen.lir.intrinsics.builtins.RepairMessages;
import dev.lumen.lir.intrinsics.builtins.Replace;
import dev.lumen.lir.intrinsics.builtins.Slice;
import dev.lumen.lir.intrinsics.builtins.Split;
import dev.lumen.lir.intrinsics.builtins.StartsWith;
import dev.lumen.lir.intrinsics.builtins.ToFloat;
import dev.lumen.lir.intrinsics.builtins.ToInt;
import dev.lumen.lir.intrinsics.builtins.ToJson;
import dev.lumen.lir.intrinsics.builtins.ToString;
import dev.lumen.lir.intrinsics.builtins.TraceRef;
import dev.lumen.lir.intrinsics.builtins.Trim;
import dev.lumen.lir.intrinsics.builtins.Upper;
import dev.lumen.lir.intrinsics.builtins.Validate;
import dev.lumen.lir.intrinsics.builtins.Values;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The registry of Lumen's built-in functions: one line per intrinsic, giving its definition (its own class, an
 * {@link IntrinsicDef}: name, signature, purity, doc, typing rules, implementation) its LIR id, operand B of the
 * {@code INTRINSIC} instruction. The checker, the lowering, the verifier, the interpreter, the language server
 * and the table in lumen-v1.md §11 read every intrinsic from here; adding one is its class and its line.
 *
 * <p>Ids appear in LIR files: they are frozen for v1, and a new intrinsic takes the next free one (lir-v1.md §5).
 * {@code validate} and {@code append} are instructions ({@code VALIDATE}, {@code APPEND}), so they have none.
 * The lines are in the documentation's order, which is also the order of "did you mean" candidates.
 *
 * <p>For tools: {@link #definitions()} lists every intrinsic, {@link #definition(String)} finds one by name.
 */
public enum Intrinsic {
    LENGTH(0, new Length()),
    COUNT(1, new Count()),
    MATCHES(2, new Matches()),
    TO_STRING(3, new ToString()),
    TO_INT(4, new ToInt()),
    TO_FLOAT(5, new ToFloat()),
    TO_JSON(6, new ToJson()),
    HASH(7, new Hash()),
    CANONICAL_JSON(31, new CanonicalJsonText()),
    DIFF(8, new Diff()),
    PATCH(9, new Patch()),
    REDACT(10, new Redact()),
    TRACE_REF(11, new TraceRef()),
    VALIDATE(Intrinsic.NO_ID, new Validate()),
    APPEND(Intrinsic.NO_ID, new Append()),
    KEYS(12, new Keys()),
    VALUES(13, new Values()),
    GET(14, new Get()),
    RANGE(15, new Range()),
    JOIN(16, new Join()),
    SPLIT(17, new Split()),
    TRIM(18, new Trim()),
    LOWER(19, new Lower()),
    UPPER(20, new Upper()),
    STARTS_WITH(21, new StartsWith()),
    ENDS_WITH(22, new EndsWith()),
    REPLACE(23, new Replace()),
    SLICE(24, new Slice()),
    CODE_AT(29, new CodeAt()),
    CHARS(30, new Chars()),
    ABS(25, new Abs()),
    MIN(26, new Min()),
    MAX(27, new Max()),
    REPAIR_MESSAGES(28, new RepairMessages());

    /** The id of an intrinsic the front end lowers to an instruction of its own. */
    public static final int NO_ID = -1;

    private static final Intrinsic[] BY_ID = byId();
    private static final Map<String, Intrinsic> BY_NAME = byName();
    private static final List<IntrinsicDef> DEFINITIONS = Arrays.stream(values()).map(Intrinsic::def).toList();

    private final int id;
    private final IntrinsicDef def;

    Intrinsic(int id, IntrinsicDef def) {
        this.id = id;
        this.def = def;
    }

    /** The LIR id, or {@link #NO_ID}. */
    public int id() {
        return id;
    }

    public IntrinsicDef def() {
        return def;
    }

    public String lumenName() {
        return def.name();
    }

    public int arity() {
        return def.arity();
    }

    /** The intrinsic the {@code INTRINSIC} instruction calls by this id, or null. */
    public static Intrinsic of(int id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }

    /** How many ids there are: they are 0 to count() - 1. */
    public static int count() {
        return BY_ID.length;
    }

    /** The intrinsic of this Lumen name, or null. */
    public static Intrinsic named(String name) {
        return BY_NAME.get(name);
    }

    /** The definition of the intrinsic of this Lumen name, or null. */
    public static IntrinsicDef definition(String name) {
        Intrinsic in = BY_NAME.get(name);
        return in == null ? null : in.def;
    }

    /** Every intrinsic's definition, in the documentation's order. */
    public static List<IntrinsicDef> definitions() {
        return DEFINITIONS;
    }

    private static Intrinsic[] byId() {
        Intrinsic[] table = new Intrinsic[(int) Arrays.stream(values()).filter(i -> i.id != NO_ID).count()];
        for (Intrinsic in : values()) {
            if (in.id != NO_ID) {
                if (in.id >= table.length || table[in.id] != null) {
                    throw new ExceptionInInitializerError("intrinsic ids must be 0.." + (table.length - 1)
                            + ", each once: " + in + " has " + in.id);
                }
                table[in.id] = in;
            }
        }
        return table;
    }

    private static Map<String, Intrinsic> byName() {
        Map<String, Intrinsic> map = new HashMap<>();
        for (Intrinsic in : values()) {
            if (map.put(in.def.name(), in) != null) {
                throw new ExceptionInInitializerError("two intrinsics are named " + in.def.name());
            }
        }
        return map;
    }
}
