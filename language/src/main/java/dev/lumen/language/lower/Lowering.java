package dev.lumen.language.lower;

import dev.lumen.language.ast.Expr;
import dev.lumen.language.check.CellInfo;
import dev.lumen.language.check.CheckedProgram;
import dev.lumen.language.check.RecordInfo;
import dev.lumen.language.check.ToolAlias;
import dev.lumen.language.diagnostics.Code;
import dev.lumen.language.diagnostics.Diagnostic;
import dev.lumen.language.diagnostics.Diagnostics;
import dev.lumen.language.source.SourceFile;
import dev.lumen.language.source.Span;
import dev.lumen.lir.format.CellDef;
import dev.lumen.lir.format.LirModule;
import dev.lumen.lir.format.RunSettings;
import dev.lumen.lir.format.ToolDef;
import dev.lumen.lir.format.TypeDef;
import dev.lumen.runtime.mcp.McpServerManifest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lowers a checked, error-free document to an LIR module (blueprint §6–§7, §13).
 *
 * <p>The module's cells are the document's cells in document order, then one synthetic pure cell per
 * `where` constraint, named {@code Record$field}, in record and field order: its parameters are the
 * record's fields, it returns Bool. The type table is described in {@link TypeTable}. Tools, in alias
 * declaration order: one entry per native tool alias, with the grants given to it; one per granted tool of
 * an MCP alias, named {@code Alias.tool} as calls write it, in the order the grants name them.
 *
 * <p>Lowering is deterministic: the same document gives an equal module (constants in first-use order,
 * no iteration over hash-ordered collections). A cell that does not fit LIR's encoding — more than 256
 * registers (E0034), a jump over more than 32,767 instructions (E0035) — is reported as a diagnostic.
 */
public final class Lowering {
    final CheckedProgram program;
    final SourceFile file;
    final TypeTable types;
    /** The `let`s a structured-capable call may send their expected type for (tools-llm.md §4.3.1). */
    final ValidatedLets validatedLets;
    private final Map<CellInfo, Integer> cellIndex = new IdentityHashMap<>();
    private final Map<String, Integer> toolIndex = new LinkedHashMap<>();
    private final List<ToolDef> tools = new ArrayList<>();

    private Lowering(CheckedProgram program, SourceFile file) {
        this.program = program;
        this.file = file;
        this.types = new TypeTable(program);
        this.validatedLets = new ValidatedLets(program);
    }

    /**
     * The LIR module of an error-free checked document.
     *
     * @throws LoweringException when a cell exceeds an LIR limit; it carries the diagnostics
     */
    public static LirModule lower(CheckedProgram program, SourceFile file) {
        Diagnostics diagnostics = new Diagnostics();
        LirModule module = lower(program, file, RunSettings.DEFAULTS, diagnostics);
        if (module == null) {
            throw new LoweringException(diagnostics.sorted());
        }
        return module;
    }

    /**
     * The LIR module of an error-free checked document, or null when a cell exceeds an LIR limit; those
     * problems are added to {@code diagnostics}.
     */
    public static LirModule lower(CheckedProgram program, SourceFile file, RunSettings settings, Diagnostics diagnostics) {
        return new Lowering(program, file).run(settings, diagnostics);
    }

    private LirModule run(RunSettings settings, Diagnostics diagnostics) {
        List<CellInfo> cells = List.copyOf(program.symbols().cells().values());
        for (CellInfo c : cells) {
            cellIndex.put(c, cellIndex.size());
        }
        record Constraint(RecordInfo record, RecordInfo.Field field, int index) {
        }
        List<Constraint> constraints = new ArrayList<>();
        for (RecordInfo r : types.userRecords()) {
            for (RecordInfo.Field f : r.fields()) {
                if (f.constraint() != null) {
                    constraints.add(new Constraint(r, f, cells.size() + constraints.size()));
                }
            }
        }
        collectTools();

        boolean failed = false;
        List<CellDef> defs = new ArrayList<>();
        for (CellInfo c : cells) {
            try {
                defs.add(new CellLowering(this).cell(c));
            } catch (LimitExceeded e) {
                diagnostics.add(limit(e, c.decl().name().span(), "cell `" + c.name() + "`"));
                failed = true;
            }
        }
        for (Constraint k : constraints) {
            try {
                defs.add(new CellLowering(this).constraint(k.record(), k.field()));
            } catch (LimitExceeded e) {
                diagnostics.add(limit(e, k.field().constraint().span(), "the `where` constraint of `"
                        + k.record().name() + "." + k.field().name() + "`"));
                failed = true;
            }
        }
        if (failed) {
            return null;
        }
        for (RecordInfo r : types.userRecords()) {
            List<TypeDef.FieldDef> fields = new ArrayList<>();
            for (RecordInfo.Field f : r.fields()) {
                int cell = -1;
                String text = null;
                for (Constraint k : constraints) {
                    if (k.field() == f) {
                        cell = k.index();
                        text = file.text(f.constraint().span());
                    }
                }
                fields.add(new TypeDef.FieldDef(f.name(), types.lir(f.type()), cell, text));
            }
            types.defineRecord(r, fields);
        }
        return new LirModule(LirModule.VERSION, docHash(file), file.name(), types.entries(), List.copyOf(defs),
                List.copyOf(tools), settings);
    }

