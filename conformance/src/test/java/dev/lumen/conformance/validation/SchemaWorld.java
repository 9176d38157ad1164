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
 * A generated document: records (nested, and recursive through lists, maps and `| Null`) and enums, each field
 * maybe with a `where` constraint, and a target type validated by the document's cells:
 * <ul>
 *   <li>{@code soft(text)}: {@code validate(schema T, text)};
 *   <li>{@code strict(text)}: {@code text expect schema T};
 *   <li>{@code tree(data)}: {@code validate(schema T, data)} of a Json value;
 *   <li>{@code host(value)}: a host value read as a T (the conversion tool outputs go through);
 *   <li>{@code patched(seed, data)}: a T replaced by a Json value with {@code patch}, read back as a T.
 * </ul>
 */
final class SchemaWorld {
    private static final String[] VARIANTS = {"Red", "Green", "Blue", "Low", "High", "Open", "Done", "Paid"};
    private static final int MAX_TYPE_DEPTH = 3;

    final List<RecordType> records = new ArrayList<>();
    final List<EnumType> enums = new ArrayList<>();
    final Schema target;
    private final Random random;

    private SchemaWorld(Random random) {
        this.random = random;
        int enumCount = random.nextInt(3);
        for (int i = 0; i < enumCount; i++) {
            List<String> names = new ArrayList<>(List.of(VARIANTS));
            java.util.Collections.shuffle(names, random);
            // variant names carry the enum's number, so no two enums share one (a union may hold both)
            String suffix = Integer.toString(i);
            enums.add(new EnumType("E" + i, names.subList(0, 1 + random.nextInt(4)).stream().map(n -> n + suffix).toList()));
        }
        int recordCount = 1 + random.nextInt(4);
        for (int i = 0; i < recordCount; i++) {
            records.add(new RecordType("R" + i));
        }
        for (int i = 0; i < recordCount; i++) {
            int fieldCount = 1 + random.nextInt(4);
            for (int k = 0; k < fieldCount; k++) {
                // field names are unique in the document, so no two records have the same fields
                records.get(i).fields().add(new Field((char) ('a' + k) + "" + i, type(0, i, false), null));
            }
        }
        for (RecordType r : records) {
            List<Field> fields = r.fields();
            for (int k = 0; k < fields.size(); k++) {
                if (random.nextInt(100) < 55) {
                    Field f = fields.get(k);
                    fields.set(k, new Field(f.name(), f.type(), Constraints.generate(random, r, f)));
                }
            }
        }
        target = random.nextInt(100) < 70 ? records.get(random.nextInt(recordCount)) : type(0, -1, false);
    }

    static SchemaWorld generate(Random random) {
        return new SchemaWorld(random);
    }

    /**
     * A type for a field of record {@code owner} (-1 for none). A record may name a later record directly, and
     * any record when {@code guarded} (inside a list, a map or `| Null`), so no record contains itself directly.
     */
    private Schema type(int depth, int owner, boolean guarded) {
        int roll = depth >= MAX_TYPE_DEPTH ? random.nextInt(50) : random.nextInt(100);
        if (roll < 35) {
            return primitive();
        } else if (roll < 42) {
            return enums.isEmpty() ? primitive() : enums.get(random.nextInt(enums.size()));
        } else if (roll < 50) {
            RecordType r = record(owner, guarded);
            return r == null ? primitive() : r;
        } else if (roll < 62) {
            return new ListOf(type(depth + 1, owner, true));
        } else if (roll < 70) {
            return new MapOf(type(depth + 1, owner, true));
        } else if (roll < 86) {
            return optional(type(depth + 1, owner, true));
        } else if (roll < 96) {
            List<Schema> members = new ArrayList<>();
            int n = 2 + random.nextInt(2);
            for (int i = 0; i < n; i++) {
                members.add(type(depth + 1, owner, guarded));
            }
            return union(members);
        } else {
            return new ResultOf(type(depth + 1, owner, guarded), type(depth + 1, owner, guarded));
        }
    }

