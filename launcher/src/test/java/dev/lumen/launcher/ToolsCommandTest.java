package dev.lumen.launcher;

import static dev.lumen.launcher.EmitCommandTest.lumen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lumen tools ls|check} and {@code lumen lock}, with `@lock strict` checked against the lock file. */
class ToolsCommandTest {
    @TempDir
    Path dir;

    private static final String STATS = """
            {"tool_id": "text.stats", "version": "%s", "description": "Counts words",
             "input_schema": {"type": "record", "fields": {"text": {"type": "%s"}}},
             "output_schema": {"type": "Json"},
             "exec": {"command": "python3", "args": ["stats.py"]}}
            """;

    private Path stats(String version, String inputType) throws IOException {
        Path d = Files.createDirectories(dir.resolve("tools/stats"));
        return Files.writeString(d.resolve("tool.json"), STATS.formatted(version, inputType));
    }

    private Path document(String directives) throws IOException {
        return Files.writeString(dir.resolve("doc.lm.md"), directives + """

                ```lumen
                use tool text.stats as Stats
                use tool json.parse as ParseJson
                grant Stats
                grant ParseJson

                cell run() -> Json
                  return Stats(text: "a b")
                end
                ```
                """);
    }

    @Test
    void lsListsProjectToolsBeforeTheBundledOnes() throws IOException {
        stats("1.0.0", "String");
        Files.createDirectories(dir.resolve("tools/broken"));
        Files.writeString(dir.resolve("tools/broken/tool.json"), "{");
        EmitCommandTest.Run r = lumen("tools", "ls", dir.toString());
        assertEquals(ExitCodes.OK, r.status(), r.err());
        String[] lines = r.out().split("\n");
        assertTrue(lines[0].matches("TOOL +VERSION +EFFECT +FROM +DESCRIPTION"), lines[0]);
        assertTrue(lines[1].matches("text\\.stats +1\\.0\\.0 +write +" + java.util.regex.Pattern.quote(
                dir.resolve("tools/stats/tool.json").toString()) + " +Counts words"), lines[1]);
        assertTrue(lines[2].matches("http\\.get +1\\.0\\.0 +read +bundled .*"), lines[2]);
        assertTrue(lines[3].matches("http\\.post +1\\.0\\.0 +write +bundled .*"), lines[3]);
        assertTrue(lines[4].matches("llm\\.chat +1\\.0\\.0 +pure +bundled .*"), lines[4]);
        assertEquals(9, lines.length, r.out()); // the header, text.stats and the seven bundled tools
        assertTrue(r.err().startsWith("warning: " + dir.resolve("tools/broken/tool.json")
                + " was skipped: tool manifest is not valid JSON at line 1"), r.err());
    }

    @Test
    void checkSaysWhatIsWrongWithAManifest() throws IOException {
        Path good = stats("1.0.0", "String");
        EmitCommandTest.Run ok = lumen("tools", "check", good.getParent().toString());
        assertEquals(ExitCodes.OK, ok.status(), ok.err());
        assertEquals(good + ": text.stats 1.0.0 is a valid tool manifest (effect: write)\n", ok.out(),
                "a manifest that declares no effect is taken as a write");

        Path bad = stats("1.0.0", "list[Strng]");
        EmitCommandTest.Run r = lumen("tools", "check", bad.toString());
        assertEquals(ExitCodes.ERRORS, r.status());
        assertEquals("error: " + bad + ": manifest of `text.stats`, input_schema, field `text`: `list[Strng]` is not a "
                + "built-in Lumen type (String, Int, Float, Bool, Bytes, Json, Null, list[T], map[String, T], T | U)\n", r.err());

        Files.writeString(good, STATS.formatted("1.0.0", "String").replace("\"exec\"", "\"effect\": \"read\", \"exec\""));
        assertEquals(good + ": text.stats 1.0.0 is a valid tool manifest (effect: read)\n",
                lumen("tools", "check", good.toString()).out());
        Files.writeString(good, STATS.formatted("1.0.0", "String").replace("\"exec\"", "\"effect\": \"reads\", \"exec\""));
        EmitCommandTest.Run effect = lumen("tools", "check", good.toString());
        assertEquals(ExitCodes.ERRORS, effect.status());
        assertEquals("error: " + good + ": manifest of `text.stats`: `effect` must be \"pure\", \"read\" or \"write\", "
                + "not \"reads\"\n", effect.err());

        EmitCommandTest.Run missing = lumen("tools", "check", dir.resolve("nope.json").toString());
        assertEquals(ExitCodes.USAGE, missing.status());
        assertTrue(missing.err().contains("no such file"), missing.err());
    }

