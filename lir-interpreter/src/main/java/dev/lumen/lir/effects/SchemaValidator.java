package dev.lumen.lir.effects;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.lir.errors.LumenException;
import dev.lumen.lir.format.LirType;
import dev.lumen.lir.format.TypeDef;
import dev.lumen.lir.interpreter.LumenProgram;
import dev.lumen.lir.values.LumenBytes;
import dev.lumen.lir.values.LumenContainer;
import dev.lumen.lir.values.LumenEnumType;
import dev.lumen.lir.values.LumenEnumValue;
import dev.lumen.lir.values.LumenJson;
import dev.lumen.lir.values.LumenList;
import dev.lumen.lir.values.LumenMap;
import dev.lumen.lir.values.LumenNull;
import dev.lumen.lir.values.LumenRecord;
import dev.lumen.lir.values.LumenRecordType;
import dev.lumen.lir.values.LumenResult;
import dev.lumen.lir.values.LumenType;
import dev.lumen.runtime.json.CanonicalJson;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Base64;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Validation of JSON data against a Lumen type (lumen-v1.md §10, run.md §7): the data is walked once along
 * the type, building the typed value and collecting every failure as a {@code FieldError}; a record's
 * {@code where} constraints run (as their synthetic cells) once all its fields have their types.
 */
public final class SchemaValidator implements Validation {
    /** Failures listed at most; the summary says how many more there were. */
    static final int MAX_ERRORS = 100;
    /** JSON nested deeper than this is one failure, not a stack overflow. */
    static final int MAX_DEPTH = 512;
    /** Actual values are shown as their canonical JSON, cut at this many code points. */
    static final int ACTUAL_LENGTH = 60;

    /** A Markdown code fence with an optional `json` info string: its content is group 1. */
    private static final Pattern FENCE = Pattern.compile("```[ \\t]*(?:json|JSON)?[ \\t]*\\r?\\n(.*?)\\r?\\n[ \\t]*```", Pattern.DOTALL);

    private static final Pattern TRAILING_LINE = Pattern.compile(" at line (\\d+),(?=[^,]*$)");

    /** The constraint cells of each record type of a program, by field (-1 for none), and their source text. */
    private final Map<LumenProgram, Map<LumenRecordType, TypeDef.RecordDef>> records = new IdentityHashMap<>();

    @Override
    public Outcome validate(LumenType schema, Object input, LumenProgram program) {
        Run run = new Run(program, declarations(program));
        Object value = null;
        JsonNode data = run.parse(input);
        if (data != null) {
            value = run.walk(data, schema, "$", 0);
        }
        if (run.errors.isEmpty()) {
            return new Outcome(true, value, null, null);
        }
        String message = run.summary(schema);
        LumenRecordType errorType = (LumenRecordType) program.resolve(new LirType.Named("ValidationError"));
        LumenRecordType fieldErrorType = (LumenRecordType) program.resolve(new LirType.Named("FieldError"));
        Object[] fieldErrors = new Object[run.errors.size()];
        for (int i = 0; i < fieldErrors.length; i++) {
            fieldErrors[i] = LumenContainer.share(run.errors.get(i).record(fieldErrorType));
        }
        Object[] fields = new Object[errorType.fieldCount()];
        fields[errorType.indexOf("message")] = message;
        LumenList errors = LumenList.wrap(fieldErrors);
        fields[errorType.indexOf("errors")] = errors;
        // one validation is one attempt; a repair loop's last error lists every attempt's (lumen-v1.md §10.4)
        fields[errorType.indexOf("attempts")] = LumenList.wrap(new Object[] {LumenContainer.share(errors)});
        LumenRecord error = new LumenRecord(errorType, fields);
        return new Outcome(false, null, error, message);
    }

    private Map<LumenRecordType, TypeDef.RecordDef> declarations(LumenProgram program) {
        return records.computeIfAbsent(program, p -> {
            Map<LumenRecordType, TypeDef.RecordDef> out = new IdentityHashMap<>();
            List<TypeDef> types = p.module().types();
            for (int i = 0; i < types.size(); i++) {
                if (types.get(i) instanceof TypeDef.RecordDef r && p.type(i) instanceof LumenRecordType t) {
                    out.put(t, r);
                }
            }
            return out;
        });
    }

