package dev.lumen.language.semantic;

import dev.lumen.language.CheckedDocument;
import dev.lumen.language.source.Span;
import dev.lumen.language.types.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a checked document's names mean, for an editor: every definition and use of every symbol (cells,
 * records, fields, enums, variants, tool aliases, parameters, `let`, `for` and match bindings, and the
 * built-ins and tools a document uses), the type of every expression, and where each local binding can be
 * seen. Positions are 1-based Markdown lines and UTF-16 columns, as in {@link Span}. Immutable.
 */
public final class SemanticModel {

    /** An expression's span and its checked type. */
    public record TypedExpression(Span span, Type type) {
    }

    /** A binding and the region of the document where its name refers to it. */
    record Visibility(Symbol symbol, Span region) {
    }

    private static final Comparator<Span> BY_START = Comparator.comparingInt(Span::line).thenComparingInt(Span::column);

    private final CheckedDocument document;
    private final List<Occurrence> occurrences;
    private final Map<Symbol, List<Occurrence>> bySymbol = new IdentityHashMap<>();
    private final List<TypedExpression> expressions;
    private final List<Visibility> visibility;
    private final Map<String, Symbol> topLevel;
    private final Map<String, Symbol> byKey;

    private SemanticModel(CheckedDocument document, SemanticIndexer index) {
        this.document = document;
        List<Occurrence> sorted = new ArrayList<>(index.occurrences());
        sorted.sort(Comparator.comparing(Occurrence::span, BY_START));
        this.occurrences = Collections.unmodifiableList(sorted);
        for (Occurrence o : sorted) {
            bySymbol.computeIfAbsent(o.symbol(), k -> new ArrayList<>()).add(o);
        }
        List<TypedExpression> exprs = new ArrayList<>(index.expressions());
        exprs.sort(Comparator.comparing(TypedExpression::span, BY_START));
        this.expressions = exprs;
        this.visibility = List.copyOf(index.visibility());
        this.topLevel = Collections.unmodifiableMap(new LinkedHashMap<>(index.topLevel()));
        this.byKey = Map.copyOf(index.byKey());
    }

    /** Indexes a checked document. */
    public static SemanticModel of(CheckedDocument document) {
        return new SemanticModel(document, SemanticIndexer.index(document.program()));
    }

    public CheckedDocument document() {
        return document;
    }

    /** Every occurrence of every symbol, in document order. */
    public List<Occurrence> occurrences() {
        return occurrences;
    }

    /**
     * The occurrence whose name the position is on (inside it or right after it); when two touch the
     * position, the one it is inside.
     */
    public Optional<Occurrence> occurrenceAt(int line, int column) {
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
        return List.copyOf(bySymbol.getOrDefault(symbol, List.of()));
    }

    /** The innermost expression at the position that has a type. */
    public Optional<TypedExpression> expressionAt(int line, int column) {
        int last = lastStartingAtOrBefore(expressions, TypedExpression::span, line, column);
        TypedExpression best = null;
        for (int k = 0; k <= last; k++) {
            TypedExpression e = expressions.get(k);
            if (e.span().touches(line, column) && (best == null || inside(e.span(), best.span()))) {
                best = e;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The outermost typed expression that ends exactly at the position: what stands left of a `.` typed there. */
    public Optional<TypedExpression> expressionEndingAt(int line, int column) {
        TypedExpression best = null;
        int last = lastStartingAtOrBefore(expressions, TypedExpression::span, line, column);
        for (int k = 0; k <= last; k++) {
            TypedExpression e = expressions.get(k);
            if (e.span().endLine() == line && e.span().endColumn() == column
                    && (best == null || inside(best.span(), e.span()))) {
                best = e;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * The local bindings whose names are visible at the position (parameters, `let`, `for` and match
     * bindings, or inside a `where` the record's fields), the innermost of each name, in declaration order.
     */
    public List<Symbol> visibleAt(int line, int column) {
        Map<String, Visibility> byName = new LinkedHashMap<>();
        for (Visibility v : visibility) {
            if (!v.region().touches(line, column)) {
                continue;
            }
            Visibility previous = byName.get(v.symbol().name());
            if (previous == null || BY_START.compare(previous.region(), v.region()) <= 0) {
                byName.put(v.symbol().name(), v);
            }
        }
        return byName.values().stream().map(Visibility::symbol).toList();
    }

    /** The region where a local binding (or a field inside its record's `where`) is visible. */
    public Optional<Span> scopeOf(Symbol symbol) {
        for (Visibility v : visibility) {
            if (v.symbol() == symbol) {
                return Optional.of(v.region());
            }
        }
        return Optional.empty();
    }

    /** Every local binding of the document (parameters, `let`, `for` and match bindings), in document order. */
    public List<Symbol> locals() {
        return visibility.stream().map(Visibility::symbol).filter(s -> s.kind().isLocal()).toList();
    }

    /** The document's cells, records, enums and tool aliases: the first declaration of each name. */
    public Collection<Symbol> topLevel() {
        return topLevel.values();
    }

    /** The top-level symbol of this name, if the document declares one. */
    public Optional<Symbol> topLevel(String name) {
        return Optional.ofNullable(topLevel.get(name));
    }

    /** A field of a record the document declares. */
    public Optional<Symbol> field(String record, String field) {
        return Optional.ofNullable(byKey.get("field:" + record + "." + field));
    }

    /** A variant of an enum the document declares. */
    public Optional<Symbol> variant(String enumName, String variant) {
        return Optional.ofNullable(byKey.get("variant:" + enumName + "." + variant));
    }

    // ---- positions ---------------------------------------------------------------------------

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
