package dev.lumen.lir.format;

import dev.lumen.runtime.json.CanonicalJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Human-readable listings of LIR modules, in the style of {@code luac -l}: a header per cell, one line
 * per instruction (pc, source line, opcode, operands in their format's order, and a comment that
 * resolves constants, jump targets, fields, callees, intrinsics, tools and types), then the cell's
 * constants and registers. Program counters are 0-based, as in the verifier's and the interpreter's
 * messages. Listings are deterministic and never fail: an out-of-range operand shows as {@code ?}.
 *
 * <pre>
 * cell total(items: list[Int]) -> Int  ; 9 instructions, 6 registers, 1 constant
 *   0  [3]  LOADINT    1 0
 *   1  [4]  LEN        2 0 0
 *   ...
 *   5  [5]  JMP        0 -4     ; to 2
 * </pre>
 */
public final class Disassembler {

    private static final int COMMENT_PREVIEW = 48;

    private Disassembler() {
    }

    /** The whole module: a header, the type and tool tables, then every cell's listing. */
    public static String listing(LirModule module) {
        StringBuilder out = new StringBuilder(4096);
        List<TypeDef> types = nz(module.types());
        List<CellDef> cells = nz(module.cells());
        List<ToolDef> tools = nz(module.tools());
        out.append("; LIR ").append(module.version()).append("  source ").append(module.source())
                .append("  doc ").append(module.docHash()).append('\n');
        out.append("; ").append(count(types.size(), "type")).append(", ").append(count(cells.size(), "cell"))
                .append(", ").append(count(tools.size(), "tool")).append('\n');
        if (!types.isEmpty()) {
            out.append('\n');
            for (int i = 0; i < types.size(); i++) {
                type(module, i, out);
            }
        }
        if (!tools.isEmpty()) {
            out.append('\n');
            for (int i = 0; i < tools.size(); i++) {
                tool(tools.get(i), i, out);
            }
        }
        for (int i = 0; i < cells.size(); i++) {
            out.append('\n');
            cell(module, i, out);
        }
        return out.toString();
    }

    /** The listing of cell {@code index} alone: header, instructions, constants, registers. */
    public static String cell(LirModule module, int index) {
        StringBuilder out = new StringBuilder(1024);
        cell(module, index, out);
        return out.toString();
    }

    /**
     * The cell's opcodes in order (EXTRAARG included), for tests that assert the instruction sequence
     * emitted for a snippet, e.g. {@code [LOADINT, LOADK, ADD, RETURN]}.
     */
    public static List<String> opcodes(CellDef cell) {
        List<String> names = new ArrayList<>(cell.code().length);
        for (int word : cell.code()) {
            Opcode op = Opcode.of(Instruction.opcode(word));
            names.add(op == null ? "?" + Instruction.opcode(word) : op.name());
        }
        return names;
    }

    /** Renders one instruction of {@code cell} as its listing line would show it, without pc and line. */
    public static String instruction(LirModule module, CellDef cell, int pc) {
        String[] parts = parts(module, cell, pc);
        return parts[2].isEmpty() ? parts[0] + " " + parts[1] : parts[0] + " " + parts[1] + " ; " + parts[2];
    }

    // ============================================================================================ tables

    private static void type(LirModule module, int i, StringBuilder out) {
        TypeDef t = module.types().get(i);
        switch (t) {
            case null -> out.append("type ").append(i).append(" ?\n");
            case TypeDef.RecordDef r -> {
                out.append("type ").append(i).append(" record ").append(r.name()).append('\n');
                List<TypeDef.FieldDef> fields = nz(r.fields());
                for (int f = 0; f < fields.size(); f++) {
                    TypeDef.FieldDef fd = fields.get(f);
                    out.append("  ").append(f).append("  ").append(fd.name()).append(": ").append(fd.type());
                    if (fd.constraintCell() >= 0) {
                        out.append("  where ").append(fd.constraint() == null ? "?" : fd.constraint())
                                .append("  ; cell ").append(fd.constraintCell());
                        String name = cellName(module, fd.constraintCell());
                        if (name != null) {
                            out.append(" `").append(name).append('`');
                        }
                    }
                    out.append('\n');
                }
            }
            case TypeDef.EnumDef e -> out.append("type ").append(i).append(" enum ").append(e.name()).append(" { ")
                    .append(String.join(", ", nz(e.variants()).stream().map(String::valueOf).toList())).append(" }\n");
            case TypeDef.AliasDef a -> out.append("type ").append(i).append(" alias ").append(a.name())
                    .append(a.type() != null && a.type().toString().equals(a.name()) ? "" : " = " + a.type()).append('\n');
        }
    }

