package dev.lumen.language.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lumen.language.ast.Expr;
import dev.lumen.language.check.EnumInfo;
import dev.lumen.language.check.RecordInfo;
import dev.lumen.language.check.Symbols;
import dev.lumen.language.source.SourceFile;
import dev.lumen.language.types.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What JSON Schema can say of a record's {@code where} constraints (mcp-bridge-v1.md §12.3). A constraint is
 * read as a conjunction ({@code and}); each conjunct that compares one field with a literal in a way JSON
 * Schema has a keyword for adds that keyword to the field's schema: bounds of a number, of a length (a
 * String's, a list's, a map's), equality, membership in a literal list, a regular expression, a prefix or a
 * suffix, a multiple. {@code f == null or C} is C (the keywords of C concern only values that are not null).
 * Any other conjunct (one that relates two fields, calls another intrinsic, or uses {@code or} or {@code not})
 * is left to the server's validation, and the field's schema says so in its {@code description}.
 */
final class ConstraintKeywords {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final RecordInfo record;
    private final Symbols symbols;

    private ConstraintKeywords(RecordInfo record, Symbols symbols) {
        this.record = record;
        this.symbols = symbols;
    }

    /** Adds the keywords of {@code record}'s constraints to its fields' schemas in {@code properties}. */
    static void addTo(RecordInfo record, ObjectNode properties, Symbols symbols, SourceFile file) {
        ConstraintKeywords reader = new ConstraintKeywords(record, symbols);
        for (RecordInfo.Field f : record.fields()) {
            if (f.constraint() == null) {
                continue;
            }
            boolean whole = true;
            for (Expr conjunct : conjuncts(f.constraint())) {
                Optional<Keywords> keywords = reader.keywords(conjunct);
                if (keywords.isEmpty()) {
                    whole = false;
                    continue;
                }
                keywords.get().addTo(properties);
            }
            if (!whole && properties.get(f.name()) instanceof ObjectNode schema) {
                String text = file.text(f.constraint().span());
                schema.put("description", "where " + (text == null ? "a constraint" : text)
                        + " (checked by the server)");
            }
        }
    }

    /** Keywords for one field's schema. */
    private record Keywords(String field, ObjectNode keywords) {
        /** Merges into the field's schema; a keyword it already has goes into an {@code allOf} beside it. */
        void addTo(ObjectNode properties) {
            if (!(properties.get(field) instanceof ObjectNode schema)) {
                return;
            }
            ObjectNode clashing = JSON.objectNode();
            keywords.properties().forEach(e -> {
                if (schema.has(e.getKey())) {
                    clashing.set(e.getKey(), e.getValue());
                } else {
                    schema.set(e.getKey(), e.getValue());
                }
            });
            if (!clashing.isEmpty()) {
                ArrayNode all = schema.has("allOf") ? (ArrayNode) schema.get("allOf") : schema.putArray("allOf");
                all.add(clashing);
            }
        }
    }

    private static List<Expr> conjuncts(Expr e) {
        List<Expr> out = new ArrayList<>();
        if (e instanceof Expr.Binary b && b.op() == Expr.BinaryOp.AND) {
            out.addAll(conjuncts(b.left()));
            out.addAll(conjuncts(b.right()));
        } else {
            out.add(e);
        }
        return out;
    }

    private Optional<Keywords> keywords(Expr e) {
        return switch (e) {
            case Expr.Binary b when b.op() == Expr.BinaryOp.OR -> orNull(b);
            case Expr.Binary b when b.op() == Expr.BinaryOp.IN -> membership(b);
            case Expr.Binary b -> comparison(b);
            case Expr.Call c -> stringTest(c);
            case Expr.Name n -> field(n).filter(f -> type(f) == Type.BOOL).map(f -> keyword(f, "const", JSON.booleanNode(true)));
            case Expr.Unary u when u.op() == Expr.UnaryOp.NOT -> u.operand() instanceof Expr.Name n
                    ? field(n).filter(f -> type(f) == Type.BOOL).map(f -> keyword(f, "const", JSON.booleanNode(false)))
                    : Optional.empty();
            default -> Optional.empty();
        };
    }

