package dev.lumen.conformance.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lumen.lir.format.Opcode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Damages an LIR module structurally, as its JSON tree, mostly in ways the reader accepts so that the verifier
 * and the interpreter see them: operands pointed at other registers and at the edges of their fields, opcodes
 * swapped for others of the same format, register, parameter, return and field types changed, constants
 * replaced, instructions and cells dropped, duplicated and swapped, members dropped or given other JSON values.
 * The tool table is left alone, so a mutated module never names a tool the original does not.
 */
final class LirMutator {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String[] TYPES = {
        "Int", "Float", "Bool", "String", "Bytes", "Json", "Null", "list[Int]", "list[String]", "list[Json]",
        "map[String, Int]", "map[String, String]", "result[Int, String]", "result[Json, ToolError]", "Int | Null",
        "String | Int", "String | Null", "list[Int | Null]", "ValidationError", "Patch", "TraceRef", "ToolError",
        "RoleText", "list[Patch]", "Unknown", "list[Int", "", "Int |", "map[Int, Int]",
    };
    private static final long[] EDGES = {
        0, 1, 2, 3, -1, 7, 8, 15, 16, 127, 128, 255, 256, 32767, 32768, -32768, -32769, 65535, 65536, (1 << 24) - 1,
        1 << 24, Integer.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE,
    };
    private static final String[] OPERANDS = {"a", "b", "c", "bx", "sbx", "ax"};

    private final SplittableRandom random;
    private final List<String> applied = new ArrayList<>();

    LirMutator(SplittableRandom random) {
        this.random = random;
    }

    List<String> applied() {
        return applied;
    }

    /** Applies 1 to 4 mutations to {@code module} in place. */
    void mutate(ObjectNode module) {
        int count = 1;
        while (count < 4 && random.nextInt(2) == 0) {
            count++;
        }
        for (int i = 0; i < count; i++) {
            mutateOnce(module);
        }
    }

    private void mutateOnce(ObjectNode module) {
        ArrayNode cells = module.get("cells") instanceof ArrayNode a ? a : null;
        if (cells == null || cells.isEmpty() || random.nextInt(12) == 0) {
            anyNode(module);
            return;
        }
        int ci = random.nextInt(cells.size());
        if (!(cells.get(ci) instanceof ObjectNode cell)) {
            anyNode(module);
            return;
        }
        String at = "cells[" + ci + "]";
        switch (random.nextInt(12)) {
            case 0, 1, 2, 3 -> operand(cell, at);
            case 4, 5 -> opcode(cell, at);
            case 6 -> registerType(cell, at);
            case 7 -> code(cell, cells, at);
            case 8 -> constant(cell, at);
            case 9 -> signature(cell, at);
            case 10 -> types(module);
            default -> cellTable(cells);
        }
    }

    private ObjectNode instruction(ObjectNode cell, String at, StringBuilder where) {
        if (!(cell.get("code") instanceof ArrayNode code) || code.isEmpty()) {
            return null;
        }
        int pc = random.nextInt(code.size());
        where.append(at).append(".code[").append(pc).append(']');
        return code.get(pc) instanceof ObjectNode o ? o : null;
    }

    /** An operand pointed at another register, or at the edges of its field and beyond. */
    private void operand(ObjectNode cell, String at) {
        StringBuilder where = new StringBuilder();
        ObjectNode ins = instruction(cell, at, where);
        if (ins == null) {
            return;
        }
        List<String> keys = new ArrayList<>();
        for (String k : OPERANDS) {
            if (ins.has(k)) {
                keys.add(k);
            }
        }
        if (keys.isEmpty()) {
            return;
        }
        String key = keys.get(random.nextInt(keys.size()));
        int registers = cell.get("registers") instanceof ArrayNode r ? r.size() : 1;
        long value = switch (random.nextInt(4)) {
            case 0, 1 -> random.nextInt(Math.max(1, registers));
            case 2 -> ins.get(key).asLong() + (random.nextBoolean() ? 1 : -1);
            default -> EDGES[random.nextInt(EDGES.length)];
        };
        ins.put(key, value);
        applied.add(where + "." + key + " := " + value);
    }

    /** Another opcode, mostly of the same format so that the reader takes it. */
    private void opcode(ObjectNode cell, String at) {
        StringBuilder where = new StringBuilder();
        ObjectNode ins = instruction(cell, at, where);
        if (ins == null) {
            return;
        }
        Opcode old = Opcode.named(ins.path("op").asText());
        List<Opcode> choices = new ArrayList<>();
        for (Opcode op : Opcode.values()) {
            if (old == null || random.nextInt(5) == 0 || op.format() == old.format()) {
                choices.add(op);
            }
        }
        String name = random.nextInt(30) == 0 ? "NOPE" : choices.get(random.nextInt(choices.size())).name();
        ins.put("op", name);
        applied.add(where + ".op := " + name);
    }