    private static void tool(ToolDef t, int i, StringBuilder out) {
        if (t == null) {
            out.append("tool ").append(i).append(" ?\n");
            return;
        }
        out.append("tool ").append(i).append(' ').append(t.alias()).append(" = ");
        if (t.toolId() != null) {
            out.append(t.toolId()).append(' ').append(t.version());
        } else {
            out.append("mcp ").append(quote(String.valueOf(t.mcpServer()))).append(' ').append(t.mcpTool());
        }
        out.append('\n');
        if (t.grants() != null) {
            Map<String, List<Object>> sorted = new TreeMap<>();
            t.grants().forEach((k, v) -> sorted.put(String.valueOf(k), v));
            for (Map.Entry<String, List<Object>> g : sorted.entrySet()) {
                out.append("  grant ").append(g.getKey());
                for (Object v : nz(g.getValue())) {
                    out.append(' ').append(v instanceof String s ? quote(s) : String.valueOf(v));
                }
                out.append('\n');
            }
        }
    }

    // ============================================================================================= cells

    private static void cell(LirModule module, int index, StringBuilder out) {
        CellDef cell = module.cells().get(index);
        if (cell == null) {
            out.append("cell ").append(index).append(" ?\n");
            return;
        }
        int[] code = cell.code() == null ? new int[0] : cell.code();
        List<LirType> registers = nz(cell.registers());
        List<Constant> constants = nz(cell.constants());
        List<CellDef.ParamDef> params = nz(cell.params());
        DebugInfo debug = cell.debug() == null || cell.debug().statements() == null || cell.debug().locals() == null
                ? DebugInfo.NONE : cell.debug();
        out.append("cell ").append(cell.name()).append('(');
        for (int i = 0; i < params.size(); i++) {
            CellDef.ParamDef p = params.get(i);
            out.append(i > 0 ? ", " : "").append(p == null ? "?" : p.name() + ": " + p.type());
        }
        out.append(") -> ").append(cell.returns()).append("  ; ").append(count(code.length, "instruction"))
                .append(", ").append(count(registers.size(), "register")).append(", ")
                .append(count(constants.size(), "constant")).append('\n');

        String[][] rows = new String[code.length][];
        int pcWidth = Integer.toString(Math.max(0, code.length - 1)).length();
        int lineWidth = 0;
        int opWidth = 0;
        int operandWidth = 0;
        for (int pc = 0; pc < code.length; pc++) {
            String[] parts = parts(module, cell, pc);
            String line = cell.lines() != null && pc < cell.lines().length && cell.lines()[pc] > 0
                    ? "[" + cell.lines()[pc] + "]" : "[-]";
            rows[pc] = new String[] {line, parts[0], parts[1], parts[2]};
            lineWidth = Math.max(lineWidth, line.length());
            opWidth = Math.max(opWidth, parts[0].length());
            operandWidth = Math.max(operandWidth, parts[1].length());
        }
        for (int pc = 0; pc < code.length; pc++) {
            String[] r = rows[pc];
            StringBuilder line = new StringBuilder(80);
            line.append("  ").append(pad(Integer.toString(pc), pcWidth, true)).append("  ")
                    .append(pad(r[0], lineWidth, false)).append("  ").append(pad(r[1], opWidth, false)).append("  ")
                    .append(pad(r[2], operandWidth, false));
            if (!r[3].isEmpty()) {
                line.append("  ; ").append(r[3]);
            }
            out.append(stripTrailing(line)).append('\n');
        }
        if (!constants.isEmpty()) {
            out.append("constants (").append(constants.size()).append("):\n");
            int w = Integer.toString(constants.size() - 1).length();
            for (int k = 0; k < constants.size(); k++) {
                Constant c = constants.get(k);
                out.append("  ").append(pad(Integer.toString(k), w, true)).append("  ").append(constantKind(c))
                        .append("  ").append(constant(module, c, Integer.MAX_VALUE)).append('\n');
            }
        }
        if (!registers.isEmpty()) {
            out.append("registers (").append(registers.size()).append("):\n");
            int w = Integer.toString(registers.size() - 1).length();
            for (int r = 0; r < registers.size(); r++) {
                StringBuilder line = new StringBuilder();
                line.append("  ").append(pad(Integer.toString(r), w, true)).append("  ").append(registers.get(r));
                List<String> names = new ArrayList<>();
                if (r < params.size() && params.get(r) != null) {
                    names.add(params.get(r).name());
                }
                for (DebugInfo.Local l : debug.locals()) {
                    if (l != null && l.register() == r) {
                        names.add(l.name() + " (pc " + l.from() + ".." + l.to() + ")");
                    }
                }
                if (!names.isEmpty()) {
                    line.append("  ; ").append(String.join(", ", names));
                }
                out.append(line).append('\n');
            }
        }
        if (!debug.statements().isEmpty()) {
            out.append("statements (").append(debug.statements().size()).append("):\n");
            for (DebugInfo.Statement st : debug.statements()) {
                out.append("  ").append(pad(st == null ? "?" : Integer.toString(st.pc()), pcWidth, true)).append("  ")
                        .append(st == null || st.span() == null ? "?" : span(st.span())).append('\n');
            }
        }
    }

