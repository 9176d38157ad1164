package dev.lumen.language.diagnostics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lumen.language.CheckResult;
import dev.lumen.language.source.SourceFile;
import dev.lumen.language.source.Span;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Renders the diagnostics of one or more documents as one JSON object (`lumen check --format json`).
 * Keys come in a fixed order and columns count code points, like the terminal output; a diagnostic
 * without a location has {@code "span": null}.
 */
public final class JsonRenderer {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectWriter WRITER = MAPPER.writer(printer());

    private JsonRenderer() {
    }

    public static String render(List<CheckResult> results) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode files = root.putArray("files");
        int errors = 0;
        int warnings = 0;
        for (CheckResult result : results) {
            ObjectNode file = files.addObject();
            file.put("file", result.file().name());
            ArrayNode list = file.putArray("diagnostics");
            for (Diagnostic d : result.diagnostics()) {
                list.add(diagnostic(result.file(), d));
                if (d.isError()) {
                    errors++;
                } else {
                    warnings++;
                }
            }
        }
        root.put("errors", errors);
        root.put("warnings", warnings);
        try {
            return WRITER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // a tree of strings and numbers always serializes
        }
    }

    private static ObjectNode diagnostic(SourceFile file, Diagnostic d) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("severity", d.severity().label());
        node.put("code", d.code().id());
        node.put("title", d.code().title());
        node.put("message", d.message());
        node.set("span", span(file, d.span()));
        node.put("label", d.label());
        ArrayNode secondary = node.putArray("secondary");
        for (Label l : d.secondary()) {
            ObjectNode label = secondary.addObject();
            label.set("span", span(file, l.span()));
            label.put("message", l.message());
        }
        d.notes().forEach(node.putArray("notes")::add);
        d.helps().forEach(node.putArray("helps")::add);
        return node;
    }

    private static ObjectNode span(SourceFile file, Span span) {
        if (span == Span.NONE) {
            return null;
        }
        ObjectNode node = MAPPER.createObjectNode();
        node.put("line", span.line());
        node.put("column", Columns.codePoints(Columns.line(file, span.line()), span.column()));
        node.put("endLine", span.endLine());
        node.put("endColumn", Columns.codePoints(Columns.line(file, span.endLine()), span.endColumn()));
        return node;
    }

    /** Two-space indentation, `"key": value`, `[]` for empty arrays, `\n` line ends on every platform. */
    private static DefaultPrettyPrinter printer() {
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withArrayEmptySeparator("")
                .withObjectEmptySeparator("");
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        return new DefaultPrettyPrinter(separators).withObjectIndenter(indenter).withArrayIndenter(indenter);
    }
}
