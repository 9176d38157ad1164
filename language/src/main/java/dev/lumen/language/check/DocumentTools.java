package dev.lumen.language.check;

import dev.lumen.runtime.mcp.McpConnector;
import dev.lumen.runtime.mcp.McpException;
import dev.lumen.runtime.mcp.McpServerManifest;
import dev.lumen.runtime.mcp.McpSettings;
import dev.lumen.runtime.store.Store;
import dev.lumen.runtime.tools.LockFile;
import dev.lumen.runtime.tools.ManifestException;
import dev.lumen.runtime.tools.ToolLocator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a document's `use tool` lines resolve against: the tools found for it (project, path, bundled), the
 * lock file its tools must match under {@code @lock strict}, and the manifests of the MCP servers it imports,
 * from that lock file or from the live servers.
 *
 * @param tools       where tool ids are looked up
 * @param strict      whether the document says {@code @lock strict}
 * @param lock        the lock file, or null when there is none (or it could not be read)
 * @param lockFile    where the lock file is (or would be)
 * @param lockError   why the lock file could not be read, or null
 * @param unreachable why the manifest of an imported MCP server is unknown, by address: the server could not
 *                    be reached
 */
public record DocumentTools(ToolLocator tools, boolean strict, LockFile lock, Path lockFile, String lockError,
        Map<String, String> unreachable) {

    public DocumentTools {
        unreachable = Collections.unmodifiableMap(new LinkedHashMap<>(unreachable));
    }

    /** Bundled tools only, no lock: for documents that are not files (tests, snippets). */
    public static DocumentTools bundled() {
        return new DocumentTools(ToolLocator.bundled(), false, null, null, null, Map.of());
    }

    /**
     * The tools of the document at {@code document}, with its project's lock file: what it pins is checked
     * when {@code strict}, and the MCP server manifests it records type MCP calls in any case. With
     * {@link ServerManifests#LIVE}, a server of {@code servers} that the lock file does not record is reached,
     * and its manifest recorded in the lock file; not under {@code strict}, where the lock file is the truth.
     */
    public static DocumentTools forDocument(Path document, Map<String, String> env, boolean strict,
            ServerManifests manifests, List<String> servers) {
        ToolLocator tools = ToolLocator.forDocument(document, env);
        Path lockFile = LockFile.location(Store.forDocument(document));
        LockFile lock;
        try {
            lock = LockFile.read(lockFile).orElse(null);
        } catch (ManifestException e) {
            return new DocumentTools(tools, strict, null, lockFile, e.getMessage(), Map.of());
        }
        Map<String, String> unreachable = new LinkedHashMap<>();
        if (manifests == ServerManifests.LIVE && !strict) {
            LockFile before = lock;
            for (String address : servers) {
                if (recorded(lock, address).isEmpty()) {
                    try {
                        McpServerManifest manifest = McpConnector.manifest(address,
                                McpSettings.of(document.toAbsolutePath().getParent()));
                        lock = (lock == null ? LockFile.empty() : lock).withServer(address, manifest.toJson());
                    } catch (McpException e) {
                        unreachable.put(address, e.getMessage());
                    }
                }
            }
            if (lock != before) {
                try {
                    lock.write(lockFile);
                } catch (IOException e) {
                    // The manifests still type this check; the next one reaches the servers again.
                }
            }
        }
        return new DocumentTools(tools, strict, lock, lockFile, null, unreachable);
    }

    /** The manifest the lock file records for the MCP server at {@code address}, if it records one. */
    public Optional<McpServerManifest> mcpServer(String address) {
        return recorded(lock, address);
    }

    private static Optional<McpServerManifest> recorded(LockFile lock, String address) {
        if (lock == null || !lock.mcpServers().containsKey(address)) {
            return Optional.empty();
        }
        try {
            return Optional.of(McpServerManifest.fromJson(lock.mcpServers().get(address)));
        } catch (RuntimeException e) { // a damaged entry types nothing; it is read from the server anew
            return Optional.empty();
        }
    }
}