    private static String span(DebugInfo.Span s) {
        return s.line() + ":" + s.column() + "-" + s.endLine() + ":" + s.endColumn();
    }

    /** Opcode name, operand text and comment of the instruction at {@code pc}. */
    private static String[] parts(LirModule module, CellDef cell, int pc) {
        int[] code = cell.code();
        int word = code[pc];
        Opcode op = Opcode.of(Instruction.opcode(word));
        if (op == null) {
            return new String[] {"?" + Instruction.opcode(word),
                    Instruction.a(word) + " " + Instruction.b(word) + " " + Instruction.c(word), "unknown opcode"};
        }
        int a = Instruction.operandA(word);
        int b = Instruction.operandB(word);
        int c = Instruction.operandC(word);
        // Only the operands the opcode uses: `MOVE 6 8`, not `MOVE 6 8 0`.
        StringBuilder shown = new StringBuilder();
        Opcode.Operand[] kinds = {op.a(), op.b(), op.c()};
        int[] values = {a, b, c};
        for (int k = 0; k < 3; k++) {
            if (kinds[k] != Opcode.Operand.NONE) {
                shown.append(shown.isEmpty() ? "" : " ").append(values[k]);
            }
        }
        String operands = shown.toString();
        long wa = a;
        long wb = b;
        long wc = c;
        boolean widened = false;
        if (op.takesExtraArg() && pc + 1 < code.length && Instruction.opcode(code[pc + 1]) == Opcode.EXTRAARG.ordinal()) {
            int extra = Instruction.ax(code[pc + 1]);
            widened = true;
            switch (op.extraArgOperand()) {
                case 'a' -> wa = Instruction.widen(a, op.operandWidth('a'), extra);
                case 'b' -> wb = Instruction.widen(b, op.operandWidth('b'), extra);
                case 'c' -> wc = Instruction.widen(c, op.operandWidth('c'), extra);
                default -> {
                }
            }
        }
        String comment = comment(module, cell, pc, op, wa, wb, wc);
        if (widened) {
            comment = (comment.isEmpty() ? "" : comment + " ") + "(operand " + op.extraArgOperand() + " = "
                    + (op.extraArgOperand() == 'b' ? wb : op.extraArgOperand() == 'c' ? wc : wa) + " with EXTRAARG)";
        }
        return new String[] {op.name(), operands, comment};
    }

    private static String comment(LirModule module, CellDef cell, int pc, Opcode op, long a, long b, long c) {
        return switch (op) {
            case LOADK -> b < nz(cell.constants()).size()
                    ? constant(module, cell.constants().get((int) b), COMMENT_PREVIEW) : "?";
            case LOADBOOL -> b == 0 ? "false" : "true";
            case NEWRECORD, ISTYPE, SCHEMA, VALIDATE -> typeName(module, b);
            case GETFIELD -> fieldName(module, cell, b, c);
            case SETFIELD -> fieldName(module, cell, a, b);
            case JMP, JMPIF, JMPIFNOT -> "to " + (pc + 1 + b);
            case CALL -> {
                String name = cellName(module, b);
                yield name == null ? "?" : name;
            }
            case INTRINSIC -> {
                Intrinsic in = Intrinsic.of((int) b);
                yield in == null ? "?" : in.lumenName();
            }
            case TOOLCALL, TOOLSTART -> b < nz(module.tools()).size() && module.tools().get((int) b) != null
                    ? module.tools().get((int) b).alias() : "?";
            default -> "";
        };
    }