    /** One failure. */
    private record Failure(String path, String constraint, String expected, String actual, String message) {
        LumenRecord record(LumenRecordType type) {
            Object[] fields = new Object[type.fieldCount()];
            fields[type.indexOf("path")] = path;
            fields[type.indexOf("constraint")] = constraint;
            fields[type.indexOf("expected")] = expected;
            fields[type.indexOf("actual")] = actual;
            fields[type.indexOf("message")] = message;
            return new LumenRecord(type, fields);
        }
    }

    /** The state of one validation. */
    private static final class Run {
        private final LumenProgram program;
        private final Map<LumenRecordType, TypeDef.RecordDef> declarations;
        private List<Failure> errors = new ArrayList<>();
        private int dropped;

        Run(LumenProgram program, Map<LumenRecordType, TypeDef.RecordDef> declarations) {
            this.program = program;
            this.declarations = declarations;
        }

        /**
         * The input as a JSON tree; null (with a failure) for text that is not JSON. Text that is not JSON but
         * holds a Markdown code fence (```` ```json ```` or ```` ``` ````), as model replies often do, is the JSON
         * in its first fence.
         */
        JsonNode parse(Object input) {
            String text = input instanceof String s ? s : LumenJson.text(input);
            try {
                return CanonicalJson.parse(text);
            } catch (IllegalArgumentException e) {
                Matcher fence = FENCE.matcher(text);
                if (input instanceof String && fence.find()) {
                    try {
                        return CanonicalJson.parse(fence.group(1));
                    } catch (IllegalArgumentException inFence) {
                        // lines are counted in the whole text, not in the fence
                        int before = (int) text.substring(0, fence.start(1)).chars().filter(c -> c == '\n').count();
                        Matcher at = TRAILING_LINE.matcher(inFence.getMessage());
                        String why = at.find() ? at.replaceFirst(" at line " + (Integer.parseInt(at.group(1)) + before) + ",")
                                : inFence.getMessage();
                        fail("$", "json", "JSON text", actualText(fence.group(1)), "the text in the code fence is " + why);
                        return null;
                    }
                }
                // "the text is not JSON: …", or "… not JSON Lumen can read: …" (a number out of range)
                fail("$", "json", "JSON text", actualText(text), "the text is " + e.getMessage());
                return null;
            }
        }

        void fail(String path, String constraint, String expected, String actual, String message) {
            if (errors.size() < MAX_ERRORS) {
                errors.add(new Failure(path, constraint, expected, actual, message));
            } else {
                dropped++;
            }
        }

        private void typeFailure(String path, LumenType type, JsonNode node) {
            fail(path, "type", type.toString(), actual(node), "expected " + type + ", found " + described(node));
        }

        /** The value of {@code type} that {@code node} is, or null after recording why it is not. */
        Object walk(JsonNode node, LumenType type, String path, int depth) {
            if (depth > MAX_DEPTH) {
                tooDeep(path);
                return null;
            }
            return switch (type) {
                case LumenType.Primitive p -> primitive(node, p, path, depth);
                case LumenType.ListType l -> list(node, l, path, depth);
                case LumenType.MapType m -> map(node, m, path, depth);
                case LumenRecordType r -> record(node, r, path, depth);
                case LumenEnumType e -> enumValue(node, e, path);
                case LumenType.UnionType u -> union(node, u, path, depth);
                case LumenType.ResultType r -> result(node, r, path, depth);
            };
        }

        private void tooDeep(String path) {
            fail(path, "depth", "at most " + MAX_DEPTH + " levels of nesting", "deeper",
                    "the data is nested more than " + MAX_DEPTH + " levels deep");
        }

