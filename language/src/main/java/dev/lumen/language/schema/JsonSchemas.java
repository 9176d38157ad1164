package dev.lumen.language.schema;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lumen.language.check.RecordInfo;
import dev.lumen.language.check.Symbols;
import dev.lumen.language.source.SourceFile;
import dev.lumen.language.types.EnumType;
import dev.lumen.language.types.RecordType;
import dev.lumen.language.types.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * JSON Schemas (2020-12) of Lumen types, as {@code lumen serve --mcp} advertises a cell's arguments and result
 * (mcp-bridge-v1.md §12.3). A schema describes the JSON form of values (lumen-v1.md §11.1): named records and
 * enums are {@code $defs} referred to by {@code $ref}, a record is an object with exactly its fields, whose
 * {@code where} constraints add what JSON Schema can say of them ({@link ConstraintKeywords}).
 *
 * <p>One instance serves one checked document; each root schema it builds holds the definitions it refers to.
 */
public final class JsonSchemas {
    /** The dialect every root schema names in {@code $schema}. */
    public static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Symbols symbols;
    private final SourceFile file;

    /** The schemas of the types of a document whose declarations are {@code symbols}, written in {@code file}. */
    public JsonSchemas(Symbols symbols, SourceFile file) {
        this.symbols = symbols;
        this.file = file;
    }

    /**
     * The schema of an object with exactly these members (a cell's arguments by parameter name, or a result
     * wrapped as {@code {"result": …}}); a member whose type admits null may be absent.
     */
    public ObjectNode ofObject(Map<String, Type> members) {
        Root root = new Root();
        return root.finish(root.object(members, null));
    }

    /** The schema of a record's values, the record's own definition at the root. */
    public ObjectNode ofRecord(RecordType record) {
        Root root = new Root();
        return root.finish(root.definition(record));
    }

    /** The schema of any type's values (a record's as a {@code $ref} to its definition). */
    public ObjectNode of(Type type) {
        Root root = new Root();
        return root.finish(root.schema(type));
    }

    /** Whether every value of {@code type} has a JSON object as its JSON form: a record or a map. */
    public static boolean isObject(Type type) {
        return type instanceof RecordType || type instanceof Type.MapType;
    }

    /** Whether a member of this type may be left out of an object (it then reads as null). */
    public static boolean admitsNull(Type type) {
        return type == Type.NULL || type == Type.JSON || type instanceof Type.UnionType u && u.contains(Type.NULL);
    }

    /** One root schema being built: the definitions it refers to, by name, in the order first referred to. */
    private final class Root {
        private final Map<String, ObjectNode> definitions = new LinkedHashMap<>();

        private ObjectNode finish(ObjectNode schema) {
            ObjectNode root = JSON.objectNode();
            root.put("$schema", DIALECT);
            root.setAll(schema);
            if (!definitions.isEmpty()) {
                ObjectNode defs = root.putObject("$defs");
                definitions.forEach(defs::set);
            }
            return root;
        }

        /** An object with exactly {@code members}; {@code record} gives their `where` constraints, or is null. */
        private ObjectNode object(Map<String, Type> members, RecordInfo record) {
            ObjectNode schema = JSON.objectNode();
            schema.put("type", "object");
            ObjectNode properties = schema.putObject("properties");
            List<String> required = new ArrayList<>();
            members.forEach((name, type) -> {
                properties.set(name, schema(type));
                if (!admitsNull(type)) {
                    required.add(name);
                }
            });
            if (record != null) {
                ConstraintKeywords.addTo(record, properties, symbols, file);
            }
            if (!required.isEmpty()) {
                ArrayNode names = schema.putArray("required");
                required.forEach(names::add);
            }
            schema.put("additionalProperties", false);
            return schema;
        }

        private ObjectNode schema(Type type) {
            return switch (type) {
                case Type.Primitive p -> primitive(p);
                case Type.ListType l -> {
                    ObjectNode s = typed("array");
                    s.set("items", schema(l.element()));
                    yield s;
                }
                case Type.MapType m -> {
                    ObjectNode s = typed("object");
                    s.set("additionalProperties", schema(m.value()));
                    yield s;
                }
                case Type.ResultType r -> {
                    ObjectNode s = JSON.objectNode();
                    ArrayNode choices = s.putArray("oneOf");
                    choices.add(object(Map.of("ok", r.ok()), null));
                    choices.add(object(Map.of("err", r.err()), null));
                    yield s;
                }
                case Type.UnionType u -> union(u);
                case RecordType r when r.isStructural() -> object(r.fields(), null);
                case RecordType r -> reference(r.name(), () -> definition(r));
                case EnumType e -> reference(e.name(), () -> enumeration(e));
                case Type.Never n -> {
                    ObjectNode nothing = JSON.objectNode();
                    nothing.set("not", JSON.objectNode());
                    yield nothing;
                }
                case Type.ErrorType e -> JSON.objectNode();
            };
        }

        private static ObjectNode primitive(Type.Primitive p) {
            return switch (p) {
                case STRING -> typed("string");
                case INT -> typed("integer");
                case FLOAT -> typed("number");
                case BOOL -> typed("boolean");
                case NULL -> typed("null");
                case BYTES -> typed("string").put("contentEncoding", "base64");
                case JSON -> JSON.objectNode();
            };
        }

        private static ObjectNode typed(String name) {
            return JSON.objectNode().put("type", name);
        }

        /**
         * A union: its members' schemas under {@code anyOf} (not {@code oneOf}: a JSON integer is both an Int and a
         * Float, and Lumen takes the Int), or one {@code type} list when every member is a bare JSON type.
         */
        private ObjectNode union(Type.UnionType u) {
            List<ObjectNode> members = new ArrayList<>();
            boolean bare = true;
            for (Type m : u.members()) {
                ObjectNode s = schema(m);
                bare &= s.size() == 1 && s.has("type") && s.get("type").isTextual();
                members.add(s);
            }
            ObjectNode schema = JSON.objectNode();
            if (bare) {
                ArrayNode types = schema.putArray("type");
                members.forEach(s -> types.add(s.get("type").textValue()));
            } else {
                ArrayNode choices = schema.putArray("anyOf");
                members.forEach(choices::add);
            }
            return schema;
        }

        private ObjectNode reference(String name, Supplier<ObjectNode> definition) {
            if (!definitions.containsKey(name)) {
                definitions.put(name, JSON.objectNode()); // placeholder: a recursive record refers to itself
                definitions.put(name, definition.get());
            }
            return JSON.objectNode().put("$ref", "#/$defs/" + name);
        }

        private ObjectNode definition(RecordType record) {
            RecordInfo info = record.kind() == RecordType.Kind.USER ? symbols.record(record.name()) : null;
            return object(record.fields(), info);
        }

        private static ObjectNode enumeration(EnumType e) {
            ObjectNode schema = typed("string");
            ArrayNode variants = schema.putArray("enum");
            e.variants().forEach(variants::add);
            return schema;
        }
    }
}
