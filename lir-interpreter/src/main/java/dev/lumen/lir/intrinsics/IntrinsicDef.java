package dev.lumen.lir.intrinsics;

import com.oracle.truffle.api.frame.VirtualFrame;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One built-in function of Lumen, defined once: its name, its {@link Signature}, whether it is pure, a one-line
 * description, the {@link Typing} rules the checker applies beyond the signature, and its implementation. Each
 * intrinsic is a subclass in {@code dev.lumen.lir.intrinsics.builtins}, listed once in the registry,
 * {@code dev.lumen.lir.format.Intrinsic}, which gives it its LIR id. The checker, the lowering, the LIR verifier,
 * the interpreter, the language server and the table in lumen-v1.md §11 all read it from there.
 *
 * <p>For tools (the language server, documentation): {@link #name()}, {@link #signature()} (the printable
 * signature, {@code length(value: String | Bytes | list[T] | map[String, T]) -> Int}), {@link #doc()},
 * {@link #pure()}, {@link #arity()} and, for parameter names and types, {@link #forms()}.
 */
public abstract class IntrinsicDef {
    private final Signature signature;
    private final boolean pure;
    private final String doc;
    private final Set<Typing> typing;

    /** A pure intrinsic with one form, e.g. {@code ("trim", "(text: String) -> String", "…")}. */
    protected IntrinsicDef(String name, String form, String doc, Typing... typing) {
        this(name, List.of(form), true, doc, typing);
    }

    protected IntrinsicDef(String name, List<String> forms, boolean pure, String doc, Typing... typing) {
        this.signature = Signature.parse(name, forms.toArray(String[]::new));
        this.pure = pure;
        this.doc = doc;
        this.typing = typing.length == 0 ? EnumSet.noneOf(Typing.class) : EnumSet.of(typing[0], typing);
    }

    /** The name a Lumen program calls it by. */
    public final String name() {
        return signature.name();
    }

    /** The printable signature, as diagnostics and the documentation show it. */
    public final String signature() {
        return signature.toString();
    }

    /** The forms of the signature, with their parameters' names and types. */
    public final List<Signature.Form> forms() {
        return signature.forms();
    }

    public final int arity() {
        return signature.arity();
    }

    /** Whether it is pure: allowed in a `where` constraint, and no effect recorded in the trace. */
    public final boolean pure() {
        return pure;
    }

    /** What it computes, in one line (lumen-v1.md §11). */
    public final String doc() {
        return doc;
    }

    public final boolean typing(Typing rule) {
        return typing.contains(rule);
    }

    /**
     * Whether the result may be argument {@code index} itself rather than a new value, so that the interpreter's
     * borrow analysis treats the call as keeping a reference to it.
     */
    public boolean mayReturn(int index) {
        return false;
    }

    /**
     * Executes {@code INTRINSIC a, id, c}: reads the arguments from registers {@code c..c+arity-1} and writes the
     * result into register {@code a}. Called from the bytecode loop, and partially evaluated with it: it must
     * not allocate, loop over data or perform an effect except through static {@code @TruffleBoundary}
     * helpers (or the {@link Registers} boundaries), and it reads registers only by the numbers given.
     */
    public abstract void execute(Registers registers, VirtualFrame frame, int pc, int a, int c);

    @Override
    public final String toString() {
        return signature();
    }
}
