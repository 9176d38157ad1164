package dev.lumen.launcher;

import static dev.lumen.launcher.EmitCommandTest.lumen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.runtime.json.CanonicalJson;
import dev.lumen.runtime.store.Store;
import dev.lumen.runtime.trace.TraceVerifier;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command runs this example offline: two replies validate, one is rejected with every reason. */
class TicketTriageExampleTest {
    private static final String EXAMPLE = "../examples/ticket_triage.lm.md";

    @TempDir
    Path store;

    @Test
    void theExampleTriagesItsRepliesAndItsRunVerifies() {
        EmitCommandTest.Run run = lumen("run", EXAMPLE, "--store", store.toString());
        assertEquals(ExitCodes.OK, run.status(), run.err());
        JsonNode out = CanonicalJson.parse(run.out());
        assertEquals("TCK-1042 [Critical] Printer on fire", out.get(0).textValue());
        assertEquals("TCK-1043 [Medium] VPN drops every hour", out.get(1).textValue());
        String rejected = out.get(2).textValue();
        assertTrue(rejected.startsWith("rejected: 7 validation errors for Ticket\n"), rejected);
        for (String path : new String[] {"priority:", "assignee.local:", "assignee.domain:", "tags[1]:", "confidence:", "id:", "title:"}) {
            assertTrue(rejected.contains("\n  " + path), path + " in " + rejected);
        }
        Store s = Store.at(store);
        assertTrue(TraceVerifier.verify(s, s.runIds().getLast()).ok());
        EmitCommandTest.Run again = lumen("run", EXAMPLE, "--store", store.toString(), "--offline");
        assertEquals(run.out(), again.out(), "a second run, offline, is answered from the cache");
    }
}