    /** {@code f == null or C} (either way round), when C concerns f alone. */
    private Optional<Keywords> orNull(Expr.Binary b) {
        for (Expr[] sides : new Expr[][] {{b.left(), b.right()}, {b.right(), b.left()}}) {
            if (sides[0] instanceof Expr.Binary eq && eq.op() == Expr.BinaryOp.EQ && eq.right() instanceof Expr.NullLit
                    && eq.left() instanceof Expr.Name n && field(n).isPresent()) {
                String f = field(n).get();
                Optional<Keywords> rest = keywords(sides[1]);
                if (rest.isPresent() && rest.get().field().equals(f) && !rest.get().keywords().has("const")) {
                    return rest;
                }
            }
        }
        return Optional.empty();
    }

    /** {@code f in [literal, …]}: enum. */
    private Optional<Keywords> membership(Expr.Binary b) {
        if (!(b.left() instanceof Expr.Name n) || field(n).isEmpty() || !(b.right() instanceof Expr.ListLit list)) {
            return Optional.empty();
        }
        ArrayNode values = JSON.arrayNode();
        for (Expr element : list.elements()) {
            Optional<JsonNode> v = literal(element);
            if (v.isEmpty()) {
                return Optional.empty();
            }
            values.add(v.get());
        }
        return Optional.of(keyword(field(n).get(), "enum", values));
    }

    /** {@code f OP literal}, {@code literal OP f}, {@code length(f) OP n}, {@code f % n == 0}. */
    private Optional<Keywords> comparison(Expr.Binary b) {
        Expr.BinaryOp op = b.op();
        Expr subject = b.left();
        Expr bound = b.right();
        if (literal(subject).isPresent()) {
            subject = b.right();
            bound = b.left();
            op = flipped(op);
        }
        if (op == null) {
            return Optional.empty();
        }
        Optional<JsonNode> value = literal(bound);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (subject instanceof Expr.Name n && field(n).isPresent()) {
            return valueBound(field(n).get(), op, value.get());
        }
        if (subject instanceof Expr.Call c && intrinsic(c, "length", 1) && c.args().get(0).value() instanceof Expr.Name n
                && field(n).isPresent() && value.get().isIntegralNumber()) {
            return lengthBound(field(n).get(), op, value.get().longValue());
        }
        if (subject instanceof Expr.Binary mod && mod.op() == Expr.BinaryOp.MOD && op == Expr.BinaryOp.EQ
                && value.get().isIntegralNumber() && value.get().longValue() == 0 && mod.left() instanceof Expr.Name n
                && field(n).isPresent() && mod.right() instanceof Expr.IntLit divisor && divisor.value() > 0) {
            return Optional.of(keyword(field(n).get(), "multipleOf", JSON.numberNode(divisor.value())));
        }
        return Optional.empty();
    }

    private Optional<Keywords> valueBound(String f, Expr.BinaryOp op, JsonNode value) {
        if (op == Expr.BinaryOp.EQ) {
            return Optional.of(keyword(f, "const", value));
        }
        if (op == Expr.BinaryOp.NE) {
            if (value.isTextual() && value.textValue().isEmpty() && base(type(f)) == Type.STRING) {
                return Optional.of(keyword(f, "minLength", JSON.numberNode(1)));
            }
            ObjectNode not = JSON.objectNode();
            not.set("const", value);
            return Optional.of(keyword(f, "not", not));
        }
        Type t = base(type(f));
        if (!value.isNumber() || (t != Type.INT && t != Type.FLOAT)) {
            return Optional.empty();
        }
        String name = switch (op) {
            case GT -> "exclusiveMinimum";
            case GE -> "minimum";
            case LT -> "exclusiveMaximum";
            case LE -> "maximum";
            default -> null;
        };
        return name == null ? Optional.empty() : Optional.of(keyword(f, name, value));
    }

    /** Bounds of {@code length(f)}: code points of a String, elements of a list, entries of a map. */
    private Optional<Keywords> lengthBound(String f, Expr.BinaryOp op, long n) {
        Type t = base(type(f));
        String unit = t == Type.STRING ? "Length" : t instanceof Type.ListType ? "Items"
                : t instanceof Type.MapType ? "Properties" : null;
        if (unit == null) {
            return Optional.empty(); // Bytes: JSON Schema sees base64 text, not the octets
        }
        ObjectNode k = JSON.objectNode();
        switch (op) {
            case GT -> k.put("min" + unit, n + 1);
            case GE -> k.put("min" + unit, n);
            case LT -> k.put("max" + unit, n - 1);
            case LE -> k.put("max" + unit, n);
            case EQ -> k.put("min" + unit, n).put("max" + unit, n);
            default -> {
                return Optional.empty();
            }
        }
        if (k.properties().stream().anyMatch(e -> e.getValue().longValue() < 0)) {
            return Optional.empty(); // `length(f) < 0`: nothing has it, and JSON Schema has no negative length
        }
        return Optional.of(new Keywords(f, k));
    }