    private void registerType(ObjectNode cell, String at) {
        if (!(cell.get("registers") instanceof ArrayNode registers) || registers.isEmpty()) {
            return;
        }
        int r = random.nextInt(registers.size());
        String type = type(cell);
        registers.set(r, JSON.textNode(type));
        applied.add(at + ".registers[" + r + "] := " + type);
    }

    /** A type from the palette, or the type of another register of the cell (often a record or enum). */
    private String type(ObjectNode cell) {
        if (random.nextBoolean() && cell.get("registers") instanceof ArrayNode registers && !registers.isEmpty()) {
            return registers.get(random.nextInt(registers.size())).asText();
        }
        return TYPES[random.nextInt(TYPES.length)];
    }

    /** An instruction dropped, duplicated, moved, or copied from another cell. */
    private void code(ObjectNode cell, ArrayNode cells, String at) {
        if (!(cell.get("code") instanceof ArrayNode code) || code.isEmpty()) {
            return;
        }
        int pc = random.nextInt(code.size());
        switch (random.nextInt(4)) {
            case 0 -> {
                code.remove(pc);
                applied.add(at + ".code[" + pc + "] removed");
            }
            case 1 -> {
                code.insert(pc, code.get(pc).deepCopy());
                applied.add(at + ".code[" + pc + "] duplicated");
            }
            case 2 -> {
                int other = random.nextInt(code.size());
                JsonNode t = code.get(pc);
                code.set(pc, code.get(other));
                code.set(other, t);
                applied.add(at + ".code[" + pc + "] and [" + other + "] swapped");
            }
            default -> {
                JsonNode from = cells.get(random.nextInt(cells.size())).path("code");
                if (from.isArray() && !from.isEmpty()) {
                    int k = random.nextInt(from.size());
                    code.insert(pc, from.get(k).deepCopy());
                    applied.add(at + ".code[" + pc + "] := an instruction of another cell, inserted");
                }
            }
        }
    }

    private void constant(ObjectNode cell, String at) {
        if (!(cell.get("constants") instanceof ArrayNode constants) || constants.isEmpty()) {
            return;
        }
        int k = random.nextInt(constants.size());
        ObjectNode c = JSON.objectNode();
        switch (random.nextInt(7)) {
            case 0 -> c.put("int", EDGES[random.nextInt(EDGES.length)]);
            case 1 -> c.put("float", new String[] {"NaN", "Infinity", "-Infinity", "-0.0"}[random.nextInt(4)]);
            case 2 -> c.put("float", random.nextDouble() * 1e300);
            case 3 -> c.put("string", "x".repeat(random.nextInt(4) == 0 ? 100_000 : random.nextInt(20)));
            case 4 -> c.set("enum", JSON.arrayNode().add(random.nextInt(4)).add(random.nextInt(4) - 1));
            case 5 -> c.put("int", new BigInteger("123456789012345678901234567890"));
            default -> c.put("string", "{\"a\": [1, 2, {\"b\": null}]}");
        }
        constants.set(k, c);
        applied.add(at + ".constants[" + k + "] := " + c);
    }

    /** A parameter or return type changed, a parameter dropped or added. */
    private void signature(ObjectNode cell, String at) {
        String type = type(cell);
        if (random.nextBoolean() || !(cell.get("params") instanceof ArrayNode params)) {
            cell.put("returns", type);
            applied.add(at + ".returns := " + type);
            return;
        }
        if (params.isEmpty() || random.nextInt(3) == 0) {
            params.add(JSON.objectNode().put("name", "p" + params.size()).put("type", type));
            applied.add(at + ".params: added one of type " + type);
        } else if (random.nextBoolean()) {
            int i = random.nextInt(params.size());
            params.remove(i);
            applied.add(at + ".params[" + i + "] removed");
        } else {
            int i = random.nextInt(params.size());
            if (params.get(i) instanceof ObjectNode param) { // an earlier mutation may have replaced it
                param.put("type", type);
                applied.add(at + ".params[" + i + "].type := " + type);
            }
        }
    }

