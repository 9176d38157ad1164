package dev.lumen.lir.format;

/** The pure built-in functions the INTRINSIC instruction calls, by ordinal (operand B), with their arity. */
public enum Intrinsic {
    LENGTH("length", 1),
    COUNT("count", 2),
    MATCHES("matches", 2),
    TO_STRING("to_string", 1),
    TO_INT("to_int", 1),
    TO_FLOAT("to_float", 1),
    TO_JSON("to_json", 1),
    HASH("hash", 1),
    DIFF("diff", 2),
    PATCH("patch", 2),
    REDACT("redact", 2),
    TRACE_REF("trace_ref", 0),
    KEYS("keys", 1),
    VALUES("values", 1),
    GET("get", 3),
    RANGE("range", 2),
    JOIN("join", 2),
    SPLIT("split", 2),
    TRIM("trim", 1),
    LOWER("lower", 1),
    UPPER("upper", 1),
    STARTS_WITH("starts_with", 2),
    ENDS_WITH("ends_with", 2),
    REPLACE("replace", 3),
    SLICE("slice", 3),
    ABS("abs", 1),
    MIN("min", 2),
    MAX("max", 2);

    private static final Intrinsic[] BY_ID = values();

    private final String lumenName;
    private final int arity;

    Intrinsic(String lumenName, int arity) {
        this.lumenName = lumenName;
        this.arity = arity;
    }

    public String lumenName() {
        return lumenName;
    }

    public int arity() {
        return arity;
    }

    public static Intrinsic of(int id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }

    public static Intrinsic named(String name) {
        for (Intrinsic i : BY_ID) {
            if (i.lumenName.equals(name)) {
                return i;
            }
        }
        return null;
    }
}