    @Test
    void aStrictDocumentChecksOnlyAgainstTheToolsItsLockFilePins() throws IOException {
        stats("1.0.0", "String");
        Path doc = document("@lumen 1\n@lock strict\n");

        EmitCommandTest.Run unlocked = lumen("check", doc.toString());
        assertEquals(ExitCodes.ERRORS, unlocked.status());
        assertTrue(unlocked.err().contains("error[E0048]: `text.stats` does not match the lock file"), unlocked.err());
        assertTrue(unlocked.err().contains("= note: there is no lock file (" + dir.resolve(".lumen/lock.json") + ")"),
                unlocked.err());

        EmitCommandTest.Run lock = lumen("lock", doc.toString());
        assertEquals(ExitCodes.OK, lock.status(), lock.err());
        assertEquals("locked 2 tools of `" + doc + "` in " + dir.resolve(".lumen/lock.json")
                + ": text.stats 1.0.0 (project), json.parse 1.0.0 (bundled)\n", lock.out());
        assertEquals(ExitCodes.OK, lumen("check", doc.toString()).status());

        stats("1.0.0", "String | Null"); // same version, another manifest
        EmitCommandTest.Run changed = lumen("check", doc.toString());
        assertEquals(ExitCodes.ERRORS, changed.status());
        assertTrue(changed.err().contains("= note: the manifest of `text.stats` 1.0.0 changed since it was locked"),
                changed.err());
        assertEquals(ExitCodes.ERRORS, lumen("run", doc.toString()).status(), "a run compiles under the same lock");

        stats("1.1.0", "String");
        assertTrue(lumen("check", doc.toString()).err().contains(
                "= note: `text.stats` is locked at version 1.0.0, found 1.1.0"));
        assertEquals(ExitCodes.OK, lumen("lock", doc.toString()).status());
        assertEquals(ExitCodes.OK, lumen("check", doc.toString()).status());
    }

    @Test
    void withoutLockStrictTheLockFileIsNotRead() throws IOException {
        stats("1.0.0", "String");
        Path doc = document("@lumen 1\n");
        Files.createDirectories(dir.resolve(".lumen"));
        Files.writeString(dir.resolve(".lumen/lock.json"), "not json");
        assertEquals(ExitCodes.OK, lumen("check", doc.toString()).status());
        EmitCommandTest.Run lock = lumen("lock", doc.toString());
        assertEquals(ExitCodes.ERRORS, lock.status());
        assertTrue(lock.err().startsWith("error: " + dir.resolve(".lumen/lock.json") + ": the lock file is not valid JSON"),
                lock.err());
    }

    @Test
    void lockRefusesADocumentWhoseToolIsNotFound() throws IOException {
        Path doc = document("@lumen 1\n");
        EmitCommandTest.Run r = lumen("lock", doc.toString());
        assertEquals(ExitCodes.ERRORS, r.status());
        assertEquals("error: `" + doc + "` imports `text.stats`, which is not found; `lumen check " + doc
                + "` says more\n", r.err());
        assertTrue(!Files.exists(dir.resolve(".lumen/lock.json")));
    }
}
