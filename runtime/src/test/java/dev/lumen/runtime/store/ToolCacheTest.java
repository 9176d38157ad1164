package dev.lumen.runtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lumen.runtime.files.AtomicFiles;
import dev.lumen.runtime.json.CanonicalJson;
import dev.lumen.runtime.json.CanonicalValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tool cache's promises (trace-v1.md §6), in a store in a folder; {@link ToolCacheInABucketTest} runs the same
 * tests in a bucket. What a test changes behind the cache's back it changes through the store's objects, so the
 * same change reaches a file or an object.
 */
class ToolCacheTest {

    @TempDir
    Path dir;

    /** A store of this backend. */
    Store store() throws Exception {
        return Store.at(dir);
    }

    private static byte[] read(Store store, String name) throws IOException {
        return store.objects().get(name).orElseThrow().content();
    }

    /** Writes {@code content} as {@code name}, over what is there, as someone who can write the store. */
    private static void write(Store store, String name, byte[] content) throws IOException {
        assertTrue(store.objects().writeOver(name, store.objects().get(name), content), name);
    }

    private static String entry(CacheEntry entry) {
        return ToolCache.entryName(entry.toolId(), entry.key());
    }

    private static final String POLICY = CanonicalJson.hash(Map.of("domain", List.of("api.example.com")));
    private static final CanonicalValue ARGS = CanonicalValue.of(Map.of("url", "https://api.example.com/a"));
    private static final CanonicalValue SMALL = CanonicalValue.of(Map.of("status", 200, "body", "ok"));
    private static final CanonicalValue LARGE = CanonicalValue.of(Map.of("status", 200, "body", "y".repeat(4000)));

    @Test
    void theKeyIsTheBlueprintFormula() {
        String expected = CanonicalJson.sha256("http.get:1.0.0:" + POLICY + ":" + ARGS.hash());
        assertEquals(expected, ToolCache.key("http.get", "1.0.0", POLICY, ARGS.hash()));
        assertTrue(ContentHash.isValid(expected));
    }

    @Test
    void putThenGetIsAHitWithTheSameOutput() throws Exception {
        Store store = store();
        ToolCache cache = store.cache();
        assertInstanceOf(CacheLookup.Miss.class, cache.get("http.get", "1.0.0", POLICY, ARGS.hash()));
        CacheEntry put = cache.put("http.get", "1.0.0", POLICY, ARGS, SMALL);
        assertEquals(store.objects().where("cache/http.get/" + ContentHash.hex(put.key()) + ".json"), put.file());

        CacheLookup.Hit hit = assertInstanceOf(CacheLookup.Hit.class, cache.get("http.get", "1.0.0", POLICY, ARGS.hash()));
        assertEquals(SMALL.text(), hit.outputs().text());
        assertEquals(put.key(), hit.entry().key());
        assertEquals(ARGS.preview(RecordedValue.PREVIEW_BYTES), hit.entry().inputsPreview());

        // Any part of the identity changing is another key: a miss.
        assertInstanceOf(CacheLookup.Miss.class, cache.get("http.get", "1.0.1", POLICY, ARGS.hash()));
        assertInstanceOf(CacheLookup.Miss.class, cache.get("http.get", "1.0.0", CanonicalJson.hash("other"), ARGS.hash()));
        assertInstanceOf(CacheLookup.Miss.class, cache.get("http.post", "1.0.0", POLICY, ARGS.hash()));
    }

