package dev.lumen.language.project;

import dev.lumen.runtime.mcp.McpException;
import dev.lumen.runtime.mcp.McpServerManifest;
import dev.lumen.runtime.tools.HostToolSet;
import dev.lumen.runtime.tools.LockFile;
import dev.lumen.runtime.tools.ToolLocator;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the front end knows of a document's surroundings, read before it runs so that it needs no I/O of its
 * own: the tools found for the document, its project's lock file as it was read (or why it could not be), the
 * MCP server manifests that lock file records, and the servers a run could not reach for theirs. Built by
 * {@link ProjectLoader}; immutable.
 *
 * @param document    the document's file, as the user named it; null for a document that is not a file
 * @param tools       where tool ids are looked up
 * @param lockFile    where the project's lock file is (or would be); null when the document is not a file
 * @param lock        the lock file, or null when there is none or it could not be read
 * @param lockError   why the lock file could not be read, or null
 * @param servers     the manifests the lock file records, by server address
 * @param damaged     why a server's entry in the lock file cannot be used, by address
 * @param unreachable why a server could not be reached for its manifest, by address (only a run reaches servers)
 */
public record Project(Path document, ToolLocator tools, Path lockFile, LockFile lock, String lockError,
        Map<String, McpServerManifest> servers, Map<String, String> damaged, Map<String, String> unreachable) {

    /** A word a POSIX shell reads as itself. */
    private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_./@%+=:,-]+");

    public Project {
        servers = Collections.unmodifiableMap(new LinkedHashMap<>(servers));
        damaged = Collections.unmodifiableMap(new LinkedHashMap<>(damaged));
        unreachable = Collections.unmodifiableMap(new LinkedHashMap<>(unreachable));
    }

    /**
     * The surroundings of a document that is not a file (a snippet, a test, an unsaved buffer): the bundled
     * tools and no lock file, so its MCP calls are not typed.
     */
    public static Project none() {
        return new Project(null, ToolLocator.bundled(), null, null, null, Map.of(), Map.of(), Map.of());
    }

    /** A document's project with {@code lock} as its lock file's contents (null for none), its manifests read out. */
    static Project of(Path document, ToolLocator tools, Path lockFile, LockFile lock, String lockError,
            Map<String, String> unreachable) {
        Map<String, McpServerManifest> servers = new LinkedHashMap<>();
        Map<String, String> damaged = new LinkedHashMap<>();
        if (lock != null) {
            lock.mcpServers().forEach((address, json) -> {
                try {
                    servers.put(address, McpServerManifest.fromJson(json));
                } catch (McpException e) {
                    damaged.put(address, e.getMessage());
                }
            });
        }
        return new Project(document, tools, lockFile, lock, lockError, servers, damaged, unreachable);
    }

    /** This project with the tools a host offers (tool-manifest-v1.md §8) found before its own. */
    public Project withHostTools(HostToolSet offered) {
        return new Project(document, tools.withHost(offered), lockFile, lock, lockError, servers, damaged, unreachable);
    }

    /** Whether the document is a file, so that it has a project and a lock file. */
    public boolean hasLockFile() {
        return lockFile != null;
    }

    /** The manifest the lock file records for the MCP server at {@code address}, if it records a usable one. */
    public Optional<McpServerManifest> mcpServer(String address) {
        return Optional.ofNullable(servers.get(address));
    }

    /** Why there is no lock file to compare with: it cannot be read, or there is none; empty when it was read. */
    public Optional<String> missingLock() {
        if (lockError != null) {
            return Optional.of(lockError);
        }
        if (lock != null) {
            return Optional.empty();
        }
        return Optional.of(lockFile == null ? "the document is not a file, so it has no lock file"
                : "there is no lock file (" + lockFile + ")");
    }

    /** The command that records this document's tools in its lock file, as a user would type it. */
    public String lockCommand() {
        if (document == null) {
            return "lumen lock FILE";
        }
        String name = document.toString();
        return "lumen lock " + (PLAIN_WORD.matcher(name).matches() ? name : "'" + name.replace("'", "'\\''") + "'");
    }
}
