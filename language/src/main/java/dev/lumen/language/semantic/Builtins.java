package dev.lumen.language.semantic;

import dev.lumen.language.check.Intrinsics;
import dev.lumen.lir.intrinsics.IntrinsicDef;
import dev.lumen.language.types.RecordType;
import dev.lumen.language.types.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What an editor shows of Lumen's built-in functions and types. The one place this package reads the
 * intrinsics' definitions, so that a change to how they are defined touches this class only.
 */
public final class Builtins {
    private static final String OK = "ok(value: T) -> result[T, E]";
    private static final String ERR = "err(error: E) -> result[T, E]";

    private Builtins() {
    }

    /** The built-in functions, `ok` and `err` included, in the order the language defines them. */
    public static List<String> functions() {
        List<String> out = new ArrayList<>(Intrinsics.names());
        out.add("ok");
        out.add("err");
        return out;
    }

    /** A built-in function's signature as documented, e.g. `trim(text: String) -> String`. */
    public static Optional<String> signature(String function) {
        return switch (function) {
            case "ok" -> Optional.of(OK);
            case "err" -> Optional.of(ERR);
            default -> Optional.ofNullable(Intrinsics.find(function)).map(IntrinsicDef::signature);
        };
    }

    /** A built-in function's one-line description, when the language gives one. */
    public static Optional<String> doc(String function) {
        return switch (function) {
            case "ok" -> Optional.of("A successful `result`.");
            case "err" -> Optional.of("A failed `result`.");
            default -> Optional.ofNullable(Intrinsics.find(function)).map(IntrinsicDef::doc);
        };
    }

    /** Whether a built-in function has no effect, so it may be used in `where` constraints. */
    public static boolean isPure(String function) {
        IntrinsicDef in = Intrinsics.find(function);
        return in == null || in.pure();
    }

    /** The built-in types a document can name: primitives and built-in records. */
    public static List<Type> types() {
        List<Type> out = new ArrayList<>(List.of(Type.Primitive.values()));
        out.addAll(RecordType.BUILTINS);
        return out;
    }

    /** The type constructors written with brackets. */
    public static List<String> typeConstructors() {
        return List.of("list", "map", "result");
    }
}