    /** Two calls with one argument that touch two files (one path in two folders) never share an entry. */
    @Test
    void aCallIsKeyedOnWhatItTouches() throws Exception {
        Store store = store();
        ToolCache cache = store.cache();
        CanonicalValue read = CanonicalValue.of(Map.of("path", "data/f.txt"));
        CacheEntry a = cache.put("fs.read", "1.0.0", POLICY, read.hash(), "/srv/a/data/f.txt", read, CanonicalValue.of("a"));
        cache.put("fs.read", "1.0.0", POLICY, read.hash(), "/srv/b/data/f.txt", read, CanonicalValue.of("b"));
        assertEquals(CanonicalJson.sha256("fs.read:1.0.0:" + POLICY + ":" + read.hash() + ":"
                + CanonicalJson.sha256("/srv/a/data/f.txt")), a.key());
        assertEquals("\"a\"", assertInstanceOf(CacheLookup.Hit.class,
                cache.get("fs.read", "1.0.0", POLICY, read.hash(), "/srv/a/data/f.txt")).outputs().text());
        assertEquals("\"b\"", assertInstanceOf(CacheLookup.Hit.class,
                cache.get("fs.read", "1.0.0", POLICY, read.hash(), "/srv/b/data/f.txt")).outputs().text());
        assertInstanceOf(CacheLookup.Miss.class, cache.get("fs.read", "1.0.0", POLICY, read.hash()));
        assertInstanceOf(CacheLookup.Miss.class, cache.get("fs.read", "1.0.0", POLICY, read.hash(), "/srv/c/data/f.txt"));
        String text = new String(read(store, entry(a)), StandardCharsets.UTF_8);
        assertTrue(text.contains("\"target_hash\":\"" + CanonicalJson.sha256("/srv/a/data/f.txt") + "\""), text);
        assertFalse(text.contains("/srv/a"), "the entry names the file by its hash only: " + text);
    }

    @Test
    void aLargeOutputIsKeptInABlob() throws Exception {
        Store store = store();
        CacheEntry put = store.cache().put("http.get", "1.0.0", POLICY, ARGS, LARGE);
        assertFalse(put.outputs().isInline());
        assertTrue(read(store, entry(put)).length < 1000, "the entry holds the hash, not the output");
        assertTrue(store.objects().get(BlobStore.name(LARGE.hash())).isPresent());
        CacheLookup.Hit hit = assertInstanceOf(CacheLookup.Hit.class,
                store.cache().get("http.get", "1.0.0", POLICY, ARGS.hash()));
        assertEquals(LARGE, hit.outputs());
        assertEquals(LARGE.text(), hit.outputs().text());
    }

    /**
     * A change to any byte of an entry makes it corrupt — or, in its {@code key_id}, an entry of another key —
     * reported, and never served.
     */
    @Test
    void aDamagedEntryIsNeverServed() throws Exception {
        Store store = store();
        ToolCache cache = store.cache();
        CacheEntry put = cache.put("llm.chat", "1.0.0", POLICY, ARGS, SMALL);
        byte[] original = read(store, entry(put));
        for (int position = 0; position < original.length; position++) {
            for (int mask : new int[] {0x01, 0x20}) {
                byte[] damaged = original.clone();
                damaged[position] ^= (byte) mask;
                write(store, entry(put), damaged);
                CacheLookup lookup = cache.get("llm.chat", "1.0.0", POLICY, ARGS.hash());
                if (lookup instanceof CacheLookup.Corrupt corrupt) {
                    assertEquals(put.file(), corrupt.file());
                    assertFalse(corrupt.problem().isEmpty());
                } else if (!(lookup instanceof CacheLookup.Unsealed unsealed && inKeyId(original, position))) {
                    fail("byte " + position + " flipped with " + mask + " gave " + lookup);
                    return;
                }
            }
        }
        write(store, entry(put), original);
        assertInstanceOf(CacheLookup.Hit.class, cache.get("llm.chat", "1.0.0", POLICY, ARGS.hash()));
    }

    @Test
    void aDamagedOrMissingBlobMakesTheEntryCorruptAndAPutRepairsIt() throws Exception {
        Store store = store();
        ToolCache cache = store.cache();
        cache.put("http.get", "1.0.0", POLICY, ARGS, LARGE);
        String blob = BlobStore.name(LARGE.hash());
        byte[] content = read(store, blob);
        content[content.length / 2] ^= 1;
        write(store, blob, content);
        CacheLookup.Corrupt corrupt = assertInstanceOf(CacheLookup.Corrupt.class,
                cache.get("http.get", "1.0.0", POLICY, ARGS.hash()));
        assertTrue(corrupt.problem().contains("corrupt"), corrupt.problem());
        assertEquals(1, cache.list(null).corrupt().size());

        assertTrue(store.objects().delete(blob));
        assertTrue(cache.list(null).corrupt().getFirst().problem().contains("missing"), cache.list(null).toString());
        assertInstanceOf(CacheLookup.Corrupt.class, cache.get("http.get", "1.0.0", POLICY, ARGS.hash()));

        cache.put("http.get", "1.0.0", POLICY, ARGS, LARGE);
        assertInstanceOf(CacheLookup.Hit.class, cache.get("http.get", "1.0.0", POLICY, ARGS.hash()));
    }