    private static String typeName(LirModule module, long index) {
        List<TypeDef> types = nz(module.types());
        return index < types.size() && types.get((int) index) != null ? types.get((int) index).name() : "?";
    }

    private static String cellName(LirModule module, long index) {
        List<CellDef> cells = nz(module.cells());
        return index >= 0 && index < cells.size() && cells.get((int) index) != null ? cells.get((int) index).name() : null;
    }

    /** {@code .name} of field {@code f} of the record type of register {@code holder}, or {@code .#f}. */
    private static String fieldName(LirModule module, CellDef cell, long holder, long f) {
        List<LirType> registers = nz(cell.registers());
        if (holder < registers.size() && registers.get((int) holder) instanceof LirType.Named n) {
            for (TypeDef t : nz(module.types())) {
                if (t instanceof TypeDef.RecordDef r && r.name() != null && r.name().equals(n.name())) {
                    List<TypeDef.FieldDef> fields = nz(r.fields());
                    return f < fields.size() && fields.get((int) f) != null ? "." + fields.get((int) f).name() : "." + f + "?";
                }
            }
        }
        return ".#" + f;
    }

    // ========================================================================================== constants

    private static String constantKind(Constant c) {
        return switch (c) {
            case null -> "?     ";
            case Constant.IntConst i -> "int   ";
            case Constant.FloatConst f -> "float ";
            case Constant.StringConst s -> "string";
            case Constant.EnumConst e -> "enum  ";
        };
    }

    /** A constant as Lumen source would write it; strings longer than {@code max} are shortened. */
    static String constant(LirModule module, Constant c, int max) {
        return switch (c) {
            case null -> "?";
            case Constant.IntConst i -> Long.toString(i.value());
            case Constant.FloatConst f -> floatText(f.value());
            case Constant.StringConst s -> {
                String v = s.value() == null ? "?" : s.value();
                yield v.length() > max ? quote(v.substring(0, max)) + "..." : quote(v);
            }
            case Constant.EnumConst e -> {
                List<TypeDef> types = nz(module.types());
                if (e.type() >= 0 && e.type() < types.size() && types.get(e.type()) instanceof TypeDef.EnumDef en
                        && en.variants() != null && e.ordinal() >= 0 && e.ordinal() < en.variants().size()) {
                    yield en.name() + "." + en.variants().get(e.ordinal());
                }
                yield "enum(" + e.type() + ", " + e.ordinal() + ")?";
            }
        };
    }

    /** A Float as text that reads as a Float: {@code 3.0}, {@code 1.5}, {@code 1e+21}, {@code -0.0}, {@code NaN}. */
    static String floatText(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == 0) {
            return Double.doubleToRawLongBits(d) == 0 ? "0.0" : "-0.0";
        }
        String s = CanonicalJson.number(d);
        return s.indexOf('.') < 0 && s.indexOf('e') < 0 ? s + ".0" : s;
    }

    /** A string literal for listings: JSON escaping, and lone surrogates as {@code \\uXXXX} rather than an error. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    boolean pairedHigh = Character.isHighSurrogate(ch) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
                    boolean pairedLow = Character.isLowSurrogate(ch) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
                    if (ch < 0x20 || ch == 0x7F || (Character.isSurrogate(ch) && !pairedHigh && !pairedLow)) {
                        b.append(String.format("\\u%04x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    // ============================================================================================ helpers

    private static <T> List<T> nz(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static String pad(String s, int width, boolean right) {
        if (s.length() >= width) {
            return s;
        }
        String spaces = " ".repeat(width - s.length());
        return right ? spaces + s : s + spaces;
    }

    private static String stripTrailing(StringBuilder b) {
        int end = b.length();
        while (end > 0 && b.charAt(end - 1) == ' ') {
            end--;
        }
        return b.substring(0, end);
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