    /** {@code matches(f, "re")}, {@code starts_with(f, "p")}, {@code ends_with(f, "s")}: pattern. */
    private Optional<Keywords> stringTest(Expr.Call c) {
        if (c.args().size() != 2 || !(c.args().get(0).value() instanceof Expr.Name n) || field(n).isEmpty()
                || base(type(field(n).get())) != Type.STRING) {
            return Optional.empty();
        }
        Optional<JsonNode> text = literal(c.args().get(1).value()).filter(JsonNode::isTextual);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String t = text.get().textValue();
        String pattern;
        if (intrinsic(c, "matches", 2)) {
            if (!EcmaRegex.sameMeaning(t)) {
                return Optional.empty();
            }
            pattern = t;
        } else if (intrinsic(c, "starts_with", 2)) {
            pattern = "^" + EcmaRegex.quote(t);
        } else if (intrinsic(c, "ends_with", 2)) {
            pattern = EcmaRegex.quote(t) + "$";
        } else {
            return Optional.empty();
        }
        return Optional.of(keyword(field(n).get(), "pattern", JSON.textNode(pattern)));
    }

    private boolean intrinsic(Expr.Call c, String name, int arity) {
        return c.callee() instanceof Expr.Name callee && callee.name().name().equals(name) && c.args().size() == arity
                && field(callee).isEmpty() && c.args().stream().allMatch(a -> a.name() == null);
    }

    /** The field a name reads, if it names one of the record's fields. */
    private Optional<String> field(Expr.Name n) {
        String name = n.name().name();
        return record.fields().stream().anyMatch(f -> f.name().equals(name)) ? Optional.of(name) : Optional.empty();
    }

    private Type type(String field) {
        return record.fields().stream().filter(f -> f.name().equals(field)).findFirst().map(RecordInfo.Field::type)
                .orElse(Type.ERROR);
    }

    /** {@code T} for {@code T | Null}: the keywords of a nullable field concern its values that are not null. */
    private static Type base(Type t) {
        return t instanceof Type.UnionType u && u.contains(Type.NULL) ? u.withoutNull() : t;
    }

    /** The JSON value of a literal: a number (negated or not), a string without interpolation, a Bool, null, an enum variant. */
    private Optional<JsonNode> literal(Expr e) {
        return switch (e) {
            case Expr.IntLit i -> Optional.of(JSON.numberNode(i.value()));
            case Expr.FloatLit f -> Optional.of(JSON.numberNode(f.value()));
            case Expr.Unary u when u.op() == Expr.UnaryOp.NEG && u.operand() instanceof Expr.IntLit i
                    && i.value() != Long.MIN_VALUE -> Optional.of(JSON.numberNode(-i.value()));
            case Expr.Unary u when u.op() == Expr.UnaryOp.NEG && u.operand() instanceof Expr.FloatLit f ->
                    Optional.of(JSON.numberNode(-f.value()));
            case Expr.BoolLit b -> Optional.of(JSON.booleanNode(b.value()));
            case Expr.NullLit n -> Optional.of(JSON.nullNode());
            case Expr.Str s when s.parts().isEmpty() -> Optional.of(JSON.textNode(""));
            case Expr.Str s when s.parts().size() == 1 && s.parts().get(0) instanceof Expr.Text t ->
                    Optional.of(JSON.textNode(t.text()));
            case Expr.Field f when f.target() instanceof Expr.Name n && field(n).isEmpty() -> variant(n, f);
            default -> Optional.empty();
        };
    }

    private Optional<JsonNode> variant(Expr.Name enumName, Expr.Field access) {
        EnumInfo info = symbols.enumeration(enumName.name().name());
        String variant = access.field().name();
        return info != null && info.type().hasVariant(variant) ? Optional.of(JSON.textNode(variant)) : Optional.empty();
    }

    private static Expr.BinaryOp flipped(Expr.BinaryOp op) {
        return switch (op) {
            case LT -> Expr.BinaryOp.GT;
            case LE -> Expr.BinaryOp.GE;
            case GT -> Expr.BinaryOp.LT;
            case GE -> Expr.BinaryOp.LE;
            case EQ, NE -> op;
            default -> null;
        };
    }

    private static Keywords keyword(String field, String name, JsonNode value) {
        ObjectNode k = JSON.objectNode();
        k.set(name, value);
        return new Keywords(field, k);
    }
}
