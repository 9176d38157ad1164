package dev.lumen.launcher;

import static dev.lumen.launcher.EmitCommandTest.lumen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lumen.language.format.FormatResult;
import dev.lumen.language.format.Formatter;
import dev.lumen.language.source.SourceFile;
import dev.lumen.runtime.store.Store;
import dev.lumen.runtime.trace.TraceEvent;
import dev.lumen.runtime.trace.TraceReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A formatted document is the same program when it runs (docs/spec/format.md §9.3): the invoice agent, laid out
 * differently and then formatted, runs offline to the same result with the same trace events, member for member,
 * but for the document hash (and so the chain of hashes).
 */
class FormattedRunTest {
    /** What differs between two runs of one program (trace-v1.md §3.4), and what formatting moves. */
    private static final List<String> LEFT_OUT = List.of("hash", "prev_hash", "seal", "run_id", "doc", "timestamp",
            "latency_ms", "cached", "performed", "usage", "server", "key_id", "doc_hash", "line", "column");

    @TempDir
    Path dir;

    @Test
    void theFormattedInvoiceAgentRunsToTheSameResultAndTraceEvents() throws Exception {
        String formatted = Files.readString(InvoiceAgentExampleTest.EXAMPLE);
        // Deeper indentation and no field alignment: the same program, laid out otherwise.
        String messy = formatted.replaceAll("(?m)^(  +)(?=\\S)", "$1$1").replaceAll("(?m)^(\\s+\\w+:) +", "$1 ");
        assertNotEquals(formatted, messy);
        FormatResult result = Formatter.format(new SourceFile("invoice_agent.lm.md", messy));
        assertEquals(formatted, ((FormatResult.Formatted) result).text());

        List<ObjectNode> before = run("messy", messy);
        List<ObjectNode> after = run("formatted", formatted);
        assertNotEquals(before.getFirst().get("doc_hash"), after.getFirst().get("doc_hash"));
        assertEquals(before.stream().map(FormattedRunTest::withoutPositions).toList(),
                after.stream().map(FormattedRunTest::withoutPositions).toList());
    }

    /** Runs {@code text} offline in a directory of its own, from the model reply the example ships; its events. */
    private List<ObjectNode> run(String name, String text) throws Exception {
        Path root = Files.createDirectories(dir.resolve(name));
        InvoiceAgentExampleTest.copyShippedCache(root);
        Path doc = Files.writeString(root.resolve("invoice_agent.lm.md"), text);
        EmitCommandTest.Run run = lumen("run", doc.toString(), "--offline");
        assertEquals(ExitCodes.OK, run.status(), run.err());
        Store store = Store.at(root);
        return TraceReader.read(store, store.runIds().getLast()).events().stream().map(TraceEvent::json).toList();
    }

    private static ObjectNode withoutPositions(ObjectNode event) {
        ObjectNode copy = event.deepCopy();
        copy.remove(LEFT_OUT);
        return copy;
    }
}
