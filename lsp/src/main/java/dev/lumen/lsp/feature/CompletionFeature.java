package dev.lumen.lsp.feature;

import dev.lumen.language.ide.Completion;
import dev.lumen.lsp.protocol.Ranges;
import dev.lumen.lsp.text.OpenDocument;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionOptions;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/**
 * {@code textDocument/completion}: the front end's candidates at the cursor — fields after {@code .}, record
 * literal fields, enum variants, cells, bindings, tool aliases and their arguments, intrinsics with their
 * signatures, directives and grant clauses — each replacing the part of the name already typed, ranked and cut
 * to the best {@value CompletionRanking#LIMIT} by {@link CompletionRanking}.
 */
public final class CompletionFeature {
    /** {@code .} for fields and variants, {@code @} for directives. */
    static final List<String> TRIGGERS = List.of(".", "@");

    public void register(ServerCapabilities capabilities) {
        capabilities.setCompletionProvider(new CompletionOptions(false, TRIGGERS));
    }

    public CompletionList completion(OpenDocument document, Position at) {
        int cursor = document.offset(at);
        Completion completion = document.analysis().completion(cursor);
        Range replace = Ranges.of(completion.replace());
        CompletionRanking.Ranked ranked = CompletionRanking.rank(completion.items(), typed(document, replace, at, cursor));
        List<CompletionItem> items = new ArrayList<>(ranked.items().size());
        for (var candidate : ranked.items()) {
            CompletionItem item = new CompletionItem(candidate.label());
            item.setKind(kind(candidate.kind()));
            item.setDetail(candidate.detail());
            item.setTextEdit(Either.forLeft(new TextEdit(replace, candidate.insertText())));
            items.add(item);
        }
        return new CompletionList(ranked.incomplete(), items);
    }

    /** The part of the name that the candidates replace, from its start to the cursor ({@code at}, {@code cursor}). */
    private static String typed(OpenDocument document, Range replace, Position at, int cursor) {
        int from = document.offset(replace.getStart());
        return from <= cursor && at.getLine() == replace.getStart().getLine()
                ? document.text().substring(from, cursor) : "";
    }

    static CompletionItemKind kind(dev.lumen.language.ide.CompletionItem.Kind kind) {
        return switch (kind) {
            case VARIABLE, PARAMETER, ARGUMENT -> CompletionItemKind.Variable;
            case FIELD -> CompletionItemKind.Field;
            case VARIANT -> CompletionItemKind.EnumMember;
            case CELL -> CompletionItemKind.Function;
            case RECORD -> CompletionItemKind.Struct;
            case ENUM -> CompletionItemKind.Enum;
            case TOOL_ALIAS, MCP_TOOL -> CompletionItemKind.Module;
            case FUNCTION -> CompletionItemKind.Function;
            case TYPE -> CompletionItemKind.TypeParameter;
            case KEYWORD, DIRECTIVE, GRANT_CLAUSE -> CompletionItemKind.Keyword;
        };
    }
}
