package dev.lumen.lir.format;

import dev.lumen.runtime.json.JsonPointer;
import dev.lumen.runtime.mcp.McpCaching;
import dev.lumen.runtime.mcp.McpToolAnnotations;
import dev.lumen.runtime.policy.Redaction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks that an LIR module is well formed before it runs (docs/spec/lir-v1.md, "Verifier"): every
 * operand refers to something that exists, windows of consecutive registers fit the cell, control cannot
 * run off the end of a cell, types and names are consistent; then, for a module whose form is right, that every
 * register is written before it is read and every instruction gets the types it works on ({@link TypeFlow}). A
 * module that passes never makes the interpreter index outside a table or treat a value as what it is not.
 *
 * <p>Problems are messages naming where they are, in a fixed order (module, types, cells in order, each
 * cell's signature, constants, then instructions by pc, then tools), e.g.
 * {@code cell `run` pc 7: register 19 out of range (cell has 12 registers)}. The verifier never throws
 * on a malformed model, whatever nulls or bad indexes it holds.
 */
public final class Verifier {

    /** Registers a cell may have: register operands are 8 bits. */
    public static final int MAX_REGISTERS = Instruction.MAX_A + 1;

    /** Records every module may name without declaring them in its type table (the interpreter knows them). */
    public static final Set<String> BUILTIN_RECORDS = BuiltinRecords.FIELDS.keySet();

    private final LirModule module;
    private final List<String> problems = new ArrayList<>();
    private final Map<String, Integer> typeIndex = new HashMap<>();

    private Verifier(LirModule module) {
        this.module = module;
    }

    /** The module's problems; empty when it is well formed. */
    public static List<String> verify(LirModule module) {
        Verifier v = new Verifier(module);
        v.run();
        return List.copyOf(v.problems);
    }

    /**
     * Throws if the module has problems.
     *
     * @throws LirFormatException listing every problem {@link #verify} finds
     */
    public static void check(LirModule module) throws LirFormatException {
        List<String> problems = verify(module);
        if (!problems.isEmpty()) {
            throw new LirFormatException(problems);
        }
    }

    // ============================================================================================ module

    private void run() {
        if (module == null) {
            problems.add("module: null");
            return;
        }
        String version = module.version();
        if (version == null) {
            problems.add("module: no version");
        } else if (!version.equals("1") && !version.startsWith("1.")) {
            problems.add("module: unsupported LIR version \"" + version + "\" (this verifier checks 1.x)");
        }
        if (module.docHash() == null) {
            problems.add("module: no doc_hash");
        }
        if (module.source() == null) {
            problems.add("module: no source");
        }
        List<TypeDef> types = list(module.types(), "module: no type table");
        List<CellDef> cells = list(module.cells(), "module: no cell table");
        List<ToolDef> tools = list(module.tools(), "module: no tool table");
        for (int i = 0; i < types.size(); i++) {
            TypeDef t = types.get(i);
            if (t != null && t.name() != null && typeIndex.putIfAbsent(t.name(), i) != null) {
                problems.add("type `" + t.name() + "`: duplicate type name (types " + typeIndex.get(t.name()) + " and " + i + ")");
            }
        }
        for (int i = 0; i < types.size(); i++) {
            verifyType(i, types.get(i), cells);
        }
        Map<String, Integer> cellNames = new HashMap<>();
        for (int i = 0; i < cells.size(); i++) {
            CellDef c = cells.get(i);
            if (c != null && c.name() != null && cellNames.putIfAbsent(c.name(), i) != null) {
                problems.add("cell `" + c.name() + "`: duplicate cell name (cells " + cellNames.get(c.name()) + " and " + i + ")");
            }
        }
        for (int i = 0; i < cells.size(); i++) {
            new CellVerifier(i, cells.get(i), types, cells, tools).run();
        }
        Map<String, Integer> aliases = new HashMap<>();
        for (int i = 0; i < tools.size(); i++) {
            verifyTool(i, tools.get(i), aliases);
        }
        if (problems.isEmpty()) { // the types of a module whose tables and operands all check
            for (int i = 0; i < cells.size(); i++) {
                TypeFlow.verify(module, typeIndex, cells.get(i), "cell `" + cells.get(i).name() + "`", problems);
            }
        }
    }

    private <T> List<T> list(List<T> l, String problem) {
        if (l == null) {
            problems.add(problem);
            return List.of();
        }
        return l;
    }

    // ============================================================================================= types

    private void verifyType(int index, TypeDef t, List<CellDef> cells) {
        if (t == null) {
            problems.add("type " + index + ": null");
            return;
        }
        if (t.name() == null) {
            problems.add("type " + index + ": no name");
        }
        String where = t.name() == null ? "type " + index : "type `" + t.name() + "`";
        switch (t) {
            case TypeDef.RecordDef r -> {
                if (r.fields() == null) {
                    problems.add(where + ": no field list");
                    return;
                }
                if (!BuiltinRecords.matches(r)) {
                    problems.add(where + ": a built-in record must have exactly its fields ("
                            + fieldList(BuiltinRecords.FIELDS.get(r.name())) + ")");
                }
                Set<String> names = new HashSet<>();
                for (int f = 0; f < r.fields().size(); f++) {
                    TypeDef.FieldDef fd = r.fields().get(f);
                    if (fd == null) {
                        problems.add(where + " field " + f + ": null");
                        continue;
                    }
                    String fw = where + " field `" + fd.name() + "`";
                    if (fd.name() == null) {
                        problems.add(where + " field " + f + ": no name");
                    } else if (!names.add(fd.name())) {
                        problems.add(fw + ": duplicate field name");
                    }
                    checkType(fd.type(), fw);
                    verifyConstraint(r, fd, fw, cells);
                }
            }
            case TypeDef.AliasDef al -> {
                checkType(al.type(), where);
                if (al.type() instanceof LirType.Named n) {
                    problems.add(where + ": alias of the named type `" + n.name() + "` (refer to that type itself)");
                } else if (al.type() != null && al.name() != null && !al.name().equals(al.type().toString())) {
                    problems.add(where + ": an alias is named by its type's text, `" + al.type() + "`");
                }
            }
            case TypeDef.EnumDef e -> {
                if (e.variants() == null || e.variants().isEmpty()) {
                    problems.add(where + ": enum has no variants");
                    return;
                }
                Set<String> names = new HashSet<>();
                for (String v : e.variants()) {
                    if (v == null) {
                        problems.add(where + ": null variant");
                    } else if (!names.add(v)) {
                        problems.add(where + ": duplicate variant `" + v + "`");
                    }
                }
            }
        }
    }

    private void verifyConstraint(TypeDef.RecordDef record, TypeDef.FieldDef fd, String where, List<CellDef> cells) {
        int ci = fd.constraintCell();
        if (ci < 0) {
            if (ci != -1) {
                problems.add(where + ": constraint cell " + ci + " (use -1 for none)");
            } else if (fd.constraint() != null) {
                problems.add(where + ": constraint text without a constraint cell");
            }
            return;
        }
        if (ci >= cells.size()) {
            problems.add(where + ": constraint cell " + ci + " out of range (module has " + count(cells.size(), "cell") + ")");
            return;
        }
        CellDef c = cells.get(ci);
        if (c == null || c.params() == null) {
            return; // reported with the cell
        }
        String cw = where + ": constraint cell `" + c.name() + "`";
        int n = record.fields().size();
        if (c.params().size() != n) {
            problems.add(cw + " takes " + count(c.params().size(), "parameter") + ", the record has " + count(n, "field"));
        } else {
            for (int i = 0; i < n; i++) {
                TypeDef.FieldDef f = record.fields().get(i);
                CellDef.ParamDef p = c.params().get(i);
                if (f != null && p != null && f.type() != null && !f.type().equals(p.type())) {
                    problems.add(cw + " parameter " + i + " `" + p.name() + "` is " + p.type()
                            + ", field `" + f.name() + "` is " + f.type());
                }
            }
        }
        if (c.returns() != LirType.Primitive.BOOL) {
            problems.add(cw + " returns " + c.returns() + ", not Bool");
        }
    }

    /** Checks a type is well formed: names resolve, unions have 2+ distinct, non-union members, Null last. */
    private void checkType(LirType type, String where) {
        switch (type) {
            case null -> problems.add(where + ": no type");
            case LirType.Primitive p -> {
            }
            case LirType.ListOf l -> checkType(l.element(), where);
            case LirType.MapOf m -> checkType(m.value(), where);
            case LirType.ResultOf r -> {
                checkType(r.ok(), where);
                checkType(r.err(), where);
            }
            case LirType.UnionOf u -> {
                if (u.members() == null || u.members().size() < 2) {
                    problems.add(where + ": union " + u + " needs at least two members");
                    return;
                }
                Set<LirType> seen = new HashSet<>();
                for (int i = 0; i < u.members().size(); i++) {
                    LirType m = u.members().get(i);
                    if (m instanceof LirType.UnionOf) {
                        problems.add(where + ": union " + u + " has a nested union member");
                    } else if (m != null && !seen.add(m)) {
                        problems.add(where + ": union " + u + " lists " + m + " twice");
                    } else if (m == LirType.Primitive.NULL && i != u.members().size() - 1) {
                        problems.add(where + ": union " + u + " must list Null last");
                    }
                    if (!(m instanceof LirType.UnionOf)) {
                        checkType(m, where);
                    }
                }
            }
            case LirType.Named n -> {
                if (n.name() == null) {
                    problems.add(where + ": type name missing");
                } else if (typeIndex.containsKey(n.name())) {
                    if (module.types().get(typeIndex.get(n.name())) instanceof TypeDef.AliasDef) {
                        problems.add(where + ": type name `" + n.name() + "` refers to an alias entry, not a record or enum");
                    }
                } else if (!BUILTIN_RECORDS.contains(n.name())) {
                    problems.add(where + ": unknown type `" + n.name() + "`");
                }
            }
        }
    }

    // ============================================================================================= tools

    private void verifyTool(int index, ToolDef tool, Map<String, Integer> aliases) {
        if (tool == null) {
            problems.add("tool " + index + ": null");
            return;
        }
        if (tool.alias() == null) {
            problems.add("tool " + index + ": no alias");
        } else if (aliases.putIfAbsent(tool.alias(), index) != null) {
            problems.add("tool `" + tool.alias() + "`: duplicate alias (tools " + aliases.get(tool.alias()) + " and " + index + ")");
        }
        String where = "tool `" + tool.alias() + "`";
        boolean nativeTool = tool.toolId() != null;
        boolean mcpTool = tool.mcpServer() != null && tool.mcpTool() != null;
        if (tool.isServerGrant()) {
            if (tool.version() != null || tool.grants() == null) {
                problems.add(where + ": the grant of an MCP server has grants and no version");
            }
        } else if (nativeTool == mcpTool || (!mcpTool && (tool.mcpServer() != null || tool.mcpTool() != null))) {
            problems.add(where + ": needs either tool_id or both mcp_server and mcp_tool");
        }
        if (nativeTool && tool.version() == null) {
            problems.add(where + ": native tool `" + tool.toolId() + "` has no version");
        }
        lockedMcp(tool, where, nativeTool);
        if (tool.grants() == null) {
            return; // not granted: valid LIR whose calls fail with a policy error
        }
        for (Map.Entry<String, List<Object>> e : tool.grants().entrySet()) {
            if (e.getKey() == null) {
                problems.add(where + ": grant with no name");
                continue;
            }
            if (e.getValue() == null || e.getValue().isEmpty()) {
                problems.add(where + " grant `" + e.getKey() + "`: no values");
                continue;
            }
            for (Object v : e.getValue()) {
                boolean ok = v instanceof String || v instanceof Long || v instanceof Integer || v instanceof Boolean
                        || (v instanceof Double d && !d.isNaN() && !d.isInfinite());
                if (!ok) {
                    problems.add(where + " grant `" + e.getKey() + "`: value " + v + " is not a String, Long, finite Double or Boolean");
                } else if (e.getKey().equals("redact")) {
                    redactValue(where, v);
                }
            }
            if (!nativeTool && e.getKey().equals(McpCaching.CLAUSE)
                    && (e.getValue().size() != 1 || !(e.getValue().getFirst() instanceof Boolean))) {
                problems.add(where + " grant `cache`: " + e.getValue() + " is not one boolean (true or false)");
            }
        }
    }

    /**
     * What a locked MCP manifest says of a tool (mcp-bridge-v1.md §9.4): only an MCP tool has it; the manifest is
     * named by its hash, and the annotations are the MCP behaviour hints.
     */
    private void lockedMcp(ToolDef tool, String where, boolean nativeTool) {
        if (nativeTool && (tool.mcpManifest() != null || tool.mcpAnnotations() != null)) {
            problems.add(where + ": native tool `" + tool.toolId() + "` has an MCP manifest or MCP annotations");
        }
        if (tool.mcpManifest() != null && !tool.mcpManifest().matches("sha256:[0-9a-f]{64}")) {
            problems.add(where + ": mcp_manifest " + tool.mcpManifest() + " is not a hash (sha256: and 64 hex digits)");
        }
        if (tool.mcpAnnotations() != null) {
            for (String hint : tool.mcpAnnotations().keySet()) {
                if (!McpToolAnnotations.HINTS.contains(hint)) {
                    problems.add(where + ": mcp_annotations has `" + hint + "`, which is not one of "
                            + String.join(", ", McpToolAnnotations.HINTS));
                }
            }
        }
    }

    /** A {@code redact} value is a member name, or a JSON pointer when it starts with {@code /} (run.md §6.3a). */
    private void redactValue(String where, Object value) {
        if (!(value instanceof String s) || s.isEmpty()) {
            problems.add(where + " grant `redact`: value " + value + " is not a member name or a JSON pointer");
            return;
        }
        if (Redaction.isPointer(s)) {
            try {
                JsonPointer.parse(s);
            } catch (IllegalArgumentException e) {
                problems.add(where + " grant `redact`: " + e.getMessage());
            }
        }
    }

    // ============================================================================================= cells

    private final class CellVerifier {
        private final int index;
        private final CellDef cell;
        private final List<TypeDef> types;
        private final List<CellDef> cells;
        private final List<ToolDef> tools;
        private String where;
        private int nregs;
        private int nconsts;

        CellVerifier(int index, CellDef cell, List<TypeDef> types, List<CellDef> cells, List<ToolDef> tools) {
            this.index = index;
            this.cell = cell;
            this.types = types;
            this.cells = cells;
            this.tools = tools;
        }

        void run() {
            if (cell == null) {
                problems.add("cell " + index + ": null");
                return;
            }
            where = cell.name() == null ? "cell " + index : "cell `" + cell.name() + "`";
            if (cell.name() == null) {
                problems.add("cell " + index + ": no name");
            }
            List<LirType> registers = cell.registers() == null ? List.of() : cell.registers();
            if (cell.registers() == null) {
                problems.add(where + ": no register table");
            }
            nregs = registers.size();
            if (nregs > MAX_REGISTERS) {
                problems.add(where + ": " + nregs + " registers (at most " + MAX_REGISTERS + ")");
            }
            for (int r = 0; r < nregs; r++) {
                checkType(registers.get(r), where + " register " + r);
            }
            checkType(cell.returns(), where + " return type");
            verifyParams(registers);
            List<Constant> constants = cell.constants() == null ? List.of() : cell.constants();
            if (cell.constants() == null) {
                problems.add(where + ": no constant table");
            }
            nconsts = constants.size();
            for (int k = 0; k < nconsts; k++) {
                verifyConstant(k, constants.get(k));
            }
            verifyCode();
        }

        private void verifyParams(List<LirType> registers) {
            if (cell.params() == null) {
                problems.add(where + ": no parameter list");
                return;
            }
            int n = cell.params().size();
            if (n > nregs) {
                problems.add(where + ": " + count(n, "parameter") + " but " + count(nregs, "register"));
            }
            Set<String> names = new HashSet<>();
            for (int i = 0; i < n; i++) {
                CellDef.ParamDef p = cell.params().get(i);
                if (p == null) {
                    problems.add(where + " parameter " + i + ": null");
                    continue;
                }
                if (p.name() == null) {
                    problems.add(where + " parameter " + i + ": no name");
                } else if (!names.add(p.name())) {
                    problems.add(where + ": duplicate parameter name `" + p.name() + "`");
                }
                checkType(p.type(), where + " parameter `" + p.name() + "`");
                if (i < nregs && p.type() != null && !p.type().equals(registers.get(i))) {
                    problems.add(where + ": parameter " + i + " `" + p.name() + "` is " + p.type()
                            + ", register " + i + " is " + registers.get(i));
                }
            }
        }

        private void verifyConstant(int k, Constant c) {
            String kw = where + " constant " + k;
            switch (c) {
                case null -> problems.add(kw + ": null");
                case Constant.StringConst s -> {
                    if (s.value() == null) {
                        problems.add(kw + ": null string");
                    }
                }
                case Constant.EnumConst e -> {
                    if (e.type() < 0 || e.type() >= types.size()) {
                        problems.add(kw + ": enum type " + e.type() + " out of range (module has " + count(types.size(), "type") + ")");
                    } else if (!(types.get(e.type()) instanceof TypeDef.EnumDef en)) {
                        problems.add(kw + ": type " + e.type() + " `" + nameOf(types.get(e.type())) + "` is not an enum");
                    } else if (en.variants() != null && (e.ordinal() < 0 || e.ordinal() >= en.variants().size())) {
                        problems.add(kw + ": ordinal " + e.ordinal() + " out of range (enum `" + en.name() + "` has "
                                + count(en.variants().size(), "variant") + ")");
                    }
                }
                case Constant.IntConst i -> {
                }
                case Constant.FloatConst f -> {
                }
            }
        }

        private void verifyCode() {
            int[] code = cell.code();
            if (code == null || code.length == 0) {
                problems.add(where + ": no instructions");
                return;
            }
            int[] lines = cell.lines();
            int[] columns = cell.columns();
            if (lines == null || columns == null || lines.length != code.length || columns.length != code.length) {
                problems.add(where + ": source map has " + (lines == null ? 0 : lines.length) + " lines and "
                        + (columns == null ? 0 : columns.length) + " columns for " + count(code.length, "instruction"));
            }
            for (int pc = 0; pc < code.length; pc++) {
                verifyInstruction(code, pc);
            }
            Opcode last = Opcode.of(Instruction.opcode(code[code.length - 1]));
            if (last != null && last != Opcode.RETURN && last != Opcode.HALT && last != Opcode.JMP) {
                problems.add(where + " pc " + (code.length - 1) + ": last instruction " + last
                        + " can fall off the end (must be RETURN, HALT or JMP)");
            }
            problems.addAll(CallGroups.problems(where, code, types, cells));
            verifyDebug(code);
        }

        private void verifySpan(DebugInfo.Span s, String where) {
            if (s.line() < 1 || s.column() < 1) {
                problems.add(where + "span starts at " + s.line() + ":" + s.column() + " (lines and columns start at 1)");
            } else if (s.endLine() < s.line() || (s.endLine() == s.line() && s.endColumn() < s.column())) {
                problems.add(where + "span ends at " + s.endLine() + ":" + s.endColumn() + ", before its start "
                        + s.line() + ":" + s.column());
            }
        }

        /** The statement table starts statements at instructions, in order; locals name registers over code ranges. */
        private void verifyDebug(int[] code) {
            DebugInfo debug = cell.debug();
            if (debug == null || debug.statements() == null || debug.locals() == null) {
                problems.add(where + ": no debug information (use empty statement and local tables)");
                return;
            }
            if (debug.cell() != null) {
                verifySpan(debug.cell(), where + " span: ");
            }
            int previous = -1;
            for (int i = 0; i < debug.statements().size(); i++) {
                DebugInfo.Statement s = debug.statements().get(i);
                String sw = where + " statement " + i + ": ";
                if (s == null || s.span() == null) {
                    problems.add(sw + (s == null ? "null" : "no span"));
                    continue;
                }
                if (s.pc() < 0 || s.pc() >= code.length) {
                    problems.add(sw + "pc " + s.pc() + " outside the code (0.." + (code.length - 1) + ")");
                } else if (Instruction.opcode(code[s.pc()]) == Opcode.EXTRAARG.ordinal()) {
                    problems.add(sw + "starts on an EXTRAARG at pc " + s.pc());
                }
                if (s.pc() <= previous) {
                    problems.add(sw + "pc " + s.pc() + " does not follow the previous statement's pc " + previous);
                }
                previous = Math.max(previous, s.pc());
                verifySpan(s.span(), sw);
            }
            for (int i = 0; i < debug.locals().size(); i++) {
                DebugInfo.Local l = debug.locals().get(i);
                String lw = where + " local " + i + ": ";
                if (l == null) {
                    problems.add(lw + "null");
                    continue;
                }
                if (l.name() == null || l.name().isEmpty()) {
                    problems.add(lw + "no name");
                }
                if (l.register() < 0 || l.register() >= nregs) {
                    problems.add(lw + "register " + l.register() + " out of range (cell has " + count(nregs, "register") + ")");
                }
                if (l.from() < 0 || l.from() > l.to() || l.to() > code.length) {
                    problems.add(lw + "range " + l.from() + ".." + l.to() + " is not within the code (0.." + code.length + ")");
                }
            }
        }

        private void verifyInstruction(int[] code, int pc) {
            int word = code[pc];
            String at = where + " pc " + pc + ": ";
            Opcode op = Opcode.of(Instruction.opcode(word));
            if (op == null) {
                problems.add(at + "unknown opcode " + Instruction.opcode(word));
                return;
            }
            if (op == Opcode.EXTRAARG) {
                Opcode prev = pc > 0 ? Opcode.of(Instruction.opcode(code[pc - 1])) : null;
                if (prev == null || !prev.takesExtraArg()) {
                    problems.add(at + "EXTRAARG does not follow an instruction that takes one"
                            + (prev == null ? "" : " (" + prev + " does not)"));
                }
                return;
            }
            long[] operands = operands(code, pc);
            long a = operands[0];
            long b = operands[1];
            long c = operands[2];
            boolean abc = op.format() == Opcode.Format.ABC;
            currentA = a;
            currentB = b;
            operand(at, op, 'A', op.a(), a, pc, code, true);
            operand(at, op, 'B', op.b(), b, pc, code, op.format() != Opcode.Format.AX);
            operand(at, op, 'C', op.c(), c, pc, code, abc);
            windows(at, op, a, b, c);
        }

        /** Checks one operand against its kind; {@code present}: the format has a field for it. */
        private void operand(String at, Opcode op, char name, Opcode.Operand kind, long v, int pc, int[] code, boolean present) {
            switch (kind) {
                case NONE -> {
                    if (present && v != 0) {
                        problems.add(at + op + " operand " + name + " is unused and must be 0, not " + v);
                    }
                }
                case REG -> register(at, v);
                case CONST -> {
                    if (v >= nconsts) {
                        problems.add(at + "constant " + v + " out of range (cell has " + count(nconsts, "constant") + ")");
                    }
                }
                case TYPE -> {
                    if (v >= types.size()) {
                        problems.add(at + "type " + v + " out of range (module has " + count(types.size(), "type") + ")");
                    } else if (op == Opcode.NEWRECORD && !(types.get((int) v) instanceof TypeDef.RecordDef)) {
                        problems.add(at + "NEWRECORD type " + v + " `" + nameOf(types.get((int) v)) + "` is not a record");
                    }
                }
                case FIELD -> field(at, op, v);
                case CELL -> {
                    if (v >= cells.size()) {
                        problems.add(at + "cell " + v + " out of range (module has " + count(cells.size(), "cell") + ")");
                    }
                }
                case TOOL -> {
                    if (v >= tools.size()) {
                        problems.add(at + "tool " + v + " out of range (module has " + count(tools.size(), "tool") + ")");
                    } else if (tools.get((int) v) != null && tools.get((int) v).isServerGrant()) {
                        problems.add(at + "tool " + v + " `" + tools.get((int) v).alias()
                                + "` is the grant of an MCP server, not a tool");
                    }
                }
                case INTRINSIC_ID -> {
                    if (Intrinsic.of((int) v) == null) {
                        problems.add(at + "intrinsic " + v + " does not exist (there are " + Intrinsic.count() + ")");
                    }
                }
                case JUMP -> {
                    long target = pc + 1 + v;
                    if (target < 0 || target >= code.length) {
                        problems.add(at + "jump to " + target + " outside the code (0.." + (code.length - 1) + ")");
                    } else if (Instruction.opcode(code[(int) target]) == Opcode.EXTRAARG.ordinal()) {
                        problems.add(at + "jump to " + target + " lands on an EXTRAARG");
                    }
                }
                case FLAG -> {
                    if (v != 0 && v != 1) {
                        problems.add(at + op + " flag " + name + " is " + v + " (must be 0 or 1)");
                    }
                }
                case COUNT, IMM -> {
                }
            }
        }

        private void register(String at, long r) {
            if (r >= nregs) {
                problems.add(at + "register " + r + " out of range (cell has " + count(nregs, "register") + ")");
            }
        }

        private void window(String at, Opcode op, String what, long first, long n) {
            if (n <= 0) {
                return;
            }
            long last = first + n - 1;
            if (last >= nregs) {
                problems.add(at + op + " " + what + " needs registers " + first + ".." + last
                        + " (cell has " + count(nregs, "register") + ")");
            }
        }

        private void windows(String at, Opcode op, long a, long b, long c) {
            for (Window w : windowsOf(op, a, b, c, types, cells)) {
                window(at, op, w.what(), w.first(), w.count());
            }
        }

        /** GETFIELD's C against R[B]'s record type; SETFIELD's B against R[A]'s. */
        private void field(String at, Opcode op, long f) {
            long holder = op == Opcode.SETFIELD ? currentA : currentB;
            if (holder >= nregs) {
                return; // reported as a register problem
            }
            LirType t = cell.registers().get((int) holder);
            if (t instanceof LirType.Named n && n.name() != null) {
                Integer ti = typeIndex.get(n.name());
                if (ti != null && types.get(ti) instanceof TypeDef.RecordDef r && r.fields() != null && f >= r.fields().size()) {
                    problems.add(at + "field " + f + " out of range (record `" + r.name() + "` of register " + holder
                            + " has " + count(r.fields().size(), "field") + ")");
                }
            }
        }

        /** The current instruction's A and B operands, for the FIELD check. */
        private long currentA;
        private long currentB;
    }

    /** Registers {@code first}..{@code first + count - 1}, which an instruction reads or writes as a whole. */
    record Window(String what, long first, long count) {
    }

    /**
     * The register windows of an instruction beyond its REG operands (elements, entries, fields, parts, call
     * arguments), as far as the tables it names say; an index out of range gives none (reported on its own).
     */
    static List<Window> windowsOf(Opcode op, long a, long b, long c, List<TypeDef> types, List<CellDef> cells) {
        return switch (op) {
            case NEWLIST -> List.of(new Window("of " + count(b, "element"), a + 1, b));
            case NEWMAP -> List.of(new Window("of " + count(b, "entry"), a + 1, 2 * b));
            case NEWRECORD -> b < types.size() && types.get((int) b) instanceof TypeDef.RecordDef r && r.fields() != null
                    ? List.of(new Window("`" + r.name() + "`", a + 1, r.fields().size())) : List.of();
            case CONCAT -> List.of(new Window("of " + count(c, "part"), b, c));
            case ISTYPE -> List.of(new Window("operand", a + 1, 1));
            case CALL -> {
                CellDef callee = b < cells.size() ? cells.get((int) b) : null;
                yield callee != null && callee.params() != null
                        ? List.of(new Window("`" + callee.name() + "` with " + count(callee.params().size(), "argument"),
                                a + 1, callee.params().size()))
                        : List.of();
            }
            case INTRINSIC -> {
                Intrinsic in = Intrinsic.of((int) b);
                yield in == null ? List.of()
                        : List.of(new Window(in.lumenName() + " with " + count(in.arity(), "argument"), c, in.arity()));
            }
            default -> List.of();
        };
    }

    /**
     * The operands of the instruction at {@code pc} in the uniform view ({@link Instruction#operandA} …), the one
     * a following EXTRAARG widens widened.
     */
    static long[] operands(int[] code, int pc) {
        int word = code[pc];
        Opcode op = Opcode.of(Instruction.opcode(word));
        long[] operands = {Instruction.operandA(word), Instruction.operandB(word), Instruction.operandC(word)};
        if (op != null && op.takesExtraArg() && pc + 1 < code.length
                && Instruction.opcode(code[pc + 1]) == Opcode.EXTRAARG.ordinal()) {
            int extra = Instruction.ax(code[pc + 1]);
            int i = op.extraArgOperand() - 'a';
            operands[i] = Instruction.widen((int) operands[i], op.operandWidth(op.extraArgOperand()), extra);
        }
        return operands;
    }

    private static String fieldList(List<TypeDef.FieldDef> fields) {
        StringBuilder b = new StringBuilder();
        for (TypeDef.FieldDef f : fields) {
            b.append(b.isEmpty() ? "" : ", ").append(f.name()).append(": ").append(f.type());
        }
        return b.toString();
    }

    private static String nameOf(TypeDef t) {
        return t == null ? "null" : t.name();
    }

    static String count(long n, String noun) {
        if (n == 1) {
            return "1 " + noun;
        }
        return n + " " + (noun.endsWith("y") ? noun.substring(0, noun.length() - 1) + "ies" : noun + "s");
    }
}
