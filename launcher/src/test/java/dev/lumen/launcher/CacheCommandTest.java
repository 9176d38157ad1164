package dev.lumen.launcher;

import static dev.lumen.launcher.EmitCommandTest.lumen;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.runtime.json.CanonicalJson;
import dev.lumen.runtime.json.CanonicalValue;
import dev.lumen.runtime.store.CacheEntry;
import dev.lumen.runtime.store.ContentHash;
import dev.lumen.runtime.store.Store;
import dev.lumen.runtime.store.UserKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lumen cache ls|clear [--tool ID]}. */
class CacheCommandTest {

    @TempDir
    Path dir;

    private static final String POLICY = CanonicalJson.hash(Map.of());

    private CacheEntry put(String tool, String input, Object output) {
        return Store.at(dir).cache().put(tool, "1.0.0", POLICY, CanonicalValue.of(Map.of("in", input)), CanonicalValue.of(output));
    }

    @Test
    void lsListsEntriesByTool() {
        CacheEntry page = put("http.get", "https://example.com", Map.of("body", "x".repeat(3000)));
        CacheEntry reply = put("llm.chat", "hi", "hello");
        EmitCommandTest.Run r = lumen("cache", "ls", "--store", dir.toString());
        assertEquals(ExitCodes.OK, r.status(), r.err());
        assertEquals("", r.err());
        String[] lines = r.out().split("\n");
        assertEquals(4, lines.length, r.out());
        assertTrue(lines[0].matches("TOOL +VERSION +KEY +CREATED +OUTPUT +INPUTS"), lines[0]);
        assertEquals("http.get  1.0.0    " + ContentHash.brief(page.key()) + "  " + page.created() + "  2.9 KB  {\"in\":\"https://example.com\"}", lines[1]);
        assertEquals("llm.chat  1.0.0    " + ContentHash.brief(reply.key()) + "  " + reply.created() + "  7 B     {\"in\":\"hi\"}", lines[2]);
        assertEquals("2 entries of 2 tools in " + dir.resolve(".lumen/cache"), lines[3]);

        EmitCommandTest.Run one = lumen("cache", "ls", "--tool", "llm.chat", "--store", dir.toString());
        assertTrue(one.out().endsWith("1 entry of tool `llm.chat` in " + dir.resolve(".lumen/cache") + "\n"), one.out());
    }

    @Test
    void aDamagedEntryIsReportedAndNotListed() throws IOException {
        CacheEntry good = put("llm.chat", "a", "fine");
        CacheEntry bad = put("llm.chat", "b", "fine too");
        Files.writeString(Path.of(bad.file()), Files.readString(Path.of(bad.file())).replace("fine too", "FINE TOO"));
        EmitCommandTest.Run r = lumen("cache", "ls", "--store", dir.toString());
        assertEquals(ExitCodes.OK, r.status());
        assertTrue(r.out().contains(ContentHash.brief(good.key())), r.out());
        assertTrue(!r.out().contains(ContentHash.brief(bad.key())), r.out());
        assertTrue(r.err().startsWith("warning: damaged cache entry `" + bad.file() + "`: "), r.err());
        assertTrue(r.err().endsWith("; it is never used\n"), r.err());
    }

    @Test
    void anEntryOfAnotherKeyIsReportedAndNotListed() {
        UserKey other = UserKey.of(new byte[UserKey.LENGTH]);
        CacheEntry theirs = Store.at(dir).withKey(other).cache().put("llm.chat", "1.0.0", POLICY,
                CanonicalValue.of(Map.of("in", "x")), CanonicalValue.of("theirs"));
        EmitCommandTest.Run r = lumen("cache", "ls", "--store", dir.toString());
        assertEquals(ExitCodes.OK, r.status());
        assertEquals("no cache entries in " + dir.resolve(".lumen/cache") + "\n", r.out());
        assertEquals("warning: cache entry `" + theirs.file() + "` is not sealed by your key: it is sealed by another key ("
                + other.id() + "), not yours (" + Store.at(dir).key().id() + "); it is never used\n", r.err());
    }

    @Test
    void clearRemovesOneToolsEntriesOrAll() {
        put("http.get", "1", "a");
        put("http.get", "2", "b");
        put("llm.chat", "3", "c");
        EmitCommandTest.Run one = lumen("cache", "clear", "--tool", "http.get", "--store", dir.toString());
        assertEquals(ExitCodes.OK, one.status(), one.err());
        assertEquals("removed 2 cache entries of tool `http.get` from " + dir.resolve(".lumen/cache") + "\n", one.out());
        assertTrue(lumen("cache", "ls", "--store", dir.toString()).out().startsWith("TOOL"));

        EmitCommandTest.Run all = lumen("cache", "clear", "--store", dir.toString());
        assertEquals("removed 1 cache entry from " + dir.resolve(".lumen/cache") + "\n", all.out());
        EmitCommandTest.Run empty = lumen("cache", "ls", "--store", dir.toString());
        assertEquals("no cache entries in " + dir.resolve(".lumen/cache") + "\n", empty.out());
        assertEquals(ExitCodes.USAGE, lumen("cache").status());
        assertEquals(ExitCodes.USAGE, lumen("cache", "clear", "--tool").status());
    }
}
