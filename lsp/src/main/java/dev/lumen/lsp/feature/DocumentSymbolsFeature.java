package dev.lumen.lsp.feature;

import dev.lumen.language.ast.Decl;
import dev.lumen.language.ast.Ident;
import dev.lumen.language.ast.TypeExpr;
import dev.lumen.language.source.Span;
import dev.lumen.lsp.protocol.Ranges;
import dev.lumen.lsp.text.LineIndex;
import dev.lumen.lsp.text.OpenDocument;
import java.util.ArrayList;
import java.util.List;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.SymbolKind;

/**
 * {@code textDocument/documentSymbol}: the document's Markdown headings as an outline, and under the heading
 * each sits in, its cells, records (with their fields), enums (with their variants) and tools. The front end
 * keeps no headings, so they are read here with the same CommonMark parser, headings only.
 */
public final class DocumentSymbolsFeature {
    /**
     * Blocks with source spans; inline content is not parsed (a line of 100,000 {@code *} would recurse that
     * deep) except that a heading keeps its raw text. Immutable, so shared.
     */
    private static final Parser HEADINGS = Parser.builder()
            .includeSourceSpans(IncludeSourceSpans.BLOCKS)
            .inlineParserFactory(context -> (lines, block) -> {
                if (block instanceof Heading) {
                    block.appendChild(new Text(lines.getContent()));
                }
            })
            .build();

    public void register(ServerCapabilities capabilities) {
        capabilities.setDocumentSymbolProvider(true);
    }

    public List<DocumentSymbol> symbols(OpenDocument document) {
        List<Section> sections = sections(document);
        Section root = new Section(0, null);
        List<Section> open = new ArrayList<>(List.of(root));
        for (Section s : sections) {
            while (open.getLast() != root && open.getLast().level >= s.level) {
                open.removeLast();
            }
            open.getLast().children.add(s);
            open.add(s);
        }
        for (Decl decl : document.syntax().parsed().program().decls()) {
            DocumentSymbol symbol = symbol(document, decl);
            if (symbol != null) {
                innermost(root, symbol.getRange().getStart().getLine()).children.add(symbol);
            }
        }
        return root.toSymbols(document.lines());
    }

    /** A heading and what lies under it: sub-sections and declarations, in document order. */
    private static final class Section {
        final int level;
        final DocumentSymbol heading;
        final List<Object> children = new ArrayList<>();
        int lastLine = Integer.MAX_VALUE;

        Section(int level, DocumentSymbol heading) {
            this.level = level;
            this.heading = heading;
        }

        int firstLine() {
            return heading == null ? -1 : heading.getRange().getStart().getLine();
        }

        List<DocumentSymbol> toSymbols(LineIndex lines) {
            List<DocumentSymbol> out = new ArrayList<>();
            for (Object child : children) {
                if (child instanceof Section s) {
                    DocumentSymbol h = s.heading;
                    int last = Math.min(s.lastLine, lines.lineCount() - 1);
                    h.setRange(new Range(h.getRange().getStart(), new Position(last, lines.lineEnd(last)
                            - lines.lineStart(last))));
                    h.setChildren(s.toSymbols(lines));
                    out.add(h);
                } else {
                    out.add((DocumentSymbol) child);
                }
            }
            out.sort((a, b) -> Ranges.compare(a.getRange().getStart(), b.getRange().getStart()));
            return out;
        }
    }

    /** The deepest section whose lines hold {@code line}. */
    private static Section innermost(Section root, int line) {
        Section at = root;
        for (boolean deeper = true; deeper;) {
            deeper = false;
            for (Object child : at.children) {
                if (child instanceof Section s && s.firstLine() <= line && line <= s.lastLine) {
                    at = s;
                    deeper = true;
                    break;
                }
            }
        }
        return at;
    }

