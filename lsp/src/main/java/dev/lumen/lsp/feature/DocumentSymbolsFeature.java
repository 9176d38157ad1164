package dev.lumen.lsp.feature;

import dev.lumen.language.ast.Decl;
import dev.lumen.language.ast.TypeExpr;
import dev.lumen.language.ide.OutlineItem;
import dev.lumen.language.source.SourceFile;
import dev.lumen.language.source.Span;
import dev.lumen.lsp.protocol.Ranges;
import dev.lumen.lsp.text.OpenDocument;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.SymbolKind;

/**
 * {@code textDocument/documentSymbol}: the session's outline — the Markdown headings, and under the heading each
 * sits in, the cells, records (with their fields), enums (with their variants) and tools — with a cell's
 * signature and a field's type as written for detail.
 */
public final class DocumentSymbolsFeature {

    public void register(ServerCapabilities capabilities) {
        capabilities.setDocumentSymbolProvider(true);
    }

    public List<DocumentSymbol> symbols(OpenDocument document) {
        Map<Span, String> details = details(document);
        return symbols(document.analysis().outline(), details);
    }

    private static List<DocumentSymbol> symbols(List<OutlineItem> items, Map<Span, String> details) {
        List<DocumentSymbol> out = new ArrayList<>(items.size());
        for (OutlineItem item : items) {
            String name = item.name().isBlank() ? "(untitled)" : item.name().strip();
            String detail = details.getOrDefault(item.selection(), item.detail());
            DocumentSymbol symbol = new DocumentSymbol(name, kind(item.kind()), Ranges.of(item.range()),
                    Ranges.of(item.selection()), detail);
            symbol.setChildren(item.children().isEmpty() ? null : symbols(item.children(), details));
            out.add(symbol);
        }
        return out;
    }

    private static SymbolKind kind(OutlineItem.Kind kind) {
        return switch (kind) {
            case HEADING -> SymbolKind.String;
            case CELL -> SymbolKind.Function;
            case RECORD -> SymbolKind.Struct;
            case FIELD -> SymbolKind.Field;
            case ENUM -> SymbolKind.Enum;
            case VARIANT -> SymbolKind.EnumMember;
            case TOOL -> SymbolKind.Module;
        };
    }

    /** Cells' signatures and fields' types as written, by the span of their names. */
    private static Map<Span, String> details(OpenDocument document) {
        SourceFile file = document.source();
        Map<Span, String> out = new HashMap<>();
        for (Decl decl : document.syntax().parsed().program().decls()) {
            switch (decl) {
                case Decl.Cell c when c.name() != null -> {
                    List<String> params = new ArrayList<>();
                    for (Decl.Param p : c.params()) {
                        params.add((p.name() == null ? "_" : p.name().name()) + ": " + text(file, p.type()));
                    }
                    out.put(c.name().span(), "(" + String.join(", ", params) + ")"
                            + (c.returns() == null ? "" : " -> " + text(file, c.returns())));
                }
                case Decl.Record r -> r.fields().stream().filter(f -> f.name() != null)
                        .forEach(f -> out.put(f.name().span(), text(file, f.type())));
                default -> {
                }
            }
        }
        return out;
    }

    /** The text a type was written as (one line of it at most). */
    private static String text(SourceFile file, TypeExpr type) {
        if (type == null || type.span().equals(Span.NONE) || type.span().line() < 1
                || type.span().line() > file.lineCount()) {
            return "?";
        }
        Span s = type.span();
        String line = file.line(s.line());
        int from = Math.min(line.length(), s.column() - 1);
        int to = s.endLine() == s.line() ? Math.min(line.length(), s.endColumn() - 1) : line.length();
        return line.substring(Math.max(0, from), Math.max(from, to));
    }
}
