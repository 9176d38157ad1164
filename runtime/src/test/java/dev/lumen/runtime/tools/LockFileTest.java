package dev.lumen.runtime.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** .lumen/lock.json: written, read back, compared with the tools found now. */
class LockFileTest {
    @TempDir
    Path dir;

    private ToolLocator.Located located(String id, String version, String description) {
        String text = ToolLocatorTest.manifest(id, version).replace("\"d\"", "\"" + description + "\"");
        return new ToolLocator.Located(ToolManifest.parse(text), dir, ToolLocator.Origin.PROJECT, false);
    }

    @Test
    void writesSortedReadableJsonAndReadsItBack() throws IOException {
        Path file = dir.resolve(".lumen/lock.json");
        ToolLocator.Located parse = ToolLocator.bundled().find("json.parse").orElseThrow();
        LockFile lock = LockFile.empty().with(located("text.stats", "1.0.0", "d")).with(parse);
        lock.write(file);
        String text = Files.readString(file);
        assertTrue(text.startsWith("{\n  \"lumen_lock\" : 1,\n  \"tools\" : {\n    \"json.parse\" : {"), text);
        assertTrue(text.indexOf("json.parse") < text.indexOf("text.stats"));
        assertEquals(lock, LockFile.read(file).orElseThrow());
        assertEquals("bundled", lock.tools().get("json.parse").origin());
        assertEquals(List.of("lock.json"), Files.list(file.getParent()).map(p -> p.getFileName().toString()).toList(),
                "no temporary file is left behind");
    }

    @Test
    void tellsWhatDiffers() {
        LockFile lock = LockFile.empty().with(located("text.stats", "1.0.0", "d"));
        assertTrue(lock.difference(located("text.stats", "1.0.0", "d")).isEmpty());
        assertEquals("`text.stats` is locked at version 1.0.0, found 1.1.0 (" + dir.resolve("tool.json") + ")",
                lock.difference(located("text.stats", "1.1.0", "d")).orElseThrow());
        assertTrue(lock.difference(located("text.stats", "1.0.0", "changed")).orElseThrow()
                .startsWith("the manifest of `text.stats` 1.0.0 changed since it was locked"));
        assertEquals("the lock file does not list `text.words`",
                lock.difference(located("text.words", "1.0.0", "d")).orElseThrow());
    }

    @Test
    void aMissingFileIsNoLockAndABadOneIsAClearError() throws IOException {
        assertTrue(LockFile.read(dir.resolve("none.json")).isEmpty());
        Path file = dir.resolve("lock.json");
        Files.writeString(file, "{\"lumen_lock\": 2, \"tools\": {}}");
        assertTrue(assertThrows(ManifestException.class, () -> LockFile.read(file)).getMessage()
                .endsWith("lock file format 2 is not the one this Lumen reads (1); run `lumen lock` again"));
        Files.writeString(file, "[]");
        assertTrue(assertThrows(ManifestException.class, () -> LockFile.read(file)).getMessage()
                .endsWith("not a Lumen lock file (no `lumen_lock` format number)"));
        Files.writeString(file, "{\"lumen_lock\": 1, \"tools\": {\"x\": {\"version\": 1}}}");
        assertTrue(assertThrows(ManifestException.class, () -> LockFile.read(file)).getMessage()
                .endsWith("tool `x` needs string `version`, `manifest` and `origin`"));
        Files.writeString(file, "{\"lumen_lock\": 1,");
        assertTrue(assertThrows(ManifestException.class, () -> LockFile.read(file)).getMessage()
                .contains("the lock file is not valid JSON"));
    }
}
