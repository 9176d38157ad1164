package dev.lumen.language.types;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Semantic types of Lumen v1. {@code toString()} renders a type as it is written in source, so diagnostics
 * can quote it: {@code list[Int]}, {@code map[String, Float]}, {@code result[Invoice, ValidationError]},
 * {@code EmailAddress | Null}, {@code {status: Int, body: Bytes}}.
 *
 * <p>Two internal types never appear in source: {@link Never} (the type of `return` and `halt`, assignable to
 * everything) and {@link ErrorType} (the type of an expression that was already reported; compatible with
 * everything, so one mistake produces one diagnostic).
 */
public sealed interface Type
        permits Type.Primitive, Type.ListType, Type.MapType, Type.ResultType, Type.UnionType, RecordType, EnumType,
        Type.Never, Type.ErrorType {

    Primitive STRING = Primitive.STRING;
    Primitive INT = Primitive.INT;
    Primitive FLOAT = Primitive.FLOAT;
    Primitive BOOL = Primitive.BOOL;
    Primitive BYTES = Primitive.BYTES;
    Primitive JSON = Primitive.JSON;
    Primitive NULL = Primitive.NULL;
    Never NEVER = Never.INSTANCE;
    ErrorType ERROR = ErrorType.INSTANCE;

    enum Primitive implements Type {
        STRING("String"), INT("Int"), FLOAT("Float"), BOOL("Bool"), BYTES("Bytes"), JSON("Json"), NULL("Null");

        private final String text;

        Primitive(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    record ListType(Type element) implements Type {
        public ListType {
            Objects.requireNonNull(element);
        }

        @Override
        public String toString() {
            return "list[" + element + "]";
        }
    }

    /** {@code map[String, V]}: keys are always String. */
    record MapType(Type value) implements Type {
        public MapType {
            Objects.requireNonNull(value);
        }

        @Override
        public String toString() {
            return "map[String, " + value + "]";
        }
    }

    record ResultType(Type ok, Type err) implements Type {
        public ResultType {
            Objects.requireNonNull(ok);
            Objects.requireNonNull(err);
        }

        @Override
        public String toString() {
            return "result[" + ok + ", " + err + "]";
        }
    }

    /**
     * {@code A | B | …}: at least two distinct members, none of them a union. Equality ignores member order;
     * the members keep the order they were written in for display, with `Null` last. Build unions with
     * {@link Type#union}.
     */
    record UnionType(Set<Type> members) implements Type {
        public UnionType {
            if (members.size() < 2) {
                throw new IllegalArgumentException("a union has at least two members: " + members);
            }
            for (Type m : members) {
                if (m instanceof UnionType || m instanceof Never || m instanceof ErrorType) {
                    throw new IllegalArgumentException("not a union member: " + m);
                }
            }
            LinkedHashSet<Type> ordered = new LinkedHashSet<>();
            for (Type m : members) {
                if (m != NULL) {
                    ordered.add(m);
                }
            }
            if (members.contains(NULL)) {
                ordered.add(NULL);
            }
            members = Collections.unmodifiableSet(ordered);
        }

        public boolean contains(Type t) {
            return members.contains(t);
        }

        /** The members other than Null, as a type: `T` for `T | Null`. */
        public Type withoutNull() {
            List<Type> rest = members.stream().filter(m -> m != NULL).toList();
            return union(rest);
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder();
            for (Type m : members) {
                if (!b.isEmpty()) {
                    b.append(" | ");
                }
                b.append(m);
            }
            return b.toString();
        }
    }

    /** The type of `return`, `halt(…)` and code that never finishes: assignable to every type. */
    enum Never implements Type {
        INSTANCE;

        @Override
        public String toString() {
            return "Never";
        }
    }

    /** The type of an expression whose error was already reported; silences further checks on it. */
    enum ErrorType implements Type {
        INSTANCE;

        @Override
        public String toString() {
            return "{error}";
        }
    }

    /**
     * A union of the given types, flattened, with duplicates removed: a single member is returned as is, and
     * an Error member makes the whole union Error. Never members are dropped.
     */
    static Type union(List<? extends Type> types) {
        LinkedHashSet<Type> members = new LinkedHashSet<>();
        for (Type t : types) {
            switch (t) {
                case ErrorType e -> {
                    return ERROR;
                }
                case Never n -> {
                }
                case UnionType u -> members.addAll(u.members());
                default -> members.add(t);
            }
        }
        if (members.isEmpty()) {
            return NEVER;
        }
        if (members.size() == 1) {
            return members.iterator().next();
        }
        return new UnionType(members);
    }

    static Type union(Type... types) {
        return union(List.of(types));
    }

    static ListType list(Type element) {
        return new ListType(element);
    }

    static MapType map(Type value) {
        return new MapType(value);
    }

    static ResultType result(Type ok, Type err) {
        return new ResultType(ok, err);
    }

    /** An anonymous structural record, such as a tool's output. */
    static RecordType structural(Map<String, Type> fields) {
        return RecordType.structural(new LinkedHashMap<>(fields));
    }

    /**
     * Whether a value of type {@code from} may be used where {@code to} is expected: the same type, or a
     * member (or sub-union) of a union. Never is assignable to anything; Error is compatible with anything.
     * There are no other conversions.
     */
    static boolean assignable(Type from, Type to) {
        if (from instanceof ErrorType || to instanceof ErrorType || from instanceof Never) {
            return true;
        }
        if (from.equals(to)) {
            return true;
        }
        if (to instanceof UnionType u) {
            if (from instanceof UnionType f) {
                return u.members().containsAll(f.members());
            }
            return u.contains(from);
        }
        return false;
    }

    /**
     * Whether {@code t} nests more than {@code levels} levels deep: a primitive, enum or named record is one
     * level, and a list, map, result, union or structural record one more than its deepest part. Looks no
     * deeper than {@code levels}, and at a part shared by several others once, however deep {@code t} is.
     */
    static boolean nestsDeeperThan(Type t, int levels) {
        return nestsDeeperThan(t, levels, new IdentityHashMap<>());
    }

    private static boolean nestsDeeperThan(Type t, int levels, Map<Type, Integer> looked) {
        if (levels <= 0) {
            return true;
        }
        Integer before = looked.get(t);
        if (before != null && before >= levels) {
            return false; // already found no deeper than a larger budget
        }
        looked.put(t, levels);
        List<Type> parts = switch (t) {
            case ListType l -> List.of(l.element());
            case MapType m -> List.of(m.value());
            case ResultType r -> List.of(r.ok(), r.err());
            case UnionType u -> List.copyOf(u.members());
            case RecordType r when r.isStructural() -> List.copyOf(r.fields().values());
            default -> List.of();
        };
        for (Type part : parts) {
            if (nestsDeeperThan(part, levels - 1, looked)) {
                return true;
            }
        }
        return false;
    }

    /** Whether this type is, or contains, the Error type (so reporting about it would cascade). */
    default boolean isError() {
        return switch (this) {
            case ErrorType e -> true;
            case ListType l -> l.element().isError();
            case MapType m -> m.value().isError();
            case ResultType r -> r.ok().isError() || r.err().isError();
            default -> false;
        };
    }

    /** The members of a union, or this type alone. */
    default List<Type> alternatives() {
        return this instanceof UnionType u ? new ArrayList<>(u.members()) : List.of(this);
    }

    default boolean isNumeric() {
        return this == INT || this == FLOAT;
    }
}