    @Test
    void anEntryCopiedUnderAnotherKeyIsCorrupt() throws Exception {
        Store store = store();
        ToolCache cache = store.cache();
        CacheEntry a = cache.put("http.get", "1.0.0", POLICY, ARGS, SMALL);
        CanonicalValue otherArgs = CanonicalValue.of(Map.of("url", "https://api.example.com/b"));
        String otherKey = ToolCache.key("http.get", "1.0.0", POLICY, otherArgs.hash());
        write(store, ToolCache.entryName("http.get", otherKey), read(store, entry(a)));
        CacheLookup.Corrupt corrupt = assertInstanceOf(CacheLookup.Corrupt.class,
                cache.get("http.get", "1.0.0", POLICY, otherArgs.hash()));
        assertTrue(corrupt.problem().contains("another key"), corrupt.problem());
    }

    @Test
    void listAndClearByTool() throws Exception {
        Store store = store();
        ToolCache cache = store.cache();
        assertTrue(cache.list(null).entries().isEmpty(), "an absent cache lists nothing");
        assertEquals(0, cache.clear(null));
        cache.put("http.get", "1.0.0", POLICY, ARGS, SMALL);
        cache.put("http.get", "1.0.0", POLICY, CanonicalValue.of(Map.of("url", "https://api.example.com/c")), LARGE);
        cache.put("llm.chat", "1.0.0", POLICY, ARGS, SMALL);
        if (!store.inBucket()) { // a killed writer's temporary file, which only a folder can have
            Files.writeString(dir.resolve(".lumen/cache/http.get").resolve(AtomicFiles.TEMP_PREFIX + "left-by-a-killed-run"), "{");
        }

        ToolCache.Listing all = cache.list(null);
        assertEquals(List.of("http.get", "http.get", "llm.chat"), all.entries().stream().map(CacheEntry::toolId).toList());
        assertTrue(all.corrupt().isEmpty(), "temporary files are not entries");
        assertEquals(1, cache.list("llm.chat").entries().size());
        assertEquals(0, cache.list("fs.read").entries().size());

        assertEquals(2, cache.clear("http.get"));
        assertEquals(List.of(), cache.list("http.get").entries());
        assertEquals(List.of("llm.chat"), cache.list(null).entries().stream().map(CacheEntry::toolId).toList());
        assertTrue(store.objects().get(BlobStore.name(LARGE.hash())).isPresent(), "blobs stay: traces may refer to them");
        assertEquals(1, cache.clear(null));
        assertTrue(cache.list(null).entries().isEmpty());
    }

