package dev.lumen.lir.format;

import java.util.List;

/**
 * A static Lumen type as LIR records it (register types, parameters, fields, schemas). Written in JSON
 * in Lumen's own type syntax ({@code list[Int]}, {@code Invoice | Null}); {@link #toString()} gives that text.
 * Named types refer to the module's type table by name, or to a built-in record (ValidationError, …).
 */
public sealed interface LirType {

    /**
     * How deep a type may nest (lir-v1.md §6.2): {@code list[list[Int]]} is 3 levels. A reader refuses deeper
     * types, so nothing that walks a type by recursion can run out of stack; the front end never writes one.
     */
    int MAX_NESTING = 256;

    enum Primitive implements LirType {
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

    record ListOf(LirType element) implements LirType {
        @Override
        public String toString() {
            return "list[" + element + "]";
        }
    }

    record MapOf(LirType value) implements LirType {
        @Override
        public String toString() {
            return "map[String, " + value + "]";
        }
    }

    record ResultOf(LirType ok, LirType err) implements LirType {
        @Override
        public String toString() {
            return "result[" + ok + ", " + err + "]";
        }
    }

    /** Members in canonical order: as the front end normalised them, Null last. */
    record UnionOf(List<LirType> members) implements LirType {
        @Override
        public String toString() {
            StringBuilder b = new StringBuilder();
            for (LirType m : members) {
                b.append(b.isEmpty() ? "" : " | ").append(m);
            }
            return b.toString();
        }
    }

    /** A record or enum of the module's type table, or a built-in record, by name. */
    record Named(String name) implements LirType {
        @Override
        public String toString() {
            return name;
        }
    }
}
