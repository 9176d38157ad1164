package dev.lumen.lsp.feature;

import dev.lumen.language.ast.Decl;
import dev.lumen.language.source.CodeBlock;
import dev.lumen.language.source.Span;
import dev.lumen.lsp.protocol.Ranges;
import dev.lumen.lsp.text.OpenDocument;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.CodeLensOptions;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.ServerCapabilities;

/**
 * {@code textDocument/codeLens}: "▶ Run" on each cell's name, running it through {@value RunCommands#RUN_CELL},
 * and "Show trace" on the first {@code lumen} block's fence, through {@value RunCommands#SHOW_TRACE}. Only a
 * document that is a file gets them: the command runs the file as saved.
 */
public final class CodeLensFeature {
    static final String RUN_TITLE = "\u25b6 Run";
    static final String TRACE_TITLE = "Show trace";

    public void register(ServerCapabilities capabilities) {
        capabilities.setCodeLensProvider(new CodeLensOptions(false));
    }

    public List<CodeLens> lenses(OpenDocument document) {
        List<CodeLens> lenses = new ArrayList<>();
        if (document.path() == null) {
            return lenses;
        }
        List<CodeBlock> blocks = document.syntax().document().blocks();
        if (!blocks.isEmpty()) {
            Span fence = blocks.getFirst().fence();
            lenses.add(new CodeLens(Ranges.of(Span.of(fence.line(), 1, 1)),
                    new Command(TRACE_TITLE, RunCommands.SHOW_TRACE, new ArrayList<>(List.of(document.uri()))),
                    null));
        }
        for (Decl decl : document.syntax().parsed().program().decls()) {
            if (decl instanceof Decl.Cell cell && cell.name() != null && !cell.name().span().equals(Span.NONE)) {
                lenses.add(new CodeLens(Ranges.of(cell.name().span()), new Command(RUN_TITLE, RunCommands.RUN_CELL,
                        RunCommands.runCellArguments(document.uri(), cell.name().name())), null));
            }
        }
        return lenses;
    }
}
