package dev.lumen.language.check;

import dev.lumen.language.ast.Expr;
import dev.lumen.language.ast.Ident;
import dev.lumen.language.ast.Pattern;
import dev.lumen.language.ast.Program;
import dev.lumen.language.ast.TypeExpr;
import dev.lumen.language.types.Type;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * A checked document: the top-level symbols and, keyed by AST node identity, the type of every expression,
 * what every call, name, field access and pattern resolved to, and the type every written type denotes.
 * When the document has errors, nodes involved in an error may be missing from the maps or have
 * {@link Type#ERROR}; lowering runs only on error-free programs.
 */
public final class CheckedProgram {
    private final Program program;
    private final Symbols symbols;
    final Map<Expr, Type> types = new IdentityHashMap<>();
    final Map<Expr.Call, CallTarget> calls = new IdentityHashMap<>();
    final Map<Expr.Name, Binding> names = new IdentityHashMap<>();
    final Map<Expr.Field, FieldRef> fields = new IdentityHashMap<>();
    final Map<Ident, Binding> declarations = new IdentityHashMap<>();
    final Map<Pattern, PatternMeaning> patterns = new IdentityHashMap<>();
    final Map<TypeExpr, Type> typeExprs = new IdentityHashMap<>();

    CheckedProgram(Program program, Symbols symbols) {
        this.program = program;
        this.symbols = symbols;
    }

    public Program program() {
        return program;
    }

    public Symbols symbols() {
        return symbols;
    }

    /** The type of an expression, or null if it was never checked (e.g. inside a declaration with errors). */
    public Type typeOf(Expr e) {
        return types.get(e);
    }

    public Map<Expr, Type> expressionTypes() {
        return Collections.unmodifiableMap(types);
    }

    public CallTarget callTarget(Expr.Call call) {
        return calls.get(call);
    }

    public Map<Expr.Call, CallTarget> callTargets() {
        return Collections.unmodifiableMap(calls);
    }

    /** The local binding a name expression reads, or null (unknown names, enum/record names). */
    public Binding binding(Expr.Name name) {
        return names.get(name);
    }

    public Map<Expr.Name, Binding> bindings() {
        return Collections.unmodifiableMap(names);
    }

    /** The binding a declaring identifier introduces (param, let, for variable, pattern name), or null. */
    public Binding declaredBy(Ident ident) {
        return declarations.get(ident);
    }

    /** What `x.f` resolved to: a record field or an enum variant. */
    public FieldRef field(Expr.Field access) {
        return fields.get(access);
    }

    public Map<Expr.Field, FieldRef> fieldRefs() {
        return Collections.unmodifiableMap(fields);
    }

    public PatternMeaning pattern(Pattern p) {
        return patterns.get(p);
    }

    /** The type a written type denotes (annotations, `expect schema T`, `schema T`, typed patterns). */
    public Type type(TypeExpr t) {
        return typeExprs.get(t);
    }

    public CellInfo cell(String name) {
        return symbols.cell(name);
    }
}
