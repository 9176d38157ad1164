package dev.lumen.runtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.runtime.json.CanonicalJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cache entries the examples ship are sealed by no user's key; Lumen trusts exactly those files, by
 * digest, wherever they are — and nothing else that is not sealed with the user's key.
 */
class ShippedCacheTest {
    /** The stores that ship cache entries: the examples' and the tutorials'. */
    private static final List<Path> STORES =
            List.of(Path.of("..", "examples"), Path.of("..", "docs", "tutorials", "first-agent"));

    @TempDir
    Path dir;

    private static List<Path> shippedEntries() throws IOException {
        List<Path> entries = new ArrayList<>();
        for (Path store : STORES) {
            try (Stream<Path> files = Files.walk(cacheOf(store))) {
                files.filter(p -> p.toString().endsWith(".json")).sorted().forEach(entries::add);
            }
        }
        return entries;
    }

    private static Path cacheOf(Path store) {
        return store.resolve(".lumen").resolve("cache");
    }

    @Test
    void everyShippedEntryIsListedAsTrusted() throws IOException {
        List<Path> entries = shippedEntries();
        assertFalse(entries.isEmpty(), "the examples and the tutorials ship a cache");
        for (Path entry : entries) {
            assertTrue(TrustedEntries.contains(CanonicalJson.sha256(Files.readAllBytes(entry))), entry + " changed: update its"
                    + " line in runtime/src/main/resources/dev/lumen/runtime/store/trusted-cache-entries.txt");
        }
        assertEquals(entries.size(), TrustedEntries.digests().size(), "every trusted digest is a shipped entry");
    }

    @Test
    void aShippedEntryIsServedFromAnyStoreAndAChangedOneIsNot() throws IOException {
        for (Path shipped : shippedEntries()) {
            JsonNode entry = CanonicalJson.parse(Files.readString(shipped));
            String tool = entry.get("tool_id").textValue();
            Path shippedCache = STORES.stream().map(ShippedCacheTest::cacheOf).filter(shipped::startsWith).findFirst()
                    .orElseThrow();
            Path copy = dir.resolve(".lumen/cache").resolve(shippedCache.relativize(shipped));
            Files.createDirectories(copy.getParent());
            Files.copy(shipped, copy);
            ToolCache cache = Store.at(dir).cache();
            CacheLookup.Hit hit = assertInstanceOf(CacheLookup.Hit.class, cache.get(tool, entry.get("tool_version").textValue(),
                    entry.get("policy_hash").textValue(), entry.get("inputs_hash").textValue()));
            assertEquals(entry.get("outputs_hash").textValue(), hit.outputs().hash());

            Files.writeString(copy, Files.readString(copy).replace("\"created\":\"", "\"created\":\"1"));
            assertFalse(cache.get(tool, entry.get("tool_version").textValue(), entry.get("policy_hash").textValue(),
                    entry.get("inputs_hash").textValue()) instanceof CacheLookup.Hit, "an edited shipped entry is not trusted");
        }
    }
}
