package dev.lumen.language.check;

import dev.lumen.runtime.mcp.McpServerManifest;
import dev.lumen.runtime.tools.LockFile;
import dev.lumen.runtime.tools.ManifestException;
import dev.lumen.runtime.tools.ToolLocator;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What a document's `use tool` lines resolve against: the tools found for it (project, path, bundled), the
 * lock file its tools must match under {@code @lock strict}, and the MCP server manifests that lock file records.
 *
 * @param tools     where tool ids are looked up
 * @param strict    whether the document says {@code @lock strict}
 * @param lock      the lock file, or null when there is none (or it could not be read)
 * @param lockFile  where the lock file is (or would be)
 * @param lockError why the lock file could not be read, or null
 */
public record DocumentTools(ToolLocator tools, boolean strict, LockFile lock, Path lockFile, String lockError) {

    /** Bundled tools only, no lock: for documents that are not files (tests, snippets). */
    public static DocumentTools bundled() {
        return new DocumentTools(ToolLocator.bundled(), false, null, null, null);
    }

    /**
     * The tools of the document at {@code document}, with its project's lock file: what it pins is checked
     * when {@code strict}, and the MCP server manifests it records type MCP calls in any case.
     */
    public static DocumentTools forDocument(Path document, Map<String, String> env, boolean strict) {
        ToolLocator tools = ToolLocator.forDocument(document, env);
        Path lockFile = LockFile.location(dev.lumen.runtime.store.Store.forDocument(document));
        try {
            return new DocumentTools(tools, strict, LockFile.read(lockFile).orElse(null), lockFile, null);
        } catch (ManifestException e) {
            return new DocumentTools(tools, strict, null, lockFile, e.getMessage());
        }
    }

    /** The manifest the lock file records for the MCP server at {@code address}, if it records one. */
    public Optional<McpServerManifest> mcpServer(String address) {
        if (lock == null || !lock.mcpServers().containsKey(address)) {
            return Optional.empty();
        }
        try {
            return Optional.of(McpServerManifest.fromJson(lock.mcpServers().get(address)));
        } catch (RuntimeException e) { // a damaged entry types nothing; `lumen lock` writes it anew
            return Optional.empty();
        }
    }
}