    private Primitive primitive() {
        int roll = random.nextInt(40);
        if (roll < 12) {
            return Primitive.INT;
        } else if (roll < 18) {
            return Primitive.FLOAT;
        } else if (roll < 28) {
            return Primitive.STRING;
        } else if (roll < 32) {
            return Primitive.BOOL;
        } else if (roll < 35) {
            return Primitive.JSON;
        } else if (roll < 38) {
            return Primitive.BYTES;
        }
        return Primitive.NULL;
    }

    private RecordType record(int owner, boolean guarded) {
        List<RecordType> allowed = new ArrayList<>();
        for (int j = 0; j < records.size(); j++) {
            if (guarded || j > owner) {
                allowed.add(records.get(j));
            }
        }
        return allowed.isEmpty() ? null : allowed.get(random.nextInt(allowed.size()));
    }

    private static Schema optional(Schema type) {
        List<Schema> members = new ArrayList<>();
        members.add(type);
        members.add(Primitive.NULL);
        return union(members);
    }

    /**
     * A union of the candidates that lumen-v1.md §5.4 allows together (unions flattened; no Json; one list,
     * map and result at most; no String beside an enum), with Null or Int added to make two members.
     */
    private static Schema union(List<Schema> candidates) {
        List<Schema> flat = new ArrayList<>();
        for (Schema c : candidates) {
            if (c instanceof Union u) {
                flat.addAll(u.members());
            } else {
                flat.add(c);
            }
        }
        List<Schema> members = new ArrayList<>();
        for (Schema c : flat) {
            boolean fits = c != Primitive.JSON && members.stream().noneMatch(m -> m == c || m.equals(c)
                    || (m instanceof ListOf && c instanceof ListOf) || (m instanceof MapOf && c instanceof MapOf)
                    || (m instanceof ResultOf && c instanceof ResultOf)
                    || (m == Primitive.STRING && c instanceof EnumType) || (m instanceof EnumType && c == Primitive.STRING));
            if (fits) {
                members.add(c);
            }
        }
        for (Schema filler : List.of(Primitive.NULL, Primitive.INT, Primitive.BOOL)) {
            if (members.size() < 2 && !members.contains(filler)) {
                members.add(filler);
            }
        }
        return new Union(List.copyOf(members));
    }

    /** The document: the declarations and the cells that validate against the target. */
    String document() {
        StringBuilder out = new StringBuilder("# A generated schema\n\n```lumen\n");
        for (EnumType e : enums) {
            out.append("enum ").append(e.name()).append('\n');
            e.variants().forEach(v -> out.append("  ").append(v).append('\n'));
            out.append("end\n\n");
        }
        for (RecordType r : records) {
            out.append("record ").append(r.lumen()).append('\n');
            for (Field f : r.fields()) {
                out.append("  ").append(f.name()).append(": ").append(f.type().lumen());
                if (f.constraint() != null) {
                    out.append(" where ").append(f.constraint());
                }
                out.append('\n');
            }
            out.append("end\n\n");
        }
        String t = target.lumen();
        out.append("cell soft(text: String) -> result[").append(t).append(", ValidationError]\n")
                .append("  return validate(schema ").append(t).append(", text)\nend\n\n");
        out.append("cell strict(text: String) -> ").append(t).append('\n')
                .append("  return text expect schema ").append(t).append("\nend\n\n");
        out.append("cell tree(data: Json) -> result[").append(t).append(", ValidationError]\n")
                .append("  return validate(schema ").append(t).append(", data)\nend\n\n");
        out.append("cell host(value: ").append(t).append(") -> ").append(t).append('\n')
                .append("  return value\nend\n\n");
        out.append("cell patched(seed: String, data: Json) -> ").append(t).append('\n')
                .append("  let value = seed expect schema ").append(t).append('\n')
                .append("  return patch(value, [Patch {op: \"replace\", path: \"\", value: data}])\nend\n");
        return out.append("```\n").toString();
    }
}
