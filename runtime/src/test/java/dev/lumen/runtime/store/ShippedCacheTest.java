package dev.lumen.runtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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
 * The cache entries the examples and {@code lumen init}'s project ship are sealed by no user's key; Lumen trusts exactly those files, by
 * digest, wherever they are — and nothing else that is not sealed with the user's key.
 */
class ShippedCacheTest {
    /** The stores that ship cache entries: the examples' and the tutorials'. */
    private static final List<Path> STORES =
            List.of(Path.of("..", "examples"), Path.of("..", "docs", "tutorials", "first-agent"));
    /** The project {@code lumen init} writes, whose entries are filed by their key when it writes them. */
    private static final Path INIT_TEMPLATE = Path.of("..", "launcher", "src", "main", "resources", "dev", "lumen",
            "launcher", "init");

    @TempDir
    Path dir;

    private static List<Path> shippedEntries() throws IOException {
        List<Path> entries = new ArrayList<>();
        for (Path store : STORES) {
            try (Stream<Path> files = Files.walk(store.resolve(".lumen").resolve("cache"))) {
                files.filter(p -> p.toString().endsWith(".json")).sorted().forEach(entries::add);
            }
        }
        try (Stream<Path> files = Files.list(INIT_TEMPLATE)) {
            files.filter(p -> p.toString().endsWith(".json") && !p.getFileName().toString().equals("tool.json"))
                    .sorted().forEach(entries::add);
        }
        return entries;
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
            ToolCache cache = Store.at(dir).cache();
            Path copy = dir.resolve(".lumen").resolve(ToolCache.entryName(tool, entry.get("key").textValue()));
            Files.createDirectories(copy.getParent());
            Files.copy(shipped, copy);
            assertEquals(entry.get("outputs_hash").textValue(), served(cache, entry), shipped.toString());

            Files.writeString(copy, Files.readString(copy).replace("\"created\":\"", "\"created\":\"1"));
            assertNull(served(cache, entry), "an edited shipped entry is not trusted: " + shipped);
            Files.delete(copy);
        }
    }

    /**
     * The hash of the output {@code cache} serves for the call {@code entry} answers, or null. A call that touches a
     * target (an MCP server's) is keyed on that target, which the entry holds only hashed: it is looked up in the
     * listing, which checks entries as a lookup does.
     */
    private static String served(ToolCache cache, JsonNode entry) {
        String tool = entry.get("tool_id").textValue();
        if (entry.has("target_hash")) {
            return cache.list(tool).entries().stream()
                    .filter(e -> e.key().equals(entry.get("key").textValue()))
                    .map(e -> e.outputs().hash())
                    .findFirst()
                    .orElse(null);
        }
        return cache.get(tool, entry.get("tool_version").textValue(), entry.get("policy_hash").textValue(),
                entry.get("inputs_hash").textValue()) instanceof CacheLookup.Hit hit ? hit.outputs().hash() : null;
    }
}
