package dev.lumen.language.semantic;

import dev.lumen.language.ast.Block;
import dev.lumen.language.ast.Decl;
import dev.lumen.language.ast.Expr;
import dev.lumen.language.ast.Ident;
import dev.lumen.language.ast.Pattern;
import dev.lumen.language.ast.Stmt;
import dev.lumen.language.ast.TypeExpr;
import dev.lumen.language.check.Binding;
import dev.lumen.language.check.CallTarget;
import dev.lumen.language.check.CellInfo;
import dev.lumen.language.check.CheckedProgram;
import dev.lumen.language.check.EnumInfo;
import dev.lumen.language.check.FieldRef;
import dev.lumen.language.check.PatternMeaning;
import dev.lumen.language.check.RecordInfo;
import dev.lumen.language.check.Symbols;
import dev.lumen.language.check.ToolAlias;
import dev.lumen.language.source.Span;
import dev.lumen.language.types.EnumType;
import dev.lumen.language.types.RecordType;
import dev.lumen.language.types.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds a {@link SemanticModel} from a checked program: one walk over the tree that reads what the checker
 * recorded (what each name, call, field access and pattern resolved to, and each expression's type) and
 * turns it into symbols, their occurrences and where each local binding is visible. The checker is not asked
 * anything new, so this stays out of its way.
 */
final class SemanticIndexer {
    private final CheckedProgram checked;
    private final Symbols symbols;
    /** Symbols defined by a declaring identifier, by that identifier's identity. */
    private final Map<Ident, Symbol> byIdent = new IdentityHashMap<>();
    /** Symbols found by name: "field:R.f", "variant:E.V", "type:String", "fn:length", "mcp:A.t", "input:A.t.x". */
    private final Map<String, Symbol> byKey = new ConcurrentHashMap<>();
    /** The first declaration of each top-level name, the one uses resolve to. */
    private final Map<String, Symbol> topLevel = new LinkedHashMap<>();
    /** Every top-level declaration's symbol, redefinitions included, in document order. */
    private final List<Symbol> declared = new ArrayList<>();
    // What the walk of one declaration finds.
    private final List<Occurrence> occurrences = new ArrayList<>();
    private final List<SemanticModel.TypedExpression> expressions = new ArrayList<>();
    private final List<SemanticModel.Visibility> visibility = new ArrayList<>();
    /** The cell being walked, whose name local symbols carry as their container. */
    private String cell;

    /** Declares every top-level name, field and variant; bodies are walked one by one, by {@link #slice}. */
    SemanticIndexer(CheckedProgram checked) {
        this.checked = checked;
        this.symbols = checked.symbols();
        for (Decl d : checked.program().decls()) {
            declare(d);
        }
    }

    Map<String, Symbol> topLevel() {
        return topLevel;
    }

    Map<String, Symbol> byKey() {
        return byKey;
    }

    List<Symbol> declared() {
        return declared;
    }

    /** Walks one declaration: its occurrences, typed expressions and bindings' regions. Not thread-safe. */
    SemanticModel.Slice slice(Decl d) {
        occurrences.clear();
        expressions.clear();
        visibility.clear();
        definitions(d);
        walk(d);
        return new SemanticModel.Slice(occurrences, expressions, visibility);
    }

    /** The defining occurrences of what {@code d} declares at the top level: its name, fields and variants. */
    private void definitions(Decl d) {
        if (d.name() != null) {
            occur(d.name().span(), byIdent.get(d.name()), true);
        }
        switch (d) {
            case Decl.Record r -> r.fields().forEach(f -> occur(f.name().span(), byIdent.get(f.name()), true));
            case Decl.Enum e -> e.variants().forEach(v -> occur(v.span(), byIdent.get(v), true));
            default -> {
            }
        }
    }

    // ---- top-level declarations --------------------------------------------------------------

    private void declare(Decl d) {
        Ident name = d.name();
        if (name == null || name.name().isEmpty()) {
            return;
        }
        String n = name.name();
        switch (d) {
            case Decl.Record r -> {
                RecordInfo info = symbols.record(n);
                boolean first = info != null && info.decl() == r;
                topLevel(SymbolKind.RECORD, name, first ? info.type() : null, first ? info : r, first);
                for (Decl.Field f : r.fields()) {
                    RecordInfo.Field field = first ? field(info, f) : null;
                    Symbol s = define(SymbolKind.FIELD, f.name(), n, field == null ? null : field.type(),
                            field == null ? f : field);
                    if (field != null) {
                        byKey.putIfAbsent("field:" + n + "." + f.name().name(), s);
                    }
                }
            }
            case Decl.Enum e -> {
                EnumInfo info = symbols.enumeration(n);
                boolean first = info != null && info.decl() == e;
                topLevel(SymbolKind.ENUM, name, first ? info.type() : null, first ? info : e, first);
                for (Ident v : e.variants()) {
                    Symbol s = define(SymbolKind.VARIANT, v, n, first ? info.type() : null, first ? info : e);
                    if (first) {
                        byKey.putIfAbsent("variant:" + n + "." + v.name(), s);
                    }
                }
            }
            case Decl.Cell c -> {
                CellInfo info = symbols.cell(n);
                boolean first = info != null && info.decl() == c;
                topLevel(SymbolKind.CELL, name, first ? info.returnType() : null, first ? info : c, first);
                // Declared with the cell: named arguments elsewhere refer to them.
                for (Decl.Param p : c.params()) {
                    Binding b = checked.declaredBy(p.name());
                    if (!p.name().name().isEmpty()) {
                        define(SymbolKind.PARAMETER, p.name(), n, b == null ? null : b.type(), b);
                    }
                }
            }
            case Decl.UseTool u -> {
                ToolAlias info = symbols.tool(n);
                boolean first = info != null && info.decl() == u;
                topLevel(SymbolKind.TOOL_ALIAS, name, null, first ? info : u, first);
            }
            case Decl.Grant g -> {
            }
        }
    }

    private static RecordInfo.Field field(RecordInfo info, Decl.Field f) {
        for (RecordInfo.Field field : info.fields()) {
            if (field.decl() == f) {
                return field;
            }
        }
        return null;
    }

    private Symbol topLevel(SymbolKind kind, Ident name, Type type, Object origin, boolean first) {
        Symbol s = define(kind, name, null, type, origin);
        declared.add(s);
        if (first) {
            topLevel.put(name.name(), s);
        }
        return s;
    }

    /** A symbol defined at {@code name}. */
    private Symbol define(SymbolKind kind, Ident name, String container, Type type, Object origin) {
        Symbol s = new Symbol(kind, name.name(), name.span(), container, type, origin);
        byIdent.put(name, s);
        return s;
    }

    /** Records an occurrence; one written twice (an assignment's target is resolved twice) is dropped by the model. */
    private void occur(Span span, Symbol s, boolean definition) {
        if (s != null && span != null && span.line() > 0) {
            occurrences.add(new Occurrence(span, s, definition));
        }
    }

    private void use(Ident at, Symbol s) {
        if (at != null) {
            occur(at.span(), s, false);
        }
    }

    // ---- bodies ------------------------------------------------------------------------------

    private void walk(Decl d) {
        switch (d) {
            case Decl.Record r -> {
                for (Decl.Field f : r.fields()) {
                    type(f.type());
                    if (f.constraint() != null) {
                        expr(f.constraint());
                    }
                    Symbol s = byIdent.get(f.name());
                    if (s != null && s.origin instanceof RecordInfo.Field) {
                        // Inside `where`, the record's fields are in scope by name.
                        visibility.add(new SemanticModel.Visibility(s, r.span()));
                    }
                }
            }
            case Decl.Cell c -> cell(c);
            case Decl.Grant g -> {
                Symbol alias = topLevelOf(g.alias().name(), SymbolKind.TOOL_ALIAS);
                use(g.alias(), alias);
                if (g.tool() != null && alias != null && alias.origin instanceof ToolAlias t && t.isMcp()) {
                    use(g.tool(), mcpTool(t, g.tool().name()));
                }
            }
            case Decl.Enum e -> {
            }
            case Decl.UseTool u -> {
            }
        }
    }

    private void cell(Decl.Cell c) {
        cell = c.name().name();
        Span whole = c.span();
        for (Decl.Param p : c.params()) {
            type(p.type());
            Symbol s = byIdent.get(p.name());
            if (s != null) {
                occur(p.name().span(), s, true);
                visibility.add(new SemanticModel.Visibility(s, region(c.name().span(), whole)));
            }
        }
        type(c.returns());
        statements(c.body().statements(), whole);
        cell = null;
    }

    /** The region from the end of {@code from} to the end of {@code to}. */
    private static Span region(Span from, Span to) {
        return new Span(from.endLine(), from.endColumn(), to.endLine(), to.endColumn());
    }

    /** The region from the end of {@code from} to the start of {@code to}. */
    private static Span regionBefore(Span from, Span to) {
        return new Span(from.endLine(), from.endColumn(), to.line(), to.column());
    }

    private void local(SymbolKind kind, Ident name, Binding b, Span visible) {
        if (name == null || name.name().equals("_") || name.name().isEmpty()) {
            return;
        }
        Symbol s = define(kind, name, cell, b == null ? null : b.type(), b);
        occur(name.span(), s, true);
        visibility.add(new SemanticModel.Visibility(s, visible));
    }

    /** Statements of a block whose scope ends at the end of {@code scopeEnd}. */
    private void statements(List<Stmt> statements, Span scopeEnd) {
        for (Stmt s : statements) {
            statement(s, scopeEnd);
        }
    }

    private void statement(Stmt s, Span scopeEnd) {
        switch (s) {
            case Stmt.Let l -> {
                type(l.type());
                expr(l.value());
                local(SymbolKind.LET, l.name(), checked.declaredBy(l.name()), region(l.span(), scopeEnd));
            }
            case Stmt.Assign a -> {
                expr(a.target());
                expr(a.value());
            }
            case Stmt.If i -> ifStatement(i);
            case Stmt.For f -> {
                expr(f.iterable());
                Span visible = region(f.iterable().span(), f.span());
                local(SymbolKind.LOOP_VARIABLE, f.item(), checked.declaredBy(f.item()), visible);
                local(SymbolKind.LOOP_VARIABLE, f.value(), f.value() == null ? null : checked.declaredBy(f.value()),
                        visible);
                block(f.body(), f.span());
            }
            case Stmt.Match m -> {
                expr(m.scrutinee());
                List<Stmt.Arm> arms = m.arms();
                for (int k = 0; k < arms.size(); k++) {
                    Stmt.Arm arm = arms.get(k);
                    Span end = k + 1 < arms.size() ? startOf(arms.get(k + 1).span()) : m.span();
                    pattern(arm.pattern(), region(arm.pattern().span(), end));
                    statements(arm.body().statements(), end);
                }
            }
            case Stmt.Return r -> expr(r.value());
            case Stmt.Halt h -> expr(h.message());
            case Stmt.ExprStmt e -> expr(e.expr());
            case Stmt.Parallel p -> p.lets().forEach(l -> statement(l, scopeEnd));
        }
    }

    private void ifStatement(Stmt.If i) {
        List<Stmt.Branch> branches = i.branches();
        for (int k = 0; k < branches.size(); k++) {
            Stmt.Branch b = branches.get(k);
            expr(b.condition());
            Span end = k + 1 < branches.size() ? startOf(branches.get(k + 1).condition().span())
                    : i.otherwise() != null ? startOf(i.otherwise().span()) : i.span();
            block(b.body(), end);
        }
        if (i.otherwise() != null) {
            block(i.otherwise(), i.span());
        }
    }

    private void block(Block b, Span scopeEnd) {
        if (b != null) {
            statements(b.statements(), scopeEnd);
        }
    }

    /** An empty span at the start of {@code s}, for scopes that end where the next branch starts. */
    private static Span startOf(Span s) {
        return new Span(s.line(), s.column(), s.line(), s.column());
    }

    // ---- patterns ----------------------------------------------------------------------------

    private void pattern(Pattern p, Span visible) {
        if (p == null) {
            return;
        }
        switch (p) {
            case Pattern.Wildcard w -> {
            }
            case Pattern.Name n -> {
                PatternMeaning meaning = checked.pattern(p);
                if (meaning instanceof PatternMeaning.Variant v) {
                    use(n.name(), variant(v.type(), v.variant()));
                } else if (meaning instanceof PatternMeaning.Bind bind) {
                    local(SymbolKind.PATTERN_BINDING, n.name(), bind.binding(), visible);
                } else if (checked.declaredBy(n.name()) != null) {
                    local(SymbolKind.PATTERN_BINDING, n.name(), checked.declaredBy(n.name()), visible);
                }
            }
            case Pattern.Literal l -> expr(l.value());
            case Pattern.Variant v -> {
                Symbol e = topLevelOf(v.enumName().name(), SymbolKind.ENUM);
                use(v.enumName(), e);
                if (e != null && e.type() instanceof EnumType type) {
                    use(v.variant(), variant(type, v.variant().name()));
                }
            }
            case Pattern.Result r -> pattern(r.inner(), visible);
            case Pattern.Typed t -> {
                type(t.type());
                local(SymbolKind.PATTERN_BINDING, t.name(), checked.declaredBy(t.name()), visible);
            }
        }
    }

    // ---- expressions -------------------------------------------------------------------------

    private void expr(Expr e) {
        if (e == null) {
            return;
        }
        Type t = checked.typeOf(e);
        if (t != null && !t.isError()) {
            expressions.add(new SemanticModel.TypedExpression(e.span(), t));
        }
        switch (e) {
            case Expr.Str s -> str(s);
            case Expr.Name n -> {
                Binding b = checked.binding(n);
                if (b != null) {
                    use(n.name(), byIdent.get(b.ident()));
                }
            }
            case Expr.ListLit l -> l.elements().forEach(this::expr);
            case Expr.MapLit m -> m.entries().forEach(x -> {
                expr(x.key());
                expr(x.value());
            });
            case Expr.RecordLit r -> recordLiteral(r);
            case Expr.Binary b -> {
                expr(b.left());
                expr(b.right());
            }
            case Expr.Unary u -> expr(u.operand());
            case Expr.Call c -> call(c);
            case Expr.Index i -> {
                expr(i.target());
                expr(i.index());
            }
            case Expr.Field f -> fieldAccess(f);
            case Expr.Expect x -> {
                expr(x.value());
                type(x.schema());
            }
            case Expr.SchemaRef s -> type(s.type());
            case Expr.Repair r -> {
                type(r.schema());
                expr(r.value());
                expr(r.errors());
                if (checked.symbols().tools().containsKey(r.via().name())) {
                    use(r.via(), topLevelOf(r.via().name(), SymbolKind.TOOL_ALIAS));
                }
            }
            case Expr.Role r -> {
                if (r.text() != null) {
                    expr(r.text());
                }
                expr(r.inline());
            }
            case Expr.IntLit i -> {
            }
            case Expr.FloatLit f -> {
            }
            case Expr.BoolLit b -> {
            }
            case Expr.NullLit n -> {
            }
            case Expr.Error x -> {
            }
        }
    }

    private void str(Expr.Str s) {
        for (Expr.StrPart part : s.parts()) {
            if (part instanceof Expr.Interp i) {
                expr(i.expr());
            }
        }
    }

    private void fieldAccess(Expr.Field f) {
        FieldRef ref = checked.field(f);
        switch (ref) {
            case FieldRef.EnumVariant v when f.target() instanceof Expr.Name n && checked.binding(n) == null -> {
                use(n.name(), topLevelOf(n.name().name(), SymbolKind.ENUM));
                expressions.add(new SemanticModel.TypedExpression(n.span(), v.type()));
                use(f.field(), variant(v.type(), v.variant()));
            }
            case FieldRef.RecordField r -> {
                expr(f.target());
                use(f.field(), field(r.record(), r.field()));
            }
            case null, default -> expr(f.target());
        }
    }

    private void recordLiteral(Expr.RecordLit r) {
        String name = r.type().name();
        Symbol record = topLevelOf(name, SymbolKind.RECORD);
        RecordType type = record != null && record.type() instanceof RecordType rt ? rt : builtinRecord(name);
        use(r.type(), record != null ? record : type == null ? null : builtinType(name, type));
        for (Expr.FieldInit f : r.fields()) {
            if (type != null && type.fields().containsKey(f.name().name())) {
                use(f.name(), field(type, f.name().name()));
            }
            expr(f.value());
        }
    }

    private void call(Expr.Call c) {
        CallTarget target = checked.callTarget(c);
        switch (target) {
            case CallTarget.Cell cellTarget -> {
                Symbol s = topLevelOf(cellTarget.cell().name(), SymbolKind.CELL);
                use(callee(c), s);
                for (Expr.Arg a : c.args()) {
                    if (a.name() != null) {
                        use(a.name(), parameter(cellTarget.cell(), a.name().name()));
                    }
                }
            }
            case CallTarget.Intrinsic in -> use(callee(c), builtinFunction(in.intrinsic().name()));
            case CallTarget.ResultConstructor r -> use(callee(c), builtinFunction(r.ok() ? "ok" : "err"));
            case CallTarget.Tool t -> {
                use(callee(c), topLevelOf(t.alias().alias(), SymbolKind.TOOL_ALIAS));
                for (Expr.Arg a : c.args()) {
                    if (a.name() != null && t.alias().signature() != null) {
                        use(a.name(), toolInput(t.alias(), null, a.name().name(),
                                t.alias().signature().inputs().get(a.name().name())));
                    }
                }
            }
            case CallTarget.McpTool m -> {
                if (c.callee() instanceof Expr.Field f && f.target() instanceof Expr.Name alias) {
                    use(alias.name(), topLevelOf(m.alias().alias(), SymbolKind.TOOL_ALIAS));
                    use(f.field(), mcpTool(m.alias(), m.tool()));
                }
                for (Expr.Arg a : c.args()) {
                    if (a.name() != null) {
                        use(a.name(), toolInput(m.alias(), m.tool(), a.name().name(), null));
                    }
                }
            }
            case null -> {
                if (!(c.callee() instanceof Expr.Name)) {
                    expr(c.callee());
                }
            }
        }
        for (Expr.Arg a : c.args()) {
            expr(a.value());
        }
    }

    private static Ident callee(Expr.Call c) {
        return c.callee() instanceof Expr.Name n ? n.name() : null;
    }

    // ---- types -------------------------------------------------------------------------------

    private void type(TypeExpr t) {
        if (t == null) {
            return;
        }
        switch (t) {
            case TypeExpr.Named n -> {
                String name = n.name().name();
                Symbol s = topLevel.get(name);
                if (s != null && (s.kind() == SymbolKind.RECORD || s.kind() == SymbolKind.ENUM)) {
                    use(n.name(), s);
                } else {
                    Type resolved = checked.type(t);
                    if (resolved != null && !resolved.isError() && !(resolved instanceof EnumType)
                            && !(resolved instanceof RecordType r && r.kind() == RecordType.Kind.USER)) {
                        use(n.name(), builtinType(name, resolved));
                    }
                }
            }
            case TypeExpr.ListOf l -> type(l.element());
            case TypeExpr.MapOf m -> {
                type(m.key());
                type(m.value());
            }
            case TypeExpr.Result r -> {
                type(r.ok());
                type(r.err());
            }
            case TypeExpr.Union u -> u.members().forEach(this::type);
        }
    }

    // ---- symbols found by name ---------------------------------------------------------------

    private Symbol topLevelOf(String name, SymbolKind kind) {
        Symbol s = topLevel.get(name);
        return s != null && s.kind() == kind ? s : null;
    }

    private Symbol variant(EnumType type, String variant) {
        return byKey.get("variant:" + type.name() + "." + variant);
    }

    /** A field of a record type: the declared one for user records, one defined outside the document otherwise. */
    private Symbol field(RecordType record, String field) {
        if (record.kind() == RecordType.Kind.USER) {
            return byKey.get("field:" + record.name() + "." + field);
        }
        return byKey.computeIfAbsent("field:" + record + "." + field, k -> new Symbol(SymbolKind.FIELD, field, null,
                record.toString(), record.fields().get(field), record));
    }

    private Symbol parameter(CellInfo cellInfo, String name) {
        for (Binding p : cellInfo.params()) {
            if (p.name().equals(name)) {
                return byIdent.get(p.ident());
            }
        }
        return null;
    }

    private Symbol builtinType(String name, Type type) {
        return byKey.computeIfAbsent("type:" + name, k -> new Symbol(SymbolKind.BUILTIN_TYPE, name, null, null, type,
                type));
    }

    private static RecordType builtinRecord(String name) {
        for (RecordType b : RecordType.BUILTINS) {
            if (b.name().equals(name)) {
                return b;
            }
        }
        return null;
    }

    private Symbol builtinFunction(String name) {
        return byKey.computeIfAbsent("fn:" + name, k -> new Symbol(SymbolKind.BUILTIN_FUNCTION, name, null, null,
                null, name));
    }

    private Symbol mcpTool(ToolAlias alias, String tool) {
        return byKey.computeIfAbsent("mcp:" + alias.alias() + "." + tool, k -> new Symbol(SymbolKind.MCP_TOOL, tool,
                null, alias.alias(), alias.mcpOutputs().get(tool), alias));
    }

    /** An input of a native tool ({@code mcpTool} null) or an argument of an MCP tool. */
    private Symbol toolInput(ToolAlias alias, String mcpTool, String input, Type type) {
        String owner = mcpTool == null ? alias.alias() : alias.alias() + "." + mcpTool;
        return byKey.computeIfAbsent("input:" + owner + "." + input, k -> new Symbol(SymbolKind.TOOL_INPUT, input,
                null, owner, type, alias));
    }
}
