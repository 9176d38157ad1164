package dev.lumen.lir.format;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.runtime.json.CanonicalJson;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The canonical JSON form of an LIR module (docs/spec/lir-v1.md, "Module JSON"): {@link #write} gives
 * the file's text, canonical JSON (RFC 8785, {@link CanonicalJson}) followed by one newline, so equal
 * modules give byte-identical files and {@link #hash} (the SHA-256 of the file) identifies a module.
 * {@link #read} parses any JSON text with that layout, strictly: unknown or missing keys, wrong value
 * types and operands outside their fields are {@link LirFormatException}s that name the JSON path of
 * the offending value. Reading checks the layout only; {@link Verifier} checks that the module makes
 * sense.
 *
 * <pre>
 * {"cells":[{"code":[{"a":1,"at":[12,5],"bx":0,"op":"LOADK"}, ...],
 *            "constants":[{"int":5},{"float":1.5},{"string":"x"},{"enum":[1,0]}],
 *            "debug":{"locals":[{"from":2,"name":"n","register":1,"to":9}],"span":[11,1,15,4],
 *                     "statements":[{"pc":0,"span":[12,3,12,20]}]},
 *            "name":"run","params":[{"name":"text","type":"String"}],
 *            "registers":["String","Int"],"returns":"Int"}],
 *  "doc_hash":"sha256:...","source":"invoice.lm.md",
 *  "tools":[{"alias":"Chat","grants":{"model":["m"]},"mcp_server":null,"mcp_tool":null,
 *            "tool_id":"llm.chat","version":"1.0.0"}],
 *  "types":[{"fields":[{"constraint":{"cell":3,"source":"length(id) >= 6"},"name":"id","type":"String"}],
 *            "kind":"record","name":"Invoice"},
 *           {"kind":"enum","name":"Status","variants":["Paid","Open"]},
 *           {"kind":"alias","name":"list[Invoice]","type":"list[Invoice]"}],
 *  "version":"1.2.0"}
 * </pre>
 *
 * Float constants are JSON numbers, except {@code -0.0}, NaN and the infinities, which JSON numbers
 * cannot carry: they are the strings {@code "-0.0"}, {@code "NaN"}, {@code "Infinity"},
 * {@code "-Infinity"}. Grant values are JSON strings, numbers and booleans; a number reads back as a
 * {@link Long} when it is integral and as a {@link Double} otherwise.
 */
public final class LirJson {

    private static final Set<String> MODULE_KEYS = Set.of("version", "doc_hash", "source", "types", "cells", "tools");
    /** A module written before settings existed still reads, with the default settings. */
    private static final Set<String> MODULE_KEYS_ALLOWED =
            Set.of("version", "doc_hash", "source", "types", "cells", "tools", "settings");
    private static final Set<String> SETTINGS_KEYS = Set.of("trace", "cache", "profile", "lock");
    private static final Set<String> RECORD_KEYS = Set.of("kind", "name", "fields");
    private static final Set<String> ENUM_KEYS = Set.of("kind", "name", "variants");
    private static final Set<String> ALIAS_KEYS = Set.of("kind", "name", "type");
    private static final Set<String> FIELD_KEYS = Set.of("name", "type", "constraint");
    private static final Set<String> CONSTRAINT_KEYS = Set.of("cell", "source");
    private static final Set<String> CELL_KEYS = Set.of("name", "params", "returns", "registers", "constants", "code");
    /** A cell written before debug information existed still reads, without it. */
    private static final Set<String> CELL_KEYS_ALLOWED =
            Set.of("name", "params", "returns", "registers", "constants", "code", "debug");
    private static final Set<String> DEBUG_KEYS = Set.of("span", "statements", "locals");
    private static final Set<String> STATEMENT_KEYS = Set.of("pc", "span");
    private static final Set<String> LOCAL_KEYS = Set.of("name", "register", "from", "to");
    private static final Set<String> PARAM_KEYS = Set.of("name", "type");
    private static final Set<String> TOOL_KEYS = Set.of("alias", "tool_id", "version", "mcp_server", "mcp_tool", "grants");
    /** Since 1.2, an MCP tool checked against a locked manifest also has these. */
    private static final Set<String> TOOL_KEYS_ALLOWED = Set.of("alias", "tool_id", "version", "mcp_server", "mcp_tool",
            "grants", "mcp_manifest", "mcp_annotations");
    private static final List<String> CONSTANT_KINDS = List.of("enum", "float", "int", "string");

    private LirJson() {
    }

    // =============================================================================================== write

    /**
     * The module's file text: canonical JSON and a newline.
     *
     * @throws IllegalArgumentException if the model cannot be written (a null name or type, an
     *     instruction word with an unknown opcode, a source map shorter than the code, a grant value
     *     that is not a String, Long, Integer, Double or Boolean); the message names the JSON path
     */
    public static String write(LirModule module) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", required(module.version(), "version"));
        root.put("doc_hash", required(module.docHash(), "doc_hash"));
        root.put("source", required(module.source(), "source"));
        root.put("types", writeTypes(module.types()));
        List<Object> cells = new ArrayList<>();
        for (int i = 0; i < module.cells().size(); i++) {
            cells.add(writeCell(module.cells().get(i), "cells[" + i + "]"));
        }
        root.put("cells", cells);
        List<Object> tools = new ArrayList<>();
        for (int i = 0; i < module.tools().size(); i++) {
            tools.add(writeTool(module.tools().get(i), "tools[" + i + "]"));
        }
        root.put("tools", tools);
        root.put("settings", writeSettings(module.settings() == null ? RunSettings.DEFAULTS : module.settings()));
        StringBuilder out = new StringBuilder(4096);
        CanonicalJson.write(root, out);
        return out.append('\n').toString();
    }

    /** The module hash: {@code "sha256:<hex>"} of the UTF-8 bytes of {@link #write}. */
    public static String hash(LirModule module) {
        return CanonicalJson.sha256(write(module));
    }

    private static Map<String, Object> writeSettings(RunSettings settings) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("trace", RunSettings.spelling(settings.trace()));
        m.put("cache", RunSettings.spelling(settings.cache()));
        m.put("profile", RunSettings.spelling(settings.profile()));
        m.put("lock", RunSettings.spelling(settings.lock()));
        return m;
    }

    private static List<Object> writeTypes(List<TypeDef> types) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            String path = "types[" + i + "]";
            TypeDef t = types.get(i);
            Map<String, Object> m = new LinkedHashMap<>();
            switch (t) {
                case TypeDef.RecordDef r -> {
                    m.put("kind", "record");
                    m.put("name", required(r.name(), path + ".name"));
                    List<Object> fields = new ArrayList<>();
                    for (int f = 0; f < r.fields().size(); f++) {
                        TypeDef.FieldDef fd = r.fields().get(f);
                        String fp = path + ".fields[" + f + "]";
                        Map<String, Object> fm = new LinkedHashMap<>();
                        fm.put("name", required(fd.name(), fp + ".name"));
                        fm.put("type", typeText(fd.type(), fp + ".type"));
                        if (fd.constraintCell() >= 0) {
                            Map<String, Object> c = new LinkedHashMap<>();
                            c.put("cell", fd.constraintCell());
                            if (fd.constraint() != null) {
                                c.put("source", fd.constraint());
                            }
                            fm.put("constraint", c);
                        }
                        fields.add(fm);
                    }
                    m.put("fields", fields);
                }
                case TypeDef.AliasDef al -> {
                    m.put("kind", "alias");
                    m.put("name", required(al.name(), path + ".name"));
                    m.put("type", typeText(al.type(), path + ".type"));
                }
                case TypeDef.EnumDef e -> {
                    m.put("kind", "enum");
                    m.put("name", required(e.name(), path + ".name"));
                    List<Object> variants = new ArrayList<>();
                    for (int v = 0; v < e.variants().size(); v++) {
                        variants.add(required(e.variants().get(v), path + ".variants[" + v + "]"));
                    }
                    m.put("variants", variants);
                }
            }
            out.add(m);
        }
        return out;
    }

    private static Map<String, Object> writeCell(CellDef cell, String path) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", required(cell.name(), path + ".name"));
        List<Object> params = new ArrayList<>();
        for (int i = 0; i < cell.params().size(); i++) {
            CellDef.ParamDef p = cell.params().get(i);
            String pp = path + ".params[" + i + "]";
            params.add(Map.of("name", required(p.name(), pp + ".name"), "type", typeText(p.type(), pp + ".type")));
        }
        m.put("params", params);
        m.put("returns", typeText(cell.returns(), path + ".returns"));
        List<Object> registers = new ArrayList<>();
        for (int i = 0; i < cell.registers().size(); i++) {
            registers.add(typeText(cell.registers().get(i), path + ".registers[" + i + "]"));
        }
        m.put("registers", registers);
        List<Object> constants = new ArrayList<>();
        for (int i = 0; i < cell.constants().size(); i++) {
            constants.add(writeConstant(cell.constants().get(i), path + ".constants[" + i + "]"));
        }
        m.put("constants", constants);
        int[] code = cell.code();
        int[] lines = cell.lines();
        int[] columns = cell.columns();
        if (lines == null || columns == null || lines.length < code.length || columns.length < code.length) {
            throw new IllegalArgumentException(path + ": source map has " + (lines == null ? 0 : lines.length)
                    + " lines and " + (columns == null ? 0 : columns.length) + " columns for "
                    + code.length + " instructions");
        }
        List<Object> insns = new ArrayList<>(code.length);
        for (int pc = 0; pc < code.length; pc++) {
            insns.add(writeInstruction(code[pc], lines[pc], columns[pc], path + ".code[" + pc + "]"));
        }
        m.put("code", insns);
        m.put("debug", writeDebug(cell.debug() == null ? DebugInfo.NONE : cell.debug(), path + ".debug"));
        return m;
    }

    private static Map<String, Object> writeDebug(DebugInfo debug, String path) {
        List<Object> statements = new ArrayList<>();
        for (int i = 0; i < debug.statements().size(); i++) {
            DebugInfo.Statement s = debug.statements().get(i);
            statements.add(Map.of("pc", s.pc(), "span", spanArray(required(s.span(), path + ".statements[" + i + "].span"))));
        }
        List<Object> locals = new ArrayList<>();
        for (int i = 0; i < debug.locals().size(); i++) {
            DebugInfo.Local l = debug.locals().get(i);
            locals.add(Map.of("name", required(l.name(), path + ".locals[" + i + "].name"), "register", l.register(),
                    "from", l.from(), "to", l.to()));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("span", debug.cell() == null ? null : spanArray(debug.cell()));
        m.put("statements", statements);
        m.put("locals", locals);
        return m;
    }

    private static List<Object> spanArray(DebugInfo.Span s) {
        return List.of(s.line(), s.column(), s.endLine(), s.endColumn());
    }

    private static Map<String, Object> writeInstruction(int word, int line, int column, String path) {
        Opcode op = Opcode.of(Instruction.opcode(word));
        if (op == null) {
            throw new IllegalArgumentException(path + ": unknown opcode " + Instruction.opcode(word));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("op", op.name());
        m.put("at", List.of(line, column));
        switch (op.format()) {
            case ABC -> {
                m.put("a", Instruction.a(word));
                m.put("b", Instruction.b(word));
                m.put("c", Instruction.c(word));
            }
            case ABX -> {
                m.put("a", Instruction.a(word));
                m.put("bx", Instruction.bx(word));
            }
            case ASBX -> {
                m.put("a", Instruction.a(word));
                m.put("sbx", Instruction.sbx(word));
            }
            case AX -> m.put("ax", Instruction.ax(word));
        }
        return m;
    }

    private static Map<String, Object> writeConstant(Constant k, String path) {
        return switch (k) {
            case null -> throw new IllegalArgumentException(path + ": null constant");
            case Constant.IntConst i -> Map.of("int", i.value());
            case Constant.FloatConst f -> Map.of("float", floatValue(f.value()));
            case Constant.StringConst s -> Map.of("string", required(s.value(), path + ".string"));
            case Constant.EnumConst e -> Map.of("enum", List.of(e.type(), e.ordinal()));
        };
    }

    /** A float constant's JSON value: a number, or a string for -0.0, NaN and the infinities. */
    private static Object floatValue(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == 0 && Double.doubleToRawLongBits(d) != 0) {
            return "-0.0";
        }
        return d;
    }

    private static Map<String, Object> writeTool(ToolDef tool, String path) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("alias", required(tool.alias(), path + ".alias"));
        m.put("tool_id", tool.toolId());
        m.put("version", tool.version());
        m.put("mcp_server", tool.mcpServer());
        m.put("mcp_tool", tool.mcpTool());
        Map<String, Object> grants = tool.grants() == null ? null : new LinkedHashMap<>();
        if (grants != null) {
            for (Map.Entry<String, List<Object>> e : tool.grants().entrySet()) {
                String gp = path + ".grants." + e.getKey();
                List<Object> values = new ArrayList<>();
                List<Object> given = required(e.getValue(), gp);
                for (int i = 0; i < given.size(); i++) {
                    Object v = given.get(i);
                    if (v instanceof String || v instanceof Long || v instanceof Integer || v instanceof Boolean
                            || (v instanceof Double d && !d.isNaN() && !d.isInfinite())) {
                        values.add(v);
                    } else {
                        throw new IllegalArgumentException(gp + "[" + i + "]: grant values are Strings, Longs, "
                                + "finite Doubles or Booleans, not " + (v == null ? "null" : v.getClass().getSimpleName()));
                    }
                }
                grants.put(e.getKey(), values);
            }
        }
        m.put("grants", grants);
        if (tool.mcpManifest() != null) {
            m.put("mcp_manifest", tool.mcpManifest());
        }
        if (tool.mcpAnnotations() != null) {
            m.put("mcp_annotations", new java.util.TreeMap<>(tool.mcpAnnotations()));
        }
        return m;
    }

    private static String typeText(LirType type, String path) {
        return required(type, path).toString();
    }

    private static <T> T required(T value, String path) {
        if (value == null) {
            throw new IllegalArgumentException(path + ": missing (null) in the model");
        }
        return value;
    }

    // ================================================================================================ read

    /**
     * Reads a module from JSON text with the layout {@link #write} produces (any JSON formatting).
     *
     * @throws LirFormatException naming the JSON path of the first problem, e.g.
     *     {@code cells[2].code[14].op: unknown opcode "LODK"}
     */
    public static LirModule read(String json) throws LirFormatException {
        JsonNode root;
        try {
            root = CanonicalJson.parse(json);
        } catch (IllegalArgumentException e) {
            throw new LirFormatException(e.getMessage());
        }
        try {
            return readModule(root);
        } catch (LirFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            // The reader checks every value before use; this is a safety net so that no JVM exception leaks.
            throw new LirFormatException("malformed LIR module: " + e);
        }
    }

    private static LirModule readModule(JsonNode root) throws LirFormatException {
        checkKeys(root, "", MODULE_KEYS_ALLOWED, MODULE_KEYS);
        String version = string(root, "version", "");
        if (!version.equals("1") && !version.startsWith("1.")) {
            throw new LirFormatException("version: unsupported LIR version " + CanonicalJson.quote(version)
                    + " (this reader reads 1.x)");
        }
        String docHash = string(root, "doc_hash", "");
        String source = string(root, "source", "");
        JsonNode typesNode = array(root, "types", "");
        List<TypeDef> types = new ArrayList<>(typesNode.size());
        for (int i = 0; i < typesNode.size(); i++) {
            types.add(readType(typesNode.get(i), "types[" + i + "]"));
        }
        JsonNode cellsNode = array(root, "cells", "");
        List<CellDef> cells = new ArrayList<>(cellsNode.size());
        for (int i = 0; i < cellsNode.size(); i++) {
            cells.add(readCell(cellsNode.get(i), "cells[" + i + "]"));
        }
        JsonNode toolsNode = array(root, "tools", "");
        List<ToolDef> tools = new ArrayList<>(toolsNode.size());
        for (int i = 0; i < toolsNode.size(); i++) {
            tools.add(readTool(toolsNode.get(i), "tools[" + i + "]"));
        }
        RunSettings settings = root.has("settings") ? readSettings(root.get("settings")) : RunSettings.DEFAULTS;
        return new LirModule(version, docHash, source, List.copyOf(types), List.copyOf(cells), List.copyOf(tools),
                settings);
    }

    private static RunSettings readSettings(JsonNode node) throws LirFormatException {
        checkKeys(node, "settings", SETTINGS_KEYS, SETTINGS_KEYS);
        return new RunSettings(
                setting(node, "trace", RunSettings.Trace.class),
                setting(node, "cache", RunSettings.Cache.class),
                setting(node, "profile", RunSettings.Profile.class),
                setting(node, "lock", RunSettings.Lock.class));
    }

    private static <E extends Enum<E>> E setting(JsonNode node, String key, Class<E> type) throws LirFormatException {
        String text = string(node, key, "settings");
        List<String> allowed = new ArrayList<>();
        for (E value : type.getEnumConstants()) {
            if (RunSettings.spelling(value).equals(text)) {
                return value;
            }
            allowed.add(CanonicalJson.quote(RunSettings.spelling(value)));
        }
        throw new LirFormatException("settings." + key + ": " + CanonicalJson.quote(text) + " is not one of "
                + String.join(", ", allowed));
    }

    private static TypeDef readType(JsonNode node, String path) throws LirFormatException {
        object(node, path);
        JsonNode kindNode = node.get("kind");
        if (kindNode == null) {
            throw new LirFormatException(path + ": missing key \"kind\"");
        }
        String kind = string(node, "kind", path);
        switch (kind) {
            case "record" -> {
                checkKeys(node, path, RECORD_KEYS, RECORD_KEYS);
                String name = string(node, "name", path);
                JsonNode fieldsNode = array(node, "fields", path);
                List<TypeDef.FieldDef> fields = new ArrayList<>(fieldsNode.size());
                for (int i = 0; i < fieldsNode.size(); i++) {
                    String fp = path + ".fields[" + i + "]";
                    JsonNode f = fieldsNode.get(i);
                    checkKeys(f, fp, FIELD_KEYS, Set.of("name", "type"));
                    String fname = string(f, "name", fp);
                    LirType ftype = type(f, "type", fp);
                    int cell = -1;
                    String constraint = null;
                    JsonNode c = f.get("constraint");
                    if (c != null) {
                        String cp = fp + ".constraint";
                        checkKeys(c, cp, CONSTRAINT_KEYS, Set.of("cell"));
                        cell = integer(c, "cell", cp, 0, Integer.MAX_VALUE);
                        constraint = c.has("source") ? string(c, "source", cp) : null;
                    }
                    fields.add(new TypeDef.FieldDef(fname, ftype, cell, constraint));
                }
                return new TypeDef.RecordDef(name, List.copyOf(fields));
            }
            case "enum" -> {
                checkKeys(node, path, ENUM_KEYS, ENUM_KEYS);
                String name = string(node, "name", path);
                JsonNode vs = array(node, "variants", path);
                List<String> variants = new ArrayList<>(vs.size());
                for (int i = 0; i < vs.size(); i++) {
                    variants.add(stringValue(vs.get(i), path + ".variants[" + i + "]"));
                }
                return new TypeDef.EnumDef(name, List.copyOf(variants));
            }
            case "alias" -> {
                checkKeys(node, path, ALIAS_KEYS, ALIAS_KEYS);
                return new TypeDef.AliasDef(string(node, "name", path), type(node, "type", path));
            }
            default -> throw new LirFormatException(path + ".kind: unknown type kind " + CanonicalJson.quote(kind)
                    + " (expected \"record\", \"enum\" or \"alias\")");
        }
    }

    private static CellDef readCell(JsonNode node, String path) throws LirFormatException {
        checkKeys(node, path, CELL_KEYS_ALLOWED, CELL_KEYS);
        String name = string(node, "name", path);
        JsonNode ps = array(node, "params", path);
        List<CellDef.ParamDef> params = new ArrayList<>(ps.size());
        for (int i = 0; i < ps.size(); i++) {
            String pp = path + ".params[" + i + "]";
            JsonNode p = ps.get(i);
            checkKeys(p, pp, PARAM_KEYS, PARAM_KEYS);
            params.add(new CellDef.ParamDef(string(p, "name", pp), type(p, "type", pp)));
        }
        LirType returns = type(node, "returns", path);
        JsonNode rs = array(node, "registers", path);
        List<LirType> registers = new ArrayList<>(rs.size());
        for (int i = 0; i < rs.size(); i++) {
            String rp = path + ".registers[" + i + "]";
            registers.add(parseType(stringValue(rs.get(i), rp), rp));
        }
        JsonNode ks = array(node, "constants", path);
        List<Constant> constants = new ArrayList<>(ks.size());
        for (int i = 0; i < ks.size(); i++) {
            constants.add(readConstant(ks.get(i), path + ".constants[" + i + "]"));
        }
        JsonNode cs = array(node, "code", path);
        int n = cs.size();
        int[] code = new int[n];
        int[] lines = new int[n];
        int[] columns = new int[n];
        for (int pc = 0; pc < n; pc++) {
            String ip = path + ".code[" + pc + "]";
            JsonNode insn = cs.get(pc);
            object(insn, ip);
            code[pc] = readInstruction(insn, ip);
            JsonNode at = insn.get("at");
            if (at == null || !at.isArray() || at.size() != 2) {
                throw new LirFormatException(ip + ".at: expected [line, column], got " + shown(at));
            }
            lines[pc] = intValue(at.get(0), ip + ".at[0]", 0, Integer.MAX_VALUE);
            columns[pc] = intValue(at.get(1), ip + ".at[1]", 0, Integer.MAX_VALUE);
        }
        DebugInfo debug = node.has("debug") ? readDebug(node.get("debug"), path + ".debug") : DebugInfo.NONE;
        return new CellDef(name, List.copyOf(params), returns, List.copyOf(registers), List.copyOf(constants),
                code, lines, columns, debug);
    }

    private static DebugInfo readDebug(JsonNode node, String path) throws LirFormatException {
        checkKeys(node, path, DEBUG_KEYS, DEBUG_KEYS);
        JsonNode ss = array(node, "statements", path);
        List<DebugInfo.Statement> statements = new ArrayList<>(ss.size());
        for (int i = 0; i < ss.size(); i++) {
            String sp = path + ".statements[" + i + "]";
            JsonNode s = ss.get(i);
            checkKeys(s, sp, STATEMENT_KEYS, STATEMENT_KEYS);
            statements.add(new DebugInfo.Statement(integer(s, "pc", sp, 0, Integer.MAX_VALUE), readSpan(s.get("span"), sp + ".span")));
        }
        JsonNode ls = array(node, "locals", path);
        List<DebugInfo.Local> locals = new ArrayList<>(ls.size());
        for (int i = 0; i < ls.size(); i++) {
            String lp = path + ".locals[" + i + "]";
            JsonNode l = ls.get(i);
            checkKeys(l, lp, LOCAL_KEYS, LOCAL_KEYS);
            locals.add(new DebugInfo.Local(string(l, "name", lp), integer(l, "register", lp, 0, Instruction.MAX_A),
                    integer(l, "from", lp, 0, Integer.MAX_VALUE), integer(l, "to", lp, 0, Integer.MAX_VALUE)));
        }
        JsonNode cell = node.get("span");
        return new DebugInfo(cell.isNull() ? null : readSpan(cell, path + ".span"), List.copyOf(statements), List.copyOf(locals));
    }

    private static DebugInfo.Span readSpan(JsonNode span, String path) throws LirFormatException {
        if (!span.isArray() || span.size() != 4) {
            throw new LirFormatException(path + ": expected [line, column, end line, end column], got " + shown(span));
        }
        int[] at = new int[4];
        for (int k = 0; k < 4; k++) {
            at[k] = intValue(span.get(k), path + "[" + k + "]", 0, Integer.MAX_VALUE);
        }
        return new DebugInfo.Span(at[0], at[1], at[2], at[3]);
    }

    private static int readInstruction(JsonNode insn, String path) throws LirFormatException {
        JsonNode opNode = insn.get("op");
        if (opNode == null) {
            throw new LirFormatException(path + ": missing key \"op\"");
        }
        String name = stringValue(opNode, path + ".op");
        Opcode op = Opcode.named(name);
        if (op == null) {
            throw new LirFormatException(path + ".op: unknown opcode " + CanonicalJson.quote(name));
        }
        List<String> operandKeys = operandKeys(op.format());
        for (Iterator<String> it = insn.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!key.equals("op") && !key.equals("at") && !operandKeys.contains(key)) {
                throw new LirFormatException(path + ": unexpected key " + CanonicalJson.quote(key) + " for " + op
                        + " (format " + op.format() + " takes " + String.join(", ", operandKeys) + ")");
            }
        }
        for (String key : operandKeys) {
            if (!insn.has(key)) {
                throw new LirFormatException(path + ": missing key " + CanonicalJson.quote(key) + " for " + op
                        + " (format " + op.format() + " takes " + String.join(", ", operandKeys) + ")");
            }
        }
        if (!insn.has("at")) {
            throw new LirFormatException(path + ": missing key \"at\"");
        }
        return switch (op.format()) {
            case ABC -> Instruction.abc(op,
                    integer(insn, "a", path, 0, Instruction.MAX_A),
                    integer(insn, "b", path, 0, Instruction.MAX_A),
                    integer(insn, "c", path, 0, Instruction.MAX_A));
            case ABX -> Instruction.abx(op,
                    integer(insn, "a", path, 0, Instruction.MAX_A),
                    integer(insn, "bx", path, 0, Instruction.MAX_BX));
            case ASBX -> Instruction.asbx(op,
                    integer(insn, "a", path, 0, Instruction.MAX_A),
                    integer(insn, "sbx", path, Instruction.MIN_SBX, Instruction.MAX_SBX));
            case AX -> Instruction.ax(op, integer(insn, "ax", path, 0, Instruction.MAX_AX));
        };
    }

    /** The JSON operand keys of an instruction format, in the order written in documentation. */
    public static List<String> operandKeys(Opcode.Format format) {
        return switch (format) {
            case ABC -> List.of("a", "b", "c");
            case ABX -> List.of("a", "bx");
            case ASBX -> List.of("a", "sbx");
            case AX -> List.of("ax");
        };
    }

    private static Constant readConstant(JsonNode node, String path) throws LirFormatException {
        object(node, path);
        if (node.size() != 1) {
            throw new LirFormatException(path + ": a constant has exactly one key of " + String.join(", ", CONSTANT_KINDS)
                    + ", got " + shown(node));
        }
        String kind = node.fieldNames().next();
        JsonNode v = node.get(kind);
        String vp = path + "." + kind;
        switch (kind) {
            case "int" -> {
                if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                    throw new LirFormatException(vp + ": expected a 64-bit integer, got " + shown(v));
                }
                return new Constant.IntConst(v.longValue());
            }
            case "float" -> {
                if (v.isNumber()) {
                    return new Constant.FloatConst(v.doubleValue());
                }
                if (v.isTextual()) {
                    switch (v.textValue()) {
                        case "-0.0": return new Constant.FloatConst(-0.0);
                        case "NaN": return new Constant.FloatConst(Double.NaN);
                        case "Infinity": return new Constant.FloatConst(Double.POSITIVE_INFINITY);
                        case "-Infinity": return new Constant.FloatConst(Double.NEGATIVE_INFINITY);
                        default: break;
                    }
                }
                throw new LirFormatException(vp + ": expected a number or one of \"-0.0\", \"NaN\", \"Infinity\", "
                        + "\"-Infinity\", got " + shown(v));
            }
            case "string" -> {
                return new Constant.StringConst(stringValue(v, vp));
            }
            case "enum" -> {
                if (!v.isArray() || v.size() != 2) {
                    throw new LirFormatException(vp + ": expected [type, ordinal], got " + shown(v));
                }
                return new Constant.EnumConst(intValue(v.get(0), vp + "[0]", 0, Integer.MAX_VALUE),
                        intValue(v.get(1), vp + "[1]", 0, Integer.MAX_VALUE));
            }
            default -> throw new LirFormatException(path + ": unknown constant kind " + CanonicalJson.quote(kind)
                    + " (expected one of " + String.join(", ", CONSTANT_KINDS) + ")");
        }
    }

    private static ToolDef readTool(JsonNode node, String path) throws LirFormatException {
        checkKeys(node, path, TOOL_KEYS_ALLOWED, TOOL_KEYS);
        String alias = string(node, "alias", path);
        String toolId = nullableString(node, "tool_id", path);
        String version = nullableString(node, "version", path);
        String mcpServer = nullableString(node, "mcp_server", path);
        String mcpTool = nullableString(node, "mcp_tool", path);
        String mcpManifest = node.has("mcp_manifest") ? string(node, "mcp_manifest", path) : null;
        Map<String, Boolean> mcpAnnotations = node.has("mcp_annotations") ? hints(node.get("mcp_annotations"),
                path + ".mcp_annotations") : null;
        JsonNode g = node.get("grants");
        String gp = path + ".grants";
        if (g.isNull()) { // imported, never granted: every call is refused at run time
            return new ToolDef(alias, toolId, version, mcpServer, mcpTool, null, mcpManifest, mcpAnnotations);
        }
        object(g, gp);
        Map<String, List<Object>> grants = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : g.properties()) {
            String ep = gp + "." + e.getKey();
            JsonNode vs = e.getValue();
            if (!vs.isArray()) {
                throw new LirFormatException(ep + ": expected an array of grant values, got " + shown(vs));
            }
            List<Object> values = new ArrayList<>(vs.size());
            for (int i = 0; i < vs.size(); i++) {
                JsonNode v = vs.get(i);
                if (v.isTextual()) {
                    values.add(v.textValue());
                } else if (v.isBoolean()) {
                    values.add(v.booleanValue());
                } else if (v.isIntegralNumber() && v.canConvertToLong()) {
                    values.add(v.longValue());
                } else if (v.isNumber()) {
                    double d = v.doubleValue();
                    values.add(d == Math.rint(d) && Math.abs(d) < 0x1p63 ? (Object) (long) d : (Object) d);
                } else {
                    throw new LirFormatException(ep + "[" + i + "]: expected a string, number or boolean, got " + shown(v));
                }
            }
            grants.put(e.getKey(), List.copyOf(values));
        }
        return new ToolDef(alias, toolId, version, mcpServer, mcpTool, java.util.Collections.unmodifiableMap(grants),
                mcpManifest, mcpAnnotations);
    }

    /** An MCP tool's behaviour hints: an object of booleans (which names are hints is the verifier's to say). */
    private static Map<String, Boolean> hints(JsonNode node, String path) throws LirFormatException {
        object(node, path);
        Map<String, Boolean> hints = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!e.getValue().isBoolean()) {
                throw new LirFormatException(path + "." + e.getKey() + ": expected a boolean, got " + shown(e.getValue()));
            }
            hints.put(e.getKey(), e.getValue().booleanValue());
        }
        return hints;
    }

    // ---------------------------------------------------------------------------------------- helpers

    private static void object(JsonNode node, String path) throws LirFormatException {
        if (node == null || !node.isObject()) {
            throw new LirFormatException((path.isEmpty() ? "module" : path) + ": expected an object, got " + shown(node));
        }
    }

    private static void checkKeys(JsonNode node, String path, Set<String> allowed, Set<String> required)
            throws LirFormatException {
        object(node, path);
        String where = path.isEmpty() ? "module" : path;
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw new LirFormatException(where + ": unexpected key " + CanonicalJson.quote(key)
                        + " (expected " + String.join(", ", sortedKeys(allowed)) + ")");
            }
        }
        for (String key : sortedKeys(required)) {
            if (!node.has(key)) {
                throw new LirFormatException(where + ": missing key " + CanonicalJson.quote(key));
            }
        }
    }

    private static List<String> sortedKeys(Set<String> keys) {
        String[] a = keys.toArray(new String[0]);
        Arrays.sort(a);
        return List.of(a);
    }

    private static String at(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static String string(JsonNode node, String key, String path) throws LirFormatException {
        JsonNode v = node.get(key);
        if (v == null) {
            throw new LirFormatException((path.isEmpty() ? "module" : path) + ": missing key " + CanonicalJson.quote(key));
        }
        return stringValue(v, at(path, key));
    }

    private static String nullableString(JsonNode node, String key, String path) throws LirFormatException {
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? null : stringValue(v, at(path, key));
    }

    private static String stringValue(JsonNode v, String path) throws LirFormatException {
        if (v == null || !v.isTextual()) {
            throw new LirFormatException(path + ": expected a string, got " + shown(v));
        }
        return v.textValue();
    }

    private static LirType type(JsonNode node, String key, String path) throws LirFormatException {
        String p = at(path, key);
        return parseType(string(node, key, path), p);
    }

    private static LirType parseType(String text, String path) throws LirFormatException {
        try {
            return LirTypeParser.parse(text);
        } catch (LirFormatException e) {
            throw new LirFormatException(path + ": " + e.getMessage());
        }
    }

    private static JsonNode array(JsonNode node, String key, String path) throws LirFormatException {
        JsonNode v = node.get(key);
        if (v == null) {
            throw new LirFormatException((path.isEmpty() ? "module" : path) + ": missing key " + CanonicalJson.quote(key));
        }
        if (!v.isArray()) {
            throw new LirFormatException(at(path, key) + ": expected an array, got " + shown(v));
        }
        return v;
    }

    private static int integer(JsonNode node, String key, String path, int min, int max) throws LirFormatException {
        JsonNode v = node.get(key);
        if (v == null) {
            throw new LirFormatException((path.isEmpty() ? "module" : path) + ": missing key " + CanonicalJson.quote(key));
        }
        return intValue(v, at(path, key), min, max);
    }

    private static int intValue(JsonNode v, String path, int min, int max) throws LirFormatException {
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < min || v.longValue() > max) {
            throw new LirFormatException(path + ": expected an integer from " + min + " to " + max + ", got " + shown(v));
        }
        return (int) v.longValue();
    }

    /** A JSON value for a message: its canonical text, shortened. */
    private static String shown(JsonNode v) {
        if (v == null) {
            return "nothing";
        }
        if (v.isNumber()) {
            return v.asText(); // exact digits, where canonical form would round big integers through double
        }
        String text;
        try {
            text = CanonicalJson.write(v);
        } catch (IllegalArgumentException e) {
            text = v.toString();
        }
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }
}
