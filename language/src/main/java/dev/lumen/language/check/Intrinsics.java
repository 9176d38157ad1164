package dev.lumen.language.check;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The built-in functions of Lumen v1 and their signatures as documented. */
public final class Intrinsics {

    /**
     * An intrinsic: its name, its signature as shown in diagnostics, whether it is pure (allowed in `where`
     * constraints) and how many arguments it takes.
     */
    public record Intrinsic(String name, String signature, boolean pure, int arity) {
    }

    private static final Map<String, Intrinsic> ALL = new LinkedHashMap<>();

    static {
        add("length", "length(value: String | Bytes | list[T] | map[String, T]) -> Int", 1);
        add("count", "count(list: list[T], item: T) -> Int, or count(text: String, part: String) -> Int", 2);
        add("matches", "matches(text: String, pattern: String) -> Bool", 2);
        add("to_string", "to_string(value: T) -> String", 1);
        add("to_int", "to_int(value: String | Float) -> Int", 1);
        add("to_float", "to_float(value: Int | String) -> Float", 1);
        add("to_json", "to_json(value: T) -> Json", 1);
        add("hash", "hash(value: T) -> String", 1);
        add("diff", "diff(before: T, after: T) -> list[Patch]", 2);
        add("patch", "patch(value: T, patches: list[Patch]) -> T", 2);
        add("redact", "redact(value: T, fields: list[String]) -> T", 2);
        ALL.put("trace_ref", new Intrinsic("trace_ref", "trace_ref() -> TraceRef", false, 0));
        add("validate", "validate(schema T, value: String | Json) -> result[T, ValidationError]", 2);
        add("append", "append(list: list[T], item: T) -> list[T]", 2);
        add("keys", "keys(map: map[String, T]) -> list[String]", 1);
        add("values", "values(map: map[String, T]) -> list[T]", 1);
        add("get", "get(map: map[String, T], key: String, default: T) -> T", 3);
        add("range", "range(start: Int, end: Int) -> list[Int]", 2);
        add("join", "join(parts: list[String], separator: String) -> String", 2);
        add("split", "split(text: String, separator: String) -> list[String]", 2);
        add("trim", "trim(text: String) -> String", 1);
        add("lower", "lower(text: String) -> String", 1);
        add("upper", "upper(text: String) -> String", 1);
        add("starts_with", "starts_with(text: String, prefix: String) -> Bool", 2);
        add("ends_with", "ends_with(text: String, suffix: String) -> Bool", 2);
        add("replace", "replace(text: String, old: String, new: String) -> String", 3);
        add("slice", "slice(value: String | list[T], start: Int, end: Int) -> String | list[T]", 3);
        add("abs", "abs(value: Int | Float) -> Int | Float", 1);
        add("min", "min(a: Int | Float, b: Int | Float) -> Int | Float (both the same type)", 2);
        add("max", "max(a: Int | Float, b: Int | Float) -> Int | Float (both the same type)", 2);
    }

    private Intrinsics() {
    }

    private static void add(String name, String signature, int arity) {
        ALL.put(name, new Intrinsic(name, signature, true, arity));
    }

    /** The intrinsic of this name, or null. */
    public static Intrinsic find(String name) {
        return ALL.get(name);
    }

    public static List<String> names() {
        return List.copyOf(ALL.keySet());
    }
}