    /** A record field's type, constraint or presence changed, or an enum's variants. */
    private void types(ObjectNode module) {
        if (!(module.get("types") instanceof ArrayNode types) || types.isEmpty()) {
            return;
        }
        int t = random.nextInt(types.size());
        if (!(types.get(t) instanceof ObjectNode type)) {
            return;
        }
        String at = "types[" + t + "]";
        if (type.get("fields") instanceof ArrayNode fields && !fields.isEmpty()) {
            int f = random.nextInt(fields.size());
            if (!(fields.get(f) instanceof ObjectNode field)) { // an earlier mutation may have replaced it
                return;
            }
            switch (random.nextInt(4)) {
                case 0 -> {
                    String ty = TYPES[random.nextInt(TYPES.length)];
                    field.put("type", ty);
                    applied.add(at + ".fields[" + f + "].type := " + ty);
                }
                case 1 -> {
                    fields.remove(f);
                    applied.add(at + ".fields[" + f + "] removed");
                }
                case 2 -> {
                    fields.add(JSON.objectNode().put("name", "extra").put("type", TYPES[random.nextInt(TYPES.length)]));
                    applied.add(at + ".fields: one added");
                }
                default -> {
                    long cellIndex = random.nextInt(6) - 1;
                    field.set("constraint", JSON.objectNode().put("cell", cellIndex).put("source", "x"));
                    applied.add(at + ".fields[" + f + "].constraint := cell " + cellIndex);
                }
            }
        } else if (type.get("variants") instanceof ArrayNode variants) {
            if (!variants.isEmpty() && random.nextBoolean()) {
                variants.remove(variants.size() - 1);
                applied.add(at + ".variants: last removed");
            } else {
                variants.add("V" + variants.size());
                applied.add(at + ".variants: one added");
            }
        }
    }

    /** A cell dropped, duplicated or moved: every index into the cell table shifts. */
    private void cellTable(ArrayNode cells) {
        int i = random.nextInt(cells.size());
        switch (random.nextInt(3)) {
            case 0 -> {
                if (cells.size() > 1) {
                    cells.remove(i);
                    applied.add("cells[" + i + "] removed");
                }
            }
            case 1 -> {
                JsonNode copy = cells.get(i).deepCopy();
                if (copy instanceof ObjectNode cell) {
                    cell.put("name", cell.path("name").asText() + "_copy");
                }
                cells.add(copy);
                applied.add("cells[" + i + "] copied to the end");
            }
            default -> {
                int j = random.nextInt(cells.size());
                JsonNode t = cells.get(i);
                cells.set(i, cells.get(j));
                cells.set(j, t);
                applied.add("cells[" + i + "] and [" + j + "] swapped");
            }
        }
    }

    /** Any member or element outside the tool table given another JSON value, or dropped. */
    private void anyNode(ObjectNode module) {
        List<Object[]> slots = new ArrayList<>();
        collect(module, "", slots);
        if (slots.isEmpty()) {
            return;
        }
        Object[] slot = slots.get(random.nextInt(slots.size()));
        JsonNode parent = (JsonNode) slot[0];
        String path = (String) slot[2];
        JsonNode value = value();
        boolean drop = random.nextInt(4) == 0;
        if (parent instanceof ObjectNode o) {
            String key = (String) slot[1];
            if (drop) {
                o.remove(key);
            } else {
                o.set(key, value);
            }
        } else {
            ArrayNode a = (ArrayNode) parent;
            int index = (Integer) slot[1];
            if (drop) {
                a.remove(index);
            } else {
                a.set(index, value);
            }
        }
        applied.add(path + (drop ? " removed" : " := " + value));
    }

    private static void collect(JsonNode node, String path, List<Object[]> slots) {
        if (node instanceof ObjectNode o) {
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                if (path.isEmpty() && e.getKey().equals("tools")) {
                    continue;
                }
                String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                slots.add(new Object[] {o, e.getKey(), p});
                collect(e.getValue(), p, slots);
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                String p = path + "[" + i + "]";
                slots.add(new Object[] {a, i, p});
                collect(a.get(i), p, slots);
            }
        }
    }

    private JsonNode value() {
        return switch (random.nextInt(12)) {
            case 0 -> JSON.nullNode();
            case 1 -> JSON.booleanNode(random.nextBoolean());
            case 2 -> JSON.numberNode(EDGES[random.nextInt(EDGES.length)]);
            case 3 -> JSON.numberNode(new BigDecimal("1e400"));
            case 4 -> JSON.numberNode(new BigInteger("-99999999999999999999999999"));
            case 5 -> JSON.numberNode(1.5);
            case 6 -> JSON.textNode("");
            case 7 -> JSON.textNode(TYPES[random.nextInt(TYPES.length)]);
            case 8 -> JSON.arrayNode();
            case 9 -> JSON.objectNode();
            case 10 -> JSON.textNode("prod");
            default -> JSON.arrayNode().add(1).add("x");
        };
    }
}
