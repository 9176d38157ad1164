package dev.lumen.language.ide;

import dev.lumen.language.ast.Decl;
import dev.lumen.language.ast.Ident;
import dev.lumen.language.source.Heading;
import dev.lumen.language.source.LumenDocument;
import dev.lumen.language.source.SourceFile;
import dev.lumen.language.source.Span;
import java.util.ArrayList;
import java.util.List;

/** A document's structure for editors: its headings, nested by level, and the declarations under each. */
final class Outline {
    private Outline() {
    }

    /** A heading being filled, with the level it was written at. */
    private record Open(Heading heading, Span range, List<OutlineItem> children) {
    }

    static List<OutlineItem> of(LumenDocument document, List<Decl> decls) {
        SourceFile file = document.file();
        List<Heading> headings = document.headings();
        List<OutlineItem> top = new ArrayList<>();
        List<Open> stack = new ArrayList<>();
        int next = 0;
        for (int h = 0; h <= headings.size(); h++) {
            Heading heading = h < headings.size() ? headings.get(h) : null;
            // Declarations before this heading belong to the innermost heading still open.
            while (next < decls.size() && (heading == null || before(decls.get(next).span(), heading.span()))) {
                OutlineItem item = declaration(decls.get(next++));
                if (item != null) {
                    (stack.isEmpty() ? top : stack.getLast().children()).add(item);
                }
            }
            if (heading == null) {
                break;
            }
            while (!stack.isEmpty() && stack.getLast().heading().level() >= heading.level()) {
                close(stack, top);
            }
            stack.add(new Open(heading, section(file, headings, h), new ArrayList<>()));
        }
        while (!stack.isEmpty()) {
            close(stack, top);
        }
        return List.copyOf(top);
    }

    private static void close(List<Open> stack, List<OutlineItem> top) {
        Open open = stack.removeLast();
        OutlineItem item = new OutlineItem(open.heading().text(), OutlineItem.Kind.HEADING, null, open.range(),
                open.heading().span(), open.children());
        (stack.isEmpty() ? top : stack.getLast().children()).add(item);
    }

    /** From heading {@code h} to the end of the line before the next heading of its level or higher, or the end. */
    private static Span section(SourceFile file, List<Heading> headings, int h) {
        Heading heading = headings.get(h);
        int endLine = file.lineCount();
        for (int k = h + 1; k < headings.size(); k++) {
            if (headings.get(k).level() <= heading.level()) {
                endLine = Math.max(heading.span().endLine(), headings.get(k).span().line() - 1);
                break;
            }
        }
        return new Span(heading.span().line(), 1, endLine, file.line(endLine).length() + 1);
    }

    private static boolean before(Span a, Span b) {
        return a.line() < b.line() || (a.line() == b.line() && a.column() < b.column());
    }

    private static OutlineItem declaration(Decl d) {
        Ident name = d.name();
        if (name == null || name.name().isEmpty()) {
            return null;
        }
        return switch (d) {
            case Decl.Cell c when c.test() != null -> item(new Ident("test \"" + c.test().title() + "\"", name.span()),
                    OutlineItem.Kind.CELL, "test", c.span(), List.of());
            case Decl.Cell c -> item(name, OutlineItem.Kind.CELL, "cell", c.span(), List.of());
            case Decl.Record r -> item(name, OutlineItem.Kind.RECORD, "record", r.span(), r.fields().stream()
                    .map(f -> item(f.name(), OutlineItem.Kind.FIELD, null, f.span(), List.of())).toList());
            case Decl.Enum e -> item(name, OutlineItem.Kind.ENUM, "enum", e.span(), e.variants().stream()
                    .map(v -> item(v, OutlineItem.Kind.VARIANT, null, v.span(), List.of())).toList());
            case Decl.UseTool u -> item(name, OutlineItem.Kind.TOOL,
                    u.toolId() != null ? u.toolId().name() : "mcp \"" + u.mcpServer().name() + "\"", u.span(), List.of());
            case Decl.Grant g -> null;
        };
    }

    private static OutlineItem item(Ident name, OutlineItem.Kind kind, String detail, Span range, List<OutlineItem> children) {
        return new OutlineItem(name.name(), kind, detail, range.to(name.span()), name.span(), children);
    }
}
