package dev.lumen.lsp.feature;

import dev.lumen.language.diagnostics.Code;
import dev.lumen.language.diagnostics.Label;
import dev.lumen.language.diagnostics.Severity;
import dev.lumen.language.source.Span;
import dev.lumen.lsp.protocol.Ranges;
import dev.lumen.lsp.text.OpenDocument;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticCodeDescription;
import org.eclipse.lsp4j.DiagnosticRelatedInformation;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.DiagnosticTag;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;

/**
 * Diagnostics pushed for an open document ({@code textDocument/publishDiagnostics}): its session's, which are
 * those of the same check as {@code lumen check}, through the project layer (tools, lock file, recorded MCP manifests; nothing is started),
 * in the same model: code, range in the Markdown, secondary labels, notes and {@code help:} lines as related
 * information, and a link to the code's entry in the diagnostics catalogue (docs/spec/lsp.md §4).
 */
public final class DiagnosticsFeature {
    static final String SOURCE = "lumen";

    private final CodeDescriptions links;
    /** Whether the client shows related information; when it does not, notes and helps join the message. */
    private volatile boolean relatedInformation = true;

    public DiagnosticsFeature(CodeDescriptions links) {
        this.links = links;
    }

    public void clientCapabilities(ClientCapabilities client) {
        var publish = client == null || client.getTextDocument() == null ? null
                : client.getTextDocument().getPublishDiagnostics();
        relatedInformation = publish == null || !Boolean.FALSE.equals(publish.getRelatedInformation());
    }

    /** {@code document}'s diagnostics (its session's, the same as {@code lumen check}'s) for publishing. */
    public PublishDiagnosticsParams of(OpenDocument document) {
        var diagnostics = document.analysis().diagnostics();
        List<Diagnostic> out = new ArrayList<>(diagnostics.size());
        for (var d : diagnostics) {
            out.add(convert(document.uri(), d));
        }
        return new PublishDiagnosticsParams(document.uri(), out, document.version());
    }


    /** The diagnostics that clear a closed document. */
    public static PublishDiagnosticsParams cleared(String uri) {
        return new PublishDiagnosticsParams(uri, List.of());
    }

    Diagnostic convert(String uri, dev.lumen.language.diagnostics.Diagnostic d) {
        Range range = Ranges.of(d.span());
        StringBuilder message = new StringBuilder(d.message());
        if (!d.label().isEmpty() && !d.label().equals(d.message())) {
            message.append('\n').append(d.label());
        }
        List<DiagnosticRelatedInformation> related = new ArrayList<>();
        for (Label label : d.secondary()) {
            Range at = label.span().equals(Span.NONE) ? range : Ranges.of(label.span());
            related.add(new DiagnosticRelatedInformation(new Location(uri, at), label.message()));
        }
        for (String note : d.notes()) {
            related.add(new DiagnosticRelatedInformation(new Location(uri, range), "note: " + note));
        }
        for (String help : d.helps()) {
            related.add(new DiagnosticRelatedInformation(new Location(uri, range), "help: " + help));
        }
        Diagnostic out = new Diagnostic(range, "", d.severity() == Severity.ERROR ? DiagnosticSeverity.Error
                : DiagnosticSeverity.Warning, SOURCE, d.code().id());
        if (relatedInformation) {
            out.setRelatedInformation(related.isEmpty() ? null : related);
        } else {
            // Secondary labels name a place the message alone cannot show; notes and helps are text.
            d.notes().forEach(n -> message.append("\nnote: ").append(n));
            d.helps().forEach(h -> message.append("\nhelp: ").append(h));
        }
        out.setMessage(message.toString());
        String href = links.href(d.code());
        if (href != null) {
            out.setCodeDescription(new DiagnosticCodeDescription(href));
        }
        if (d.code() == Code.W0001 || d.code() == Code.W0002) {
            out.setTags(List.of(DiagnosticTag.Unnecessary));
        }
        return out;
    }
}
