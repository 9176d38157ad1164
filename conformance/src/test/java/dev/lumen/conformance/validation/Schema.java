package dev.lumen.conformance.validation;

import java.util.List;

/**
 * Generated schemas: the types a generated document declares and validates against, as a small model the
 * generators of documents, constraints and JSON data walk.
 */
sealed interface Schema {

    /** The type as Lumen source writes it. */
    String lumen();

    /** A primitive type. */
    enum Primitive implements Schema {
        INT("Int"), FLOAT("Float"), STRING("String"), BOOL("Bool"), NULL("Null"), JSON("Json"), BYTES("Bytes");

        private final String name;

        Primitive(String name) {
            this.name = name;
        }

        @Override
        public String lumen() {
            return name;
        }
    }

    record ListOf(Schema element) implements Schema {
        @Override
        public String lumen() {
            return "list[" + element.lumen() + "]";
        }
    }

    record MapOf(Schema value) implements Schema {
        @Override
        public String lumen() {
            return "map[String, " + value.lumen() + "]";
        }
    }

    record ResultOf(Schema ok, Schema err) implements Schema {
        @Override
        public String lumen() {
            return "result[" + ok.lumen() + ", " + err.lumen() + "]";
        }
    }

    /** A union of at least two members, none of them a union; {@code T | Null} is an optional T. */
    record Union(List<Schema> members) implements Schema {
        @Override
        public String lumen() {
            return String.join(" | ", members.stream().map(Schema::lumen).toList());
        }

        boolean hasNull() {
            return members.contains(Primitive.NULL);
        }
    }

    /**
     * A declared record. Its fields are added once every declaration exists, since records refer to each other
     * (and to themselves through lists, maps and `| Null`): identity equality, and shown by name, so that a
     * cycle is never walked by equals or toString.
     */
    final class RecordType implements Schema {
        private final String name;
        private final List<Field> fields = new java.util.ArrayList<>();

        RecordType(String name) {
            this.name = name;
        }

        List<Field> fields() {
            return fields;
        }

        @Override
        public String lumen() {
            return name;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A field and its `where` constraint (null for none). */
    record Field(String name, Schema type, String constraint) {
    }

    record EnumType(String name, List<String> variants) implements Schema {
        @Override
        public String lumen() {
            return name;
        }
    }
}
