package dev.lumen.language.semantic;

import dev.lumen.language.CheckedDocument;
import dev.lumen.language.ast.Decl;
import dev.lumen.language.source.Span;
import dev.lumen.language.types.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a checked document's names mean, for an editor: every definition and use of every symbol (cells,
 * records, fields, enums, variants, tool aliases, parameters, `let`, `for` and match bindings, and the
 * built-ins and tools a document uses), the type of every expression, and where each local binding can be
 * seen. Positions are 1-based Markdown lines and UTF-16 columns, as in {@link Span}.
 *
 * <p>Top-level names are declared when the model is made; each declaration's body is indexed when a question
 * first needs it, so that asking about one position after an edit costs one declaration's walk, not the
 * document's. Questions about a symbol used anywhere (its references) index the whole document. Safe to use
 * from several threads.
 */
public final class SemanticModel {

    /** An expression's span and its checked type. */
    public record TypedExpression(Span span, Type type) {
    }

    /** A binding and the region of the document where its name refers to it. */
    record Visibility(Symbol symbol, Span region) {
    }

    /** One declaration's occurrences and typed expressions in document order, and its bindings' regions. */
    record Slice(List<Occurrence> occurrences, List<TypedExpression> expressions, List<Visibility> visibility) {
        Slice {
            List<Occurrence> sorted = new ArrayList<>(occurrences);
            // The walk is almost in document order, which the sort's runs make cheap.
            sorted.sort((a, b) -> compareStart(a.span(), b.span()));
            List<Occurrence> unique = new ArrayList<>(sorted.size());
            for (Occurrence o : sorted) {
                // An assignment's target is resolved twice; its name occurs once.
                if (unique.isEmpty() || !unique.getLast().span().equals(o.span())) {
                    unique.add(o);
                }
            }
            List<TypedExpression> exprs = new ArrayList<>(expressions);
            exprs.sort((a, b) -> compareStart(a.span(), b.span()));
            occurrences = List.copyOf(unique);
            expressions = List.copyOf(exprs);
            visibility = List.copyOf(visibility);
        }
    }

    private final CheckedDocument document;
    private final List<Decl> decls;
    private final SemanticIndexer index;
    private final Slice[] slices;
    private final Map<String, Symbol> topLevel;

    private SemanticModel(CheckedDocument document) {
        this.document = document;
        this.decls = document.program().program().decls();
        this.index = new SemanticIndexer(document.program());
        this.slices = new Slice[decls.size()];
        this.topLevel = Collections.unmodifiableMap(new LinkedHashMap<>(index.topLevel()));
    }

    /** The model of a checked document. */
    public static SemanticModel of(CheckedDocument document) {
        return new SemanticModel(document);
    }

    public CheckedDocument document() {
        return document;
    }

    // ---- slices ------------------------------------------------------------------------------

    private synchronized Slice slice(int i) {
        if (slices[i] == null) {
            slices[i] = index.slice(decls.get(i));
        }
        return slices[i];
    }

