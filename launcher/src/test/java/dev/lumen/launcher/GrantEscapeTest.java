package dev.lumen.launcher;

import static dev.lumen.launcher.EmitCommandTest.lumen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lumen.runtime.store.Store;
import dev.lumen.runtime.trace.EventKind;
import dev.lumen.runtime.trace.Trace;
import dev.lumen.runtime.trace.TraceEvent;
import dev.lumen.runtime.trace.TraceReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hand-written LIR cannot get past the grants: the runtime reads the module's tool table, never the document,
 * and refuses what it does not grant with a policy error recorded in the trace.
 */
class GrantEscapeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** Emits {@code program}, lets {@code edit} change its first tool entry, and runs the module. */
    private EmitCommandTest.Run runEdited(String program, Consumer<ObjectNode> edit, String... args) throws IOException {
        Path doc = Files.writeString(dir.resolve("doc.lm.md"), program);
        Path lir = dir.resolve("doc.lir.json");
        EmitCommandTest.Run emit = lumen("emit", doc.toString(), "-o", lir.toString());
        assertEquals(ExitCodes.OK, emit.status(), emit.err());
        ObjectNode module = (ObjectNode) JSON.readTree(lir.toFile());
        edit.accept((ObjectNode) module.withArray("tools").get(0));
        Files.writeString(lir, JSON.writeValueAsString(module));
        String[] command = new String[args.length + 2];
        command[0] = "run";
        command[1] = lir.toString();
        System.arraycopy(args, 0, command, 2, args.length);
        return lumen(command);
    }

    private TraceEvent lastToolCall() {
        Store store = Store.at(dir);
        Trace trace = TraceReader.read(store, store.runIds().getLast());
        return trace.events().stream().filter(e -> e.kind() == EventKind.TOOL_CALL).reduce((a, b) -> b).orElseThrow();
    }

    @Test
    void aToolWithoutAGrantIsRefused() throws IOException {
        String program = """
                ```lumen
                use tool json.parse as Parse
                grant Parse

                cell run() -> Json
                  return Parse(text: "[1]")
                end
                ```
                """;
        EmitCommandTest.Run r = runEdited(program, tool -> tool.putNull("grants"));
        assertEquals(ExitCodes.ERRORS, r.status());
        assertTrue(r.err().startsWith("error: `Parse` is not allowed by its grant (grant): it has no grant"), r.err());
        assertTrue(r.err().contains("--> " + dir.resolve("doc.lm.md") + ":6:10"), r.err());
        TraceEvent call = lastToolCall();
        assertEquals("policy", call.json().get("error_kind").textValue());
        assertEquals("json.parse", call.toolId());
    }
}