    /**
     * Someone who can write the store but not read the key edits an entry's output and re-seals it as the old
     * format did (plain SHA-256 of the rest): the entry is never served.
     */
    @Test
    void anEntryForgedAndResealedWithoutTheKeyIsNeverServed() throws Exception {
        Store store = store();
        ToolCache cache = store.cache();
        CacheEntry put = cache.put("llm.chat", "1.0.0", POLICY, ARGS, SMALL);
        ObjectNode entry = (ObjectNode) CanonicalJson.parse(new String(read(store, entry(put)), StandardCharsets.UTF_8));
        CanonicalValue forged = CanonicalValue.of(Map.of("status", 200, "body", "forged"));
        entry.set("outputs", CanonicalJson.parse(forged.text()));
        entry.put("outputs_hash", forged.hash());

        entry.put("seal", StoredJson.hashOf(entry, name -> !name.equals("seal")));
        write(store, entry(put), (CanonicalJson.write(entry) + "\n").getBytes(StandardCharsets.UTF_8));
        CacheLookup.Corrupt corrupt = assertInstanceOf(CacheLookup.Corrupt.class, cache.get("llm.chat", "1.0.0", POLICY, ARGS.hash()));
        assertTrue(corrupt.problem().contains("not your key's seal"), corrupt.problem());

        entry.remove("key_id"); // as an entry of an earlier Lumen
        entry.put("seal", StoredJson.hashOf(entry, name -> !name.equals("seal")));
        write(store, entry(put), (CanonicalJson.write(entry) + "\n").getBytes(StandardCharsets.UTF_8));
        CacheLookup.Unsealed unsealed = assertInstanceOf(CacheLookup.Unsealed.class,
                cache.get("llm.chat", "1.0.0", POLICY, ARGS.hash()));
        assertTrue(unsealed.problem().contains("not sealed with any key"), unsealed.problem());
        assertEquals(List.of(put.file()), cache.list(null).unsealed().stream().map(CacheLookup.Unsealed::file).toList());

        // A key other than the user's seals it properly, but it is still not the user's.
        UserKey forger = UserKey.of(new byte[UserKey.LENGTH]);
        entry.put("key_id", forger.id());
        entry.remove("seal");
        entry.put("seal", forger.seal(UserKey.Purpose.CACHE_ENTRY, CanonicalJson.write(entry)));
        write(store, entry(put), (CanonicalJson.write(entry) + "\n").getBytes(StandardCharsets.UTF_8));
        assertInstanceOf(CacheLookup.Unsealed.class, cache.get("llm.chat", "1.0.0", POLICY, ARGS.hash()));
        assertInstanceOf(CacheLookup.Hit.class, store.withKey(forger).cache().get("llm.chat", "1.0.0", POLICY,
                ARGS.hash()), "the key that sealed it serves it");
    }

    /** Two users sharing a store: an entry one wrote is a miss for the other, whose own result replaces it. */
    @Test
    void anEntryOfAnotherUsersKeyIsAMissThatAPutReplaces() throws Exception {
        Store store = store();
        Store other = store.withKey(UserKey.of(new byte[UserKey.LENGTH]));
        other.cache().put("http.get", "1.0.0", POLICY, ARGS, SMALL);
        CacheLookup.Unsealed unsealed = assertInstanceOf(CacheLookup.Unsealed.class,
                store.cache().get("http.get", "1.0.0", POLICY, ARGS.hash()));
        assertTrue(unsealed.problem().contains("sealed by another key (" + other.key().id() + "), not yours ("
                + store.key().id() + ")"), unsealed.problem());
        store.cache().put("http.get", "1.0.0", POLICY, ARGS, SMALL);
        assertInstanceOf(CacheLookup.Hit.class, store.cache().get("http.get", "1.0.0", POLICY, ARGS.hash()));
        assertInstanceOf(CacheLookup.Unsealed.class, other.cache().get("http.get", "1.0.0", POLICY, ARGS.hash()));
    }

    @Test
    void toolIdsBecomeSafeDirectoryNames() throws Exception {
        assertEquals("llm.chat", ToolCache.toolDirName("llm.chat"));
        assertEquals("mcp%3A%2F%2Fhost%2Fx", ToolCache.toolDirName("mcp://host/x"));
        assertEquals("%2E.", ToolCache.toolDirName(".."));
        assertEquals("%2Ehidden", ToolCache.toolDirName(".hidden"));
        assertEquals("caf%C3%A9", ToolCache.toolDirName("café"));
        assertEquals("a%25b", ToolCache.toolDirName("a%b"));
        Store store = store();
        ToolCache cache = store.cache();
        CacheEntry entry = cache.put("mcp:../../etc", "1", POLICY, ARGS, SMALL);
        assertTrue(entry.file().startsWith(store.objects().where("cache/x").replace("/x", "/")), entry.file());
        assertInstanceOf(CacheLookup.Hit.class, cache.get("mcp:../../etc", "1", POLICY, ARGS.hash()));
    }

    /** Whether byte {@code position} of an entry is in the value of its {@code key_id}. */
    private static boolean inKeyId(byte[] entry, int position) {
        String text = new String(entry, StandardCharsets.UTF_8);
        int start = text.indexOf("\"key_id\":\"") + "\"key_id\":\"".length();
        return position >= start - "key_id\":\"".length() - 1 && position < start + 16;
    }
}