    /** The declaration whose span holds the position, or -1. */
    private int declarationAt(int line, int column) {
        int lo = 0;
        int hi = decls.size() - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Span s = decls.get(mid).span();
            if (isBefore(line, column, s.line(), s.column())) {
                hi = mid - 1;
            } else {
                found = mid;
                lo = mid + 1;
            }
        }
        return found >= 0 && decls.get(found).span().touches(line, column) ? found : -1;
    }

    /** The slice of the declaration at the position, if any. */
    private Optional<Slice> sliceAt(int line, int column) {
        int i = declarationAt(line, column);
        return i < 0 ? Optional.empty() : Optional.of(slice(i));
    }

    private List<Slice> all() {
        List<Slice> out = new ArrayList<>(decls.size());
        for (int i = 0; i < decls.size(); i++) {
            out.add(slice(i));
        }
        return out;
    }

    // ---- questions ---------------------------------------------------------------------------

    /** Every occurrence of every symbol, in document order (this indexes the whole document). */
    public List<Occurrence> occurrences() {
        List<Occurrence> out = new ArrayList<>();
        all().forEach(s -> out.addAll(s.occurrences()));
        return out;
    }

    /**
     * The occurrence whose name the position is on (inside it or right after it); when two touch the
     * position, the one it is inside.
     */
    public Optional<Occurrence> occurrenceAt(int line, int column) {
        return sliceAt(line, column).flatMap(s -> occurrenceAt(s.occurrences(), line, column));
    }

    private static Optional<Occurrence> occurrenceAt(List<Occurrence> occurrences, int line, int column) {
        int i = lastStartingAtOrBefore(occurrences, Occurrence::span, line, column);
        Occurrence touching = null;
        for (int k = i; k >= 0 && k >= i - 1; k--) {
            Occurrence o = occurrences.get(k);
            if (o.span().touches(line, column)) {
                if (touching == null || isBefore(line, column, o.span().endLine(), o.span().endColumn())) {
                    touching = o;
                }
            }
        }
        return Optional.ofNullable(touching);
    }

    /** Where a symbol occurs, its definition included (when the document defines it), in document order. */
    public List<Occurrence> occurrencesOf(Symbol symbol) {
        List<Slice> where = all();
        // A local is used only in its cell; a parameter also where a call names its argument.
        if (symbol.kind().isLocal() && symbol.kind() != SymbolKind.PARAMETER && symbol.definition().isPresent()) {
            Span d = symbol.definition().get();
            where = sliceAt(d.line(), d.column()).map(List::of).orElse(List.of());
        }
        List<Occurrence> out = new ArrayList<>();
        for (Slice s : where) {
            for (Occurrence o : s.occurrences()) {
                if (o.symbol() == symbol) {
                    out.add(o);
                }
            }
        }
        return out;
    }

    /** The innermost expression at the position that has a type. */
    public Optional<TypedExpression> expressionAt(int line, int column) {
        return sliceAt(line, column).flatMap(s -> {
            List<TypedExpression> expressions = s.expressions();
            int last = lastStartingAtOrBefore(expressions, TypedExpression::span, line, column);
            TypedExpression best = null;
            for (int k = 0; k <= last; k++) {
                TypedExpression e = expressions.get(k);
                if (e.span().touches(line, column) && (best == null || inside(e.span(), best.span()))) {
                    best = e;
                }
            }
            return Optional.ofNullable(best);
        });
    }

    /** The outermost typed expression that ends exactly at the position: what stands left of a `.` typed there. */
    public Optional<TypedExpression> expressionEndingAt(int line, int column) {
        return sliceAt(line, column).flatMap(s -> {
            TypedExpression best = null;
            List<TypedExpression> expressions = s.expressions();
            int last = lastStartingAtOrBefore(expressions, TypedExpression::span, line, column);
            for (int k = 0; k <= last; k++) {
                TypedExpression e = expressions.get(k);
                if (e.span().endLine() == line && e.span().endColumn() == column
                        && (best == null || inside(best.span(), e.span()))) {
                    best = e;
                }
            }
            return Optional.ofNullable(best);
        });
    }

    /**
     * The local bindings whose names are visible at the position (parameters, `let`, `for` and match
     * bindings, or inside a `where` the record's fields), the innermost of each name, in declaration order.
     */
    public List<Symbol> visibleAt(int line, int column) {
        Map<String, Visibility> byName = new LinkedHashMap<>();
        for (Visibility v : sliceAt(line, column).map(Slice::visibility).orElse(List.of())) {
            if (!v.region().touches(line, column)) {
                continue;
            }
            Visibility previous = byName.get(v.symbol().name());
            if (previous == null || compareStart(previous.region(), v.region()) <= 0) {
                byName.put(v.symbol().name(), v);
            }
        }
        return byName.values().stream().map(Visibility::symbol).toList();
    }

    /** The region where a local binding (or a field inside its record's `where`) is visible. */
    public Optional<Span> scopeOf(Symbol symbol) {
        Optional<Span> d = symbol.definition();
        if (d.isEmpty()) {
            return Optional.empty();
        }
        for (Visibility v : sliceAt(d.get().line(), d.get().column()).map(Slice::visibility).orElse(List.of())) {
            if (v.symbol() == symbol) {
                return Optional.of(v.region());
            }
        }
        return Optional.empty();
    }

    /** The local bindings (parameters, `let`, `for` and match bindings) of the cell that defines {@code symbol}. */
    public List<Symbol> localsBeside(Symbol symbol) {
        Optional<Span> d = symbol.definition();
        if (d.isEmpty()) {
            return List.of();
        }
        return sliceAt(d.get().line(), d.get().column()).map(Slice::visibility).orElse(List.of()).stream()
                .map(Visibility::symbol).filter(s -> s.kind().isLocal()).toList();
    }

    /** The document's cells, records, enums and tool aliases: the first declaration of each name. */
    public Collection<Symbol> topLevel() {
        return topLevel.values();
    }

    /** Every top-level declaration, redefinitions of a name included, in document order. */
    public List<Symbol> declarations() {
        return Collections.unmodifiableList(index.declared());
    }

    /** The top-level symbol of this name, if the document declares one. */
    public Optional<Symbol> topLevel(String name) {
        return Optional.ofNullable(topLevel.get(name));
    }

    /** A field of a record the document declares. */
    public Optional<Symbol> field(String record, String field) {
        return Optional.ofNullable(index.byKey().get("field:" + record + "." + field));
    }

    /** A variant of an enum the document declares. */
    public Optional<Symbol> variant(String enumName, String variant) {
        return Optional.ofNullable(index.byKey().get("variant:" + enumName + "." + variant));
    }

    // ---- positions ---------------------------------------------------------------------------

    private static int compareStart(Span a, Span b) {
        int byLine = Integer.compare(a.line(), b.line());
        return byLine != 0 ? byLine : Integer.compare(a.column(), b.column());
    }

    private static boolean isBefore(int line, int column, int otherLine, int otherColumn) {
        return line < otherLine || (line == otherLine && column < otherColumn);
    }

    /** Whether {@code a} lies within {@code b}. */
    private static boolean inside(Span a, Span b) {
        return !isBefore(a.line(), a.column(), b.line(), b.column())
                && !isBefore(b.endLine(), b.endColumn(), a.endLine(), a.endColumn());
    }

    /** The index of the last item starting at or before the position, or -1. */
    private static <T> int lastStartingAtOrBefore(List<T> items, java.util.function.Function<T, Span> span, int line,
            int column) {
        int lo = 0;
        int hi = items.size() - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Span s = span.apply(items.get(mid));
            if (isBefore(line, column, s.line(), s.column())) {
                hi = mid - 1;
            } else {
                found = mid;
                lo = mid + 1;
            }
        }
        return found;
    }
}
