package dev.lumen.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.runtime.json.CanonicalJson;
import dev.lumen.runtime.store.KeyFile;
import dev.lumen.runtime.store.Store;
import dev.lumen.runtime.trace.TraceWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The user's key as {@code lumen} uses it: a key file that cannot be used stops what needs it, with a clear error. */
class UserKeyCommandTest {

    @TempDir
    Path dir;

    @Test
    void aKeyFileOthersCanReadStopsRunsAndVerification() throws Exception {
        Path key = Files.write(dir.resolve("key"), new byte[32]);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        Map<String, String> env = Map.of(KeyFile.VARIABLE, key.toString());
        String problem = "the key file `" + key + "` cannot be used: its permissions are rw-r--r--: a key must be readable"
                + " and writable by you alone (run `chmod 600 " + key + "`)";

        Path doc = Files.writeString(dir.resolve("parse.lm.md"), """
                # Parse

                ```lumen
                use tool json.parse as Parse
                grant Parse

                cell run(text: String) -> Json
                  return Parse(text: text)
                end
                ```
                """);
        EmitCommandTest.Run run = InvoiceAgentExampleTest.child(env, "run", doc.toString(), "--color=never", "--arg", "text=[1]");
        assertEquals(ExitCodes.ERRORS, run.status(), run.err());
        assertTrue(run.err().startsWith("error: cannot use the tool cache: " + problem), run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
        assertFalse(Files.exists(dir.resolve(".lumen/trace")), "nothing was recorded");

        try (TraceWriter w = TraceWriter.start(Store.at(dir), "parse.lm.md", CanonicalJson.sha256("x"), "run", Map.of())) {
            w.runEnd(1);
        }
        EmitCommandTest.Run verify = InvoiceAgentExampleTest.child(env, "trace", "verify", "last", "--store", dir.toString());
        assertEquals(ExitCodes.USAGE, verify.status(), verify.err());
        assertEquals("error: " + problem + "\n", verify.err());
    }
}