    private static Diagnostic limit(LimitExceeded e, Span owner, String what) {
        Diagnostic.Builder d;
        if (e.kind == LimitExceeded.Kind.REGISTERS) {
            d = Diagnostic.error(Code.E0034, owner, what + " needs more than " + Registers.LIMIT + " registers")
                    .label("too many values live at once")
                    .note("a cell has at most " + Registers.LIMIT + " registers: one per parameter and live "
                            + "binding, plus the temporaries of the expression being computed")
                    .help("split it into smaller cells, or build long lists and records in steps");
        } else if (e.kind == LimitExceeded.Kind.JUMP) {
            d = Diagnostic.error(Code.E0035, owner, what + " is too large to compile")
                    .label("a jump in this cell spans more than 32767 instructions")
                    .help("move parts of the long `if`, `for` or `match` bodies into cells of their own");
        } else {
            d = Diagnostic.error(Code.E0035, owner, what + " is too large to compile")
                    .label("more constants, fields or tools than LIR can number")
                    .help("split it into smaller cells");
        }
        if (e.at != null && e.at != Span.NONE && !e.at.equals(owner) && e.at.line() > 0) {
            d.secondary(e.at, switch (e.kind) {
                case REGISTERS -> "registers run out here";
                case JUMP -> "the jump starts here";
                case TABLE -> "this operand does not fit";
            });
        }
        return d.build();
    }

    // ---- tools -------------------------------------------------------------------------------

    private void collectTools() {
        for (ToolAlias a : program.symbols().tools().values()) {
            if (!a.isMcp()) {
                List<ToolAlias.GrantedClause> clauses = a.grants().get("");
                addTool(a.alias(), "", new ToolDef(a.alias(), a.toolId(),
                        a.manifest() == null ? null : a.manifest().version(), null, null,
                        clauses == null ? null : grants(clauses)));
            } else {
                for (Map.Entry<String, List<ToolAlias.GrantedClause>> g : a.grants().entrySet()) {
                    if (g.getKey().isEmpty()) {
                        // the server grant: an entry for the server itself, which no TOOLCALL names
                        addTool(a.alias(), "", new ToolDef(a.alias(), null, null, a.mcpServer(), null,
                                grants(g.getValue())));
                    } else {
                        addTool(a.alias(), g.getKey(), mcpTool(a, g.getKey(), grants(g.getValue())));
                    }
                }
            }
        }
    }

    private int addTool(String alias, String tool, ToolDef def) {
        int i = tools.size();
        tools.add(def);
        toolIndex.put(alias + "\u0000" + tool, i);
        return i;
    }

    /** The tool table index of a native alias ({@code tool} "") or of an MCP alias's tool. */
    int toolIndex(ToolAlias alias, String tool) {
        Integer i = toolIndex.get(alias.alias() + "\u0000" + tool);
        if (i != null) {
            return i;
        }
        // Calls need a grant, so this is only reached for a program the checker should have rejected.
        return addTool(alias.alias(), tool, alias.isMcp()
                ? mcpTool(alias, tool, null)
                : new ToolDef(alias.alias(), alias.toolId(), null, null, null, null));
    }

    /**
     * The entry of an MCP alias's tool, with the hash of the server manifest it was checked against and the tool's
     * annotations there, which decide at run time whether its calls are cached (mcp-bridge-v1.md §9.4).
     */
    private static ToolDef mcpTool(ToolAlias alias, String tool, Map<String, List<Object>> grants) {
        String manifest = alias.server().map(McpServerManifest::hash).orElse(null);
        Map<String, Boolean> annotations = alias.server().flatMap(m -> m.tools().stream()
                        .filter(t -> t.name().equals(tool)).findFirst())
                .map(t -> t.annotations().given()).filter(given -> !given.isEmpty()).orElse(null);
        return new ToolDef(alias.alias() + "." + tool, null, null, alias.mcpServer(), tool, grants, manifest,
                annotations);
    }

    private static Map<String, List<Object>> grants(List<ToolAlias.GrantedClause> clauses) {
        Map<String, List<Object>> out = new LinkedHashMap<>();
        for (ToolAlias.GrantedClause c : clauses) {
            out.computeIfAbsent(c.key(), k -> new ArrayList<>()).addAll(c.values());
        }
        Map<String, List<Object>> frozen = new LinkedHashMap<>();
        out.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
        return Collections.unmodifiableMap(frozen);
    }

    int cellIndex(CellInfo cell) {
        Integer i = cellIndex.get(cell);
        if (i == null) {
            throw new IllegalStateException("cell `" + cell.name() + "` is not in the module");
        }
        return i;
    }

    // ---- source ------------------------------------------------------------------------------

    /** "sha256:" and the hex SHA-256 of the document's UTF-8 bytes. */
    static String docHash(SourceFile file) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return "sha256:" + HexFormat.of().formatHex(sha.digest(file.text().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