        private Object primitive(JsonNode node, LumenType.Primitive p, String path, int depth) {
            switch (p) {
                case INT:
                    if (node.isIntegralNumber() && node.canConvertToLong()) {
                        return node.longValue();
                    }
                    if (node.isIntegralNumber()) {
                        fail(path, "type", "Int", actual(node), "expected Int, found " + actual(node)
                                + ", which does not fit in 64 bits");
                        return null;
                    }
                    break;
                case FLOAT:
                    if (node.isNumber()) {
                        return node.doubleValue();
                    }
                    break;
                case STRING:
                    if (node.isTextual()) {
                        return node.textValue();
                    }
                    break;
                case BOOL:
                    if (node.isBoolean()) {
                        return node.booleanValue();
                    }
                    break;
                case NULL:
                    if (node.isNull()) {
                        return LumenNull.INSTANCE;
                    }
                    break;
                case JSON:
                    // the same limit inside a Json value: what validation gives must have a JSON form when it is
                    // wrapped (in a result, a run's arguments, a tool's input)
                    if (depth + height(node) > MAX_DEPTH) {
                        tooDeep(path);
                        return null;
                    }
                    return LumenJson.fromTree(node);
                case BYTES:
                    if (node.isTextual()) {
                        try {
                            return LumenBytes.copyOf(Base64.getDecoder().decode(node.textValue()));
                        } catch (IllegalArgumentException e) {
                            fail(path, "type", "Bytes (base64 text)", actual(node), "expected Bytes as base64 text, "
                                    + "found " + actual(node) + ", which is not base64");
                            return null;
                        }
                    }
                    break;
            }
            typeFailure(path, p, node);
            return null;
        }

        /** How many levels of arrays and objects {@code node} is. */
        private static int height(JsonNode node) {
            int inside = 0;
            if (node.isContainerNode()) {
                for (JsonNode child : node) {
                    inside = Math.max(inside, height(child));
                }
                return inside + 1;
            }
            return 0;
        }

        private Object list(JsonNode node, LumenType.ListType l, String path, int depth) {
            if (!node.isArray()) {
                typeFailure(path, l, node);
                return null;
            }
            Object[] items = new Object[node.size()];
            boolean ok = true;
            for (int i = 0; i < items.length; i++) {
                Object item = walk(node.get(i), l.element(), path + "[" + i + "]", depth + 1);
                ok &= item != null;
                items[i] = LumenContainer.share(item);
            }
            return ok ? LumenList.wrap(items) : null;
        }

        private Object map(JsonNode node, LumenType.MapType m, String path, int depth) {
            if (!node.isObject()) {
                typeFailure(path, m, node);
                return null;
            }
            Object[] pairs = new Object[node.size() * 2];
            boolean ok = true;
            int i = 0;
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                Object value = walk(e.getValue(), m.value(), member(path, e.getKey()), depth + 1);
                ok &= value != null;
                pairs[i++] = e.getKey();
                pairs[i++] = value;
            }
            return ok ? LumenMap.ofPairs(pairs) : null;
        }