    /** The document's headings in order, each section ending before the next heading of its level or above. */
    private static List<Section> sections(OpenDocument document) {
        List<Section> out = new ArrayList<>();
        Node root = HEADINGS.parse(document.text());
        for (Node node = root; node != null; node = next(node)) {
            if (node instanceof Heading h && !h.getSourceSpans().isEmpty()) {
                int line = h.getSourceSpans().get(0).getLineIndex();
                String title = h.getFirstChild() instanceof Text t ? t.getLiteral().strip() : "";
                Range range = lineRange(document.lines(), line);
                out.add(new Section(h.getLevel(), new DocumentSymbol(title.isEmpty() ? "(untitled)" : title,
                        SymbolKind.String, range, range)));
            }
        }
        for (int i = 0; i < out.size(); i++) {
            for (int k = i + 1; k < out.size(); k++) {
                if (out.get(k).level <= out.get(i).level) {
                    out.get(i).lastLine = out.get(k).firstLine() - 1;
                    break;
                }
            }
        }
        return out;
    }

    /** The node after {@code node} in document order, walked without recursion (block quotes nest without limit). */
    private static Node next(Node node) {
        if (node.getFirstChild() != null && !(node instanceof Heading)) {
            return node.getFirstChild();
        }
        for (Node n = node; n != null; n = n.getParent()) {
            if (n.getNext() != null) {
                return n.getNext();
            }
        }
        return null;
    }

    private static Range lineRange(LineIndex lines, int line) {
        int l = Math.min(line, lines.lineCount() - 1);
        return new Range(new Position(l, 0), new Position(l, lines.lineEnd(l) - lines.lineStart(l)));
    }

    private static DocumentSymbol symbol(OpenDocument document, Decl decl) {
        return switch (decl) {
            case Decl.Cell c when named(c.name()) -> {
                List<String> params = new ArrayList<>();
                for (Decl.Param p : c.params()) {
                    params.add((p.name() == null ? "_" : p.name().name()) + ": " + text(document, p.type()));
                }
                String detail = "(" + String.join(", ", params) + ")"
                        + (c.returns() == null ? "" : " -> " + text(document, c.returns()));
                yield symbol(c.name(), c.span(), SymbolKind.Function, detail, List.of());
            }
            case Decl.Record r when named(r.name()) -> {
                List<DocumentSymbol> fields = new ArrayList<>();
                for (Decl.Field f : r.fields()) {
                    if (named(f.name())) {
                        fields.add(symbol(f.name(), f.span(), SymbolKind.Field, text(document, f.type()), List.of()));
                    }
                }
                yield symbol(r.name(), r.span(), SymbolKind.Struct, "record", fields);
            }
            case Decl.Enum e when named(e.name()) -> {
                List<DocumentSymbol> variants = new ArrayList<>();
                for (Ident v : e.variants()) {
                    if (named(v)) {
                        variants.add(symbol(v, v.span(), SymbolKind.EnumMember, null, List.of()));
                    }
                }
                yield symbol(e.name(), e.span(), SymbolKind.Enum, "enum", variants);
            }
            case Decl.UseTool u when named(u.alias()) -> {
                String detail = u.mcpServer() != null ? "mcp \"" + u.mcpServer().name() + "\""
                        : u.toolId() == null ? null : u.toolId().name();
                yield symbol(u.alias(), u.span(), SymbolKind.Module, detail, List.of());
            }
            default -> null;
        };
    }

    private static boolean named(Ident name) {
        return name != null && name.name() != null && !name.name().isEmpty() && !name.span().equals(Span.NONE);
    }

    private static DocumentSymbol symbol(Ident name, Span span, SymbolKind kind, String detail,
            List<DocumentSymbol> children) {
        Range selection = Ranges.of(name.span());
        Range range = Ranges.of(span.equals(Span.NONE) ? name.span() : span.to(name.span()));
        DocumentSymbol symbol = new DocumentSymbol(name.name(), kind, range, selection, detail);
        symbol.setChildren(children.isEmpty() ? null : children);
        return symbol;
    }

    /** The text a type was written as (one line of it at most). */
    private static String text(OpenDocument document, TypeExpr type) {
        if (type == null || type.span().equals(Span.NONE) || type.span().line() < 1) {
            return "?";
        }
        Span s = type.span();
        LineIndex lines = document.lines();
        int line = s.line() - 1;
        if (line >= lines.lineCount()) {
            return "?";
        }
        int start = lines.lineStart(line);
        int end = lines.lineEnd(line);
        int from = Math.min(end, start + s.column() - 1);
        int to = s.endLine() == s.line() ? Math.min(end, start + s.endColumn() - 1) : end;
        return document.text().substring(from, Math.max(from, to));
    }
}
