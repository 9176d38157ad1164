package dev.lumen.conformance.validation;

import dev.lumen.conformance.validation.Schema.EnumType;
import dev.lumen.conformance.validation.Schema.Field;
import dev.lumen.conformance.validation.Schema.ListOf;
import dev.lumen.conformance.validation.Schema.MapOf;
import dev.lumen.conformance.validation.Schema.Primitive;
import dev.lumen.conformance.validation.Schema.RecordType;
import dev.lumen.conformance.validation.Schema.ResultOf;
import dev.lumen.conformance.validation.Schema.Union;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generated `where` constraints: Bool expressions over the record's fields, its own and others, that type-check
 * and that may be false or fail at run time (division by zero, overflow, an index or key that is not there,
 * text that is not a number).
 */
final class Constraints {
    private Constraints() {
    }

    /** A constraint for field {@code own} of {@code record}: about the field, another field, or both. */
    static String generate(Random random, RecordType record, Field own) {
        List<Field> others = new ArrayList<>(record.fields());
        others.remove(own);
        String mine = "(" + atom(random, own.name(), own.type(), 0) + ")";
        if (others.isEmpty() || random.nextInt(100) < 45) {
            return mine;
        }
        Field other = others.get(random.nextInt(others.size()));
        String theirs = "(" + atom(random, other.name(), other.type(), 0) + ")";
        return switch (random.nextInt(3)) {
            case 0 -> mine + " and " + theirs;
            case 1 -> mine + " or " + theirs;
            default -> theirs; // a constraint on one field that reads only another
        };
    }

    /** A Bool expression about {@code x}, an expression of type {@code type}. */
    private static String atom(Random random, String x, Schema type, int depth) {
        List<String> forms = new ArrayList<>();
        switch (type) {
            case Primitive p -> {
                switch (p) {
                    case INT -> forms.addAll(List.of(x + " > " + (random.nextInt(11) - 5), x + " % 2 == 0",
                            "100 / " + x + " > 0", x + " * " + x + " >= 0", x + " + 1 > " + x, "abs(" + x + ") >= 0",
                            "to_float(" + x + ") > 0.5", x + " != 3"));
                    case FLOAT -> forms.addAll(List.of(x + " > 0.5", x + " * 2.0 >= " + x, "to_int(" + x + ") > 0",
                            x + " == " + x, x + " < 1000000.0", "abs(" + x + ") >= 0.0"));
                    case STRING -> forms.addAll(List.of("length(" + x + ") >= " + random.nextInt(4),
                            "matches(" + x + ", \"^[a-z]*$\")", "to_int(" + x + ") >= 0", "starts_with(" + x + ", \"a\")",
                            "slice(" + x + ", 0, 2) != \"zz\"", "to_float(" + x + ") > 0.0", x + " in \"abc\"",
                            "lower(" + x + ") == " + x, "length(split(" + x + ", \",\")) < 3", "trim(" + x + ") != \"\""));
                    case BOOL -> forms.addAll(List.of(x, "not " + x, x + " == true"));
                    case NULL -> forms.add(x + " == null");
                    case BYTES -> forms.addAll(List.of("length(" + x + ") > 0", "length(" + x + ") < 10"));
                    case JSON -> forms.addAll(List.of(x + " == " + x, "length(to_string(" + x + ")) < 50",
                            "to_string(" + x + ") != \"null\""));
                }
            }
            case ListOf l -> {
                forms.addAll(List.of("length(" + x + ") <= " + random.nextInt(4), x + "[0] == " + x + "[0]",
                        "length(" + x + ") > 0", "count(" + x + ", " + x + "[0]) >= 1"));
                if (depth < 1) {
                    forms.add(atom(random, x + "[0]", l.element(), depth + 1));
                }
            }
            case MapOf m -> {
                forms.addAll(List.of("length(" + x + ") >= 1", "\"k\" in " + x, x + "[\"k\"] == " + x + "[\"k\"]",
                        "length(keys(" + x + ")) < 3"));
                if (depth < 1) {
                    forms.add(atom(random, x + "[\"k\"]", m.value(), depth + 1));
                }
            }
            case EnumType e -> {
                String variant = e.variants().get(random.nextInt(e.variants().size()));
                forms.addAll(List.of(x + " == " + e.name() + "." + variant, x + " != " + e.name() + "." + variant,
                        "to_string(" + x + ") != \"" + variant + "\""));
            }
            case RecordType r -> {
                forms.addAll(List.of(x + " == " + x, "to_string(" + x + ") != \"\""));
                if (depth < 1 && !r.fields().isEmpty()) {
                    Field g = r.fields().get(random.nextInt(r.fields().size()));
                    forms.add(atom(random, x + "." + g.name(), g.type(), depth + 1));
                }
            }
            case Union u -> {
                forms.addAll(List.of(x + " == " + x, "hash(" + x + ") != \"\"", "to_string(" + x + ") != \"1\""));
                if (u.hasNull()) {
                    forms.addAll(List.of(x + " == null", x + " != null"));
                }
            }
            case ResultOf r -> forms.addAll(List.of(x + " == " + x, "to_string(" + x + ") != \"\""));
        }
        return forms.get(random.nextInt(forms.size()));
    }
}
