package dev.lumen.lir.values;

import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.nodes.ExplodeLoop;

/**
 * A Lumen type at run time: what ISTYPE tests, what arguments from a host are converted to, and what
 * schema validation will check. Resolved once per module from the LIR's {@code LirType}s; records and enums
 * are their own {@link LumenRecordType} and {@link LumenEnumType} objects (nominal: one object per
 * declaration), so type tests are identity checks.
 */
public sealed interface LumenType permits LumenType.Primitive, LumenType.ListType, LumenType.MapType,
        LumenType.ResultType, LumenType.UnionType, LumenRecordType, LumenEnumType {

    /** Whether {@code value} (a boxed Lumen value) is a value of this type. Shallow for containers. */
    boolean isInstance(Object value);

    enum Primitive implements LumenType {
        STRING("String"), INT("Int"), FLOAT("Float"), BOOL("Bool"), BYTES("Bytes"), JSON("Json"), NULL("Null");

        private final String text;

        Primitive(String text) {
            this.text = text;
        }

        @Override
        public boolean isInstance(Object value) {
            return switch (this) {
                case STRING -> value instanceof String;
                case INT -> value instanceof Long;
                case FLOAT -> value instanceof Double;
                case BOOL -> value instanceof Boolean;
                case BYTES -> value instanceof LumenBytes;
                case NULL -> value == LumenNull.INSTANCE;
                case JSON -> LumenValues.isJsonTree(value);
            };
        }

        @Override
        public String toString() {
            return text;
        }
    }

    final class ListType implements LumenType {
        private final LumenType element;

        public ListType(LumenType element) {
            this.element = element;
        }

        public LumenType element() {
            return element;
        }

        @Override
        public boolean isInstance(Object value) {
            return value instanceof LumenList;
        }

        @Override
        public String toString() {
            return "list[" + element + "]";
        }
    }

    final class MapType implements LumenType {
        private final LumenType value;

        public MapType(LumenType value) {
            this.value = value;
        }

        public LumenType value() {
            return value;
        }

        @Override
        public boolean isInstance(Object v) {
            return v instanceof LumenMap;
        }

        @Override
        public String toString() {
            return "map[String, " + value + "]";
        }
    }

    final class ResultType implements LumenType {
        private final LumenType ok;
        private final LumenType err;

        public ResultType(LumenType ok, LumenType err) {
            this.ok = ok;
            this.err = err;
        }

        public LumenType ok() {
            return ok;
        }

        public LumenType err() {
            return err;
        }

        @Override
        public boolean isInstance(Object value) {
            return value instanceof LumenResult;
        }

        @Override
        public String toString() {
            return "result[" + ok + ", " + err + "]";
        }
    }

    final class UnionType implements LumenType {
        @CompilationFinal(dimensions = 1) private final LumenType[] members;

        public UnionType(LumenType[] members) {
            this.members = members;
        }

        public LumenType[] members() {
            return members.clone();
        }

        /** Whether {@code type} is one of the members (by identity: primitives, records and enums). */
        public boolean isMember(LumenType type) {
            for (LumenType m : members) {
                if (m == type) {
                    return true;
                }
            }
            return false;
        }

        @Override
        @ExplodeLoop
        public boolean isInstance(Object value) {
            for (LumenType m : members) {
                if (m.isInstance(value)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder();
            for (LumenType m : members) {
                b.append(b.isEmpty() ? "" : " | ").append(m);
            }
            return b.toString();
        }
    }
}
