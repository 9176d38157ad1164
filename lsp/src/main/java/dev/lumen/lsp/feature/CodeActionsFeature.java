package dev.lumen.lsp.feature;

import dev.lumen.language.diagnostics.Fix;
import dev.lumen.lsp.protocol.Ranges;
import dev.lumen.lsp.text.OpenDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionOptions;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;

/**
 * {@code textDocument/codeAction}: a quick fix for each help of a diagnostic at the requested range that has an
 * exact replacement (the front end's {@link Fix}: a did-you-mean name, an {@code ok(…)} wrap, a {@code to_float(…)}
 * conversion, …). A diagnostic with a single fix marks it preferred, so that an editor's "fix" applies it.
 */
public final class CodeActionsFeature {
    private final DiagnosticsFeature diagnostics;

    public CodeActionsFeature(DiagnosticsFeature diagnostics) {
        this.diagnostics = diagnostics;
    }

    public void register(ServerCapabilities capabilities) {
        capabilities.setCodeActionProvider(new CodeActionOptions(List.of(CodeActionKind.QuickFix)));
    }

    public List<CodeAction> actions(OpenDocument document, CodeActionParams params) {
        List<CodeAction> actions = new ArrayList<>();
        Range wanted = params.getRange();
        List<String> only = params.getContext() == null ? null : params.getContext().getOnly();
        if (wanted == null || (only != null && only.stream().noneMatch(k -> CodeActionKind.QuickFix.startsWith(k)))) {
            return actions;
        }
        for (var found : document.analysis().diagnostics()) {
            if (found.fixes().isEmpty()) {
                continue;
            }
            Diagnostic shown = diagnostics.convert(document.uri(), found);
            if (!overlaps(shown.getRange(), wanted)) {
                continue;
            }
            Diagnostic sent = sentByClient(params, shown);
            for (Fix fix : found.fixes()) {
                CodeAction action = new CodeAction(fix.title());
                action.setKind(CodeActionKind.QuickFix);
                action.setDiagnostics(List.of(sent));
                action.setIsPreferred(found.fixes().size() == 1);
                List<TextEdit> edits = fix.edits().stream()
                        .map(e -> new TextEdit(Ranges.of(e.span()), e.text())).toList();
                action.setEdit(new WorkspaceEdit(Map.of(document.uri(), edits)));
                actions.add(action);
            }
        }
        return actions;
    }

    /** The client's copy of {@code shown} when it sent one (same range and code), which it can match by identity. */
    private static Diagnostic sentByClient(CodeActionParams params, Diagnostic shown) {
        if (params.getContext() != null && params.getContext().getDiagnostics() != null) {
            for (Diagnostic d : params.getContext().getDiagnostics()) {
                if (shown.getRange().equals(d.getRange()) && Objects.equals(shown.getCode(), d.getCode())) {
                    return d;
                }
            }
        }
        return shown;
    }

    /** Whether the ranges share a position (an empty range, the cursor, touches a range at either end). */
    private static boolean overlaps(Range a, Range b) {
        return Ranges.compare(a.getStart(), b.getEnd()) <= 0 && Ranges.compare(b.getStart(), a.getEnd()) <= 0;
    }
}