        private Object record(JsonNode node, LumenRecordType r, String path, int depth) {
            if (!node.isObject()) {
                typeFailure(path, r, node);
                return null;
            }
            int before = errors.size() + dropped;
            int firstError = errors.size();
            Object[] fields = new Object[r.fieldCount()];
            boolean[] failed = new boolean[fields.length];
            for (int i = 0; i < fields.length; i++) {
                String name = r.fieldName(i);
                JsonNode value = node.get(name);
                String fieldPath = member(path, name);
                if (value == null) {
                    if (r.fieldType(i).isInstance(LumenNull.INSTANCE)) {
                        fields[i] = LumenNull.INSTANCE;
                    } else {
                        fail(fieldPath, "required", r.fieldType(i).toString(), "missing",
                                "missing field `" + name + "` (" + r.fieldType(i) + ")");
                        failed[i] = true;
                    }
                    continue;
                }
                fields[i] = LumenContainer.share(walk(value, r.fieldType(i), fieldPath, depth + 1));
                failed[i] = fields[i] == null;
            }
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (r.indexOf(key) < 0) {
                    fail(member(path, key), "unknown field", "no field `" + key + "` (" + r.name() + " has "
                            + fieldList(r) + ")", actual(node.get(key)), "unknown field `" + key + "` for " + r.name());
                }
            }
            checkConstraints(r, fields, failed, path);
            inFieldOrder(r, path, errors.subList(firstError, errors.size()));
            return errors.size() + dropped > before ? null : new LumenRecord(r, fields);
        }

        /** A record's failures by field, in declaration order (a constraint's beside its field's type failures); unknown fields last. */
        private static void inFieldOrder(LumenRecordType r, String path, List<Failure> failures) {
            failures.sort(Comparator.comparingInt(f -> fieldIndex(r, path, f.path())));
        }

        private static int fieldIndex(LumenRecordType r, String path, String failurePath) {
            for (int i = 0; i < r.fieldCount(); i++) {
                String field = member(path, r.fieldName(i));
                if (failurePath.equals(field) || failurePath.startsWith(field + ".") || failurePath.startsWith(field + "[")) {
                    return i;
                }
            }
            return r.fieldCount();
        }

        /**
         * Runs the record's `where` constraints. The constraint of a field that failed is not run, nor one that
         * names a field that failed (by its source text): it would read a value the data does not have.
         */
        private void checkConstraints(LumenRecordType r, Object[] fields, boolean[] failed, String path) {
            TypeDef.RecordDef declaration = declarations.get(r);
            if (declaration == null) {
                return;
            }
            Object[] arguments = null;
            for (int i = 0; i < declaration.fields().size(); i++) {
                TypeDef.FieldDef f = declaration.fields().get(i);
                if (f.constraintCell() < 0 || failed[i] || readsFailedField(f.constraint(), r, failed)) {
                    continue;
                }
                if (arguments == null) {
                    arguments = constraintArguments(r, fields, failed);
                }
                String source = f.constraint() != null ? f.constraint() : "the `where` constraint of " + f.name();
                String fieldPath = member(path, f.name());
                String actual = actualText(LumenJson.text(fields[i]));
                try {
                    Object holds = program.callCell(f.constraintCell(), arguments);
                    if (!Boolean.TRUE.equals(holds)) {
                        fail(fieldPath, source, source, actual, "`" + source + "` does not hold: "
                                + f.name() + " is " + actual);
                    }
                } catch (LumenException e) {
                    fail(fieldPath, source, source, actual, "`" + source + "` could not be checked: " + e.getMessage());
                }
            }
        }

        /**
         * The arguments of a record's constraint cells: its fields' values, and for a field that failed a value
         * of its type's register kind (0 for an Int, …; null for a boxed type), which the constraints that run do
         * not read: a cell's Int, Float and Bool parameters are unboxed on entry, and null is none of them.
         */
        private static Object[] constraintArguments(LumenRecordType r, Object[] fields, boolean[] failed) {
            Object[] arguments = fields.clone();
            for (int k = 0; k < arguments.length; k++) {
                if (failed[k]) {
                    arguments[k] = r.fieldType(k) == LumenType.Primitive.INT ? (Object) 0L
                            : r.fieldType(k) == LumenType.Primitive.FLOAT ? (Object) 0.0
                            : r.fieldType(k) == LumenType.Primitive.BOOL ? (Object) Boolean.FALSE : LumenNull.INSTANCE;
                }
            }
            return arguments;
        }

        private static boolean readsFailedField(String source, LumenRecordType r, boolean[] failed) {
            for (int k = 0; k < failed.length; k++) {
                if (failed[k] && (source == null
                        || Pattern.compile("(?<![A-Za-z0-9_])" + Pattern.quote(r.fieldName(k)) + "(?![A-Za-z0-9_])").matcher(source).find())) {
                    return true;
                }
            }
            return false;
        }

        private Object enumValue(JsonNode node, LumenEnumType e, String path) {
            if (node.isTextual()) {
                LumenEnumValue value = e.valueNamed(node.textValue());
                if (value != null) {
                    return value;
                }
            }
            List<String> names = new ArrayList<>();
            for (int i = 0; i < e.variantCount(); i++) {
                names.add(e.value(i).name());
            }
            String expected = "one of " + String.join(", ", names);
            fail(path, "enum", expected, actual(node), "expected " + e + " (" + expected + "), found " + described(node));
            return null;
        }

        /**
         * The one member the value matches; a JSON integer that is both an Int and a Float is the Int. When none
         * matches and only one member has the data's shape (an object for a record, an array for a list, …),
         * that member's failures are the ones reported: they say what is wrong inside.
         */
        private Object union(JsonNode node, LumenType.UnionType u, String path, int depth) {
            List<Failure> outer = errors;
            int outerDropped = dropped;
            Object match = null;
            LumenType matched = null;
            List<Failure> shapedFailures = null;
            int shaped = 0;
            for (LumenType member : u.members()) {
                errors = new ArrayList<>();
                Object value = walk(node, member, path, depth);
                if (errors.isEmpty() && dropped == outerDropped && (matched == null
                        || (member == LumenType.Primitive.INT && matched == LumenType.Primitive.FLOAT))) {
                    match = value;
                    matched = member;
                }
                if (hasShapeOf(member, node)) {
                    shaped++;
                    shapedFailures = errors;
                }
                dropped = outerDropped;
            }
            errors = outer;
            if (matched == null) {
                if (shaped == 1 && !shapedFailures.isEmpty()) {
                    shapedFailures.forEach(f -> fail(f.path(), f.constraint(), f.expected(), f.actual(), f.message()));
                } else {
                    fail(path, "type", u.toString(), actual(node), "expected " + u + ", found " + described(node));
                }
            }
            return match;
        }

        /** Whether JSON {@code node} is the kind of JSON value {@code type} reads (whatever its content). */
        private static boolean hasShapeOf(LumenType type, JsonNode node) {
            return switch (type) {
                case LumenRecordType r -> node.isObject();
                case LumenType.MapType m -> node.isObject();
                case LumenType.ResultType r -> node.isObject();
                case LumenType.ListType l -> node.isArray();
                case LumenEnumType e -> node.isTextual();
                case LumenType.UnionType v -> false;
                case LumenType.Primitive p -> switch (p) {
                    case STRING, BYTES -> node.isTextual();
                    case INT, FLOAT -> node.isNumber();
                    case BOOL -> node.isBoolean();
                    case NULL -> node.isNull();
                    case JSON -> true;
                };
            };
        }

        private Object result(JsonNode node, LumenType.ResultType r, String path, int depth) {
            boolean ok = node.isObject() && node.size() == 1 && node.has("ok");
            if (!ok && !(node.isObject() && node.size() == 1 && node.has("err"))) {
                fail(path, "type", r.toString(), actual(node), "expected " + r + " as an object with one member, "
                        + "\"ok\" or \"err\", found " + described(node));
                return null;
            }
            Object value = walk(node.get(ok ? "ok" : "err"), ok ? r.ok() : r.err(), path + (ok ? ".ok" : ".err"), depth + 1);
            return value == null ? null : new LumenResult(ok, value);
        }

        /** "2 validation errors for Invoice" and one indented line per failure. */
        String summary(LumenType schema) {
            int total = errors.size() + dropped;
            StringBuilder b = new StringBuilder().append(total).append(total == 1 ? " validation error" : " validation errors")
                    .append(" for ").append(schema);
            for (Failure f : errors) {
                b.append("\n  ").append(f.path()).append(": ").append(f.message());
            }
            if (dropped > 0) {
                b.append("\n  … and ").append(dropped).append(" more");
            }
            return b.toString();
        }

        private static String member(String path, String name) {
            String step = name.matches("[A-Za-z_][A-Za-z0-9_]*") ? "." + name : "[" + CanonicalJson.quote(name) + "]";
            return path.equals("$") ? (step.startsWith(".") ? name : "$" + step) : path + step;
        }

        private static String fieldList(LumenRecordType r) {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < r.fieldCount(); i++) {
                names.add(r.fieldName(i));
            }
            return names.isEmpty() ? "no fields" : String.join(", ", names);
        }

        private static String actual(JsonNode node) {
            return actualText(CanonicalJson.write(node));
        }

        /** A value's JSON with what it is, e.g. {@code "12" (a string)}. */
        private static String described(JsonNode node) {
            String what = switch (node.getNodeType()) {
                case STRING -> "a string";
                case NUMBER -> node.isIntegralNumber() ? "an integer" : "a number";
                case BOOLEAN -> "a boolean";
                case NULL -> "";
                case ARRAY -> "an array";
                case OBJECT -> "an object";
                default -> "";
            };
            return what.isEmpty() ? actual(node) : actual(node) + " (" + what + ")";
        }

        private static String actualText(String json) {
            return json.codePointCount(0, json.length()) <= ACTUAL_LENGTH ? json
                    : json.substring(0, json.offsetByCodePoints(0, ACTUAL_LENGTH - 1)) + "…";
        }
    }
}
