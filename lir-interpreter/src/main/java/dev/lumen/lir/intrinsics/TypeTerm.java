package dev.lumen.lir.intrinsics;

import java.util.Map;
import java.util.Set;

/**
 * A type in an intrinsic's {@link Signature}, in Lumen's type syntax: a named type ({@code Int},
 * {@code String}, the built-in record {@code Patch}), a type variable ({@code T}, one capital letter, standing
 * for the type of the argument it is first matched against), or a list, map or result of such types. The
 * checker turns terms into its own types, the LIR verifier into LIR types.
 */
public sealed interface TypeTerm {

    /** The named types a signature may use: Lumen's primitive types and the built-in records. */
    Set<String> NAMES = Set.of("Int", "Float", "Bool", "String", "Bytes", "Json", "Null", "Patch", "TraceRef",
            "ValidationError");

    /** Whether a type variable occurs in this term. */
    boolean hasVariable();

    /** The type this term stands for, its type variables bound by {@code variables}. */
    default <T> T instantiate(TermTypes<T> types, Map<String, T> variables) {
        return switch (this) {
            case Variable v -> variables.getOrDefault(v.name(), types.unbound());
            case Named n -> types.named(n.name());
            case ListOf l -> types.listOf(l.element().instantiate(types, variables));
            case MapOf m -> types.mapOf(m.value().instantiate(types, variables));
            case ResultOf r -> types.resultOf(r.ok().instantiate(types, variables), r.err().instantiate(types, variables));
        };
    }

    /**
     * Whether {@code t} is a type this term stands for, binding the term's variables (into {@code variables}) to
     * what they stand for in it: {@code list[T]} matches {@code list[Int]} with T an Int.
     */
    default <T> boolean match(T t, TermTypes<T> types, Map<String, T> variables) {
        return switch (this) {
            case Variable v -> {
                variables.put(v.name(), t);
                yield true;
            }
            case Named n -> types.named(n.name()).equals(t);
            case ListOf l -> types.elementOf(t) != null && l.element().match(types.elementOf(t), types, variables);
            case MapOf m -> types.valueOf(t) != null && m.value().match(types.valueOf(t), types, variables);
            case ResultOf r -> types.okOf(t) != null && r.ok().match(types.okOf(t), types, variables)
                    && r.err().match(types.errOf(t), types, variables);
        };
    }

    record Named(String name) implements TypeTerm {
        public Named {
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException("not a type an intrinsic signature may name: " + name);
            }
        }

        @Override
        public boolean hasVariable() {
            return false;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    record Variable(String name) implements TypeTerm {
        @Override
        public boolean hasVariable() {
            return true;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    record ListOf(TypeTerm element) implements TypeTerm {
        @Override
        public boolean hasVariable() {
            return element.hasVariable();
        }

        @Override
        public String toString() {
            return "list[" + element + "]";
        }
    }

    /** {@code map[String, V]}: map keys are always Strings. */
    record MapOf(TypeTerm value) implements TypeTerm {
        @Override
        public boolean hasVariable() {
            return value.hasVariable();
        }

        @Override
        public String toString() {
            return "map[String, " + value + "]";
        }
    }

    record ResultOf(TypeTerm ok, TypeTerm err) implements TypeTerm {
        @Override
        public boolean hasVariable() {
            return ok.hasVariable() || err.hasVariable();
        }

        @Override
        public String toString() {
            return "result[" + ok + ", " + err + "]";
        }
    }
}
