package dev.lumen.runtime.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lumen.runtime.files.AtomicFiles;
import dev.lumen.runtime.json.JsonReading;
import dev.lumen.runtime.store.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A project's {@code .lumen/lock.json} (tool-manifest-v1.md §6): for each tool its documents import, the
 * version and manifest hash that {@code lumen lock} saw. With {@code @lock strict} a document whose tools
 * differ does not compile. The file is pretty-printed with sorted keys, so that it diffs well under version
 * control.
 */
public record LockFile(Map<String, Entry> tools, Map<String, JsonNode> mcpServers) {
    /** The {@code lumen_lock} format number this build reads and writes. */
    public static final int FORMAT = 1;
    public static final String FILE_NAME = "lock.json";

    private static final ObjectMapper JSON = JsonReading.mapper().enable(SerializationFeature.INDENT_OUTPUT).build();

    /** A locked tool: its version, manifest hash and where it was found ({@link ToolLocator.Origin#label}). */
    public record Entry(String version, String manifest, String origin) {
    }

    /**
     * @param tools      native tools by id
     * @param mcpServers MCP servers by address: each server's manifest (identity and tools, mcp-bridge-v1.md),
     *                   which types the calls of its tools at compile time
     */
    public LockFile {
        tools = Collections.unmodifiableMap(new TreeMap<>(tools));
        mcpServers = Collections.unmodifiableMap(new TreeMap<>(mcpServers));
    }

    /** A lock that pins nothing. */
    public static LockFile empty() {
        return new LockFile(Map.of(), Map.of());
    }

    /** The lock file of a store. */
    public static Path location(Store store) {
        return store.dir().resolve(FILE_NAME);
    }

    /**
     * Reads a lock file; empty when there is none.
     *
     * @throws ManifestException when the file exists but is not a lock file this build reads
     */
    public static Optional<LockFile> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new ManifestException(file + ": cannot read the lock file: " + e.getMessage());
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ManifestException(file + ": the lock file is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject() || !root.path("lumen_lock").isInt()) {
            throw new ManifestException(file + ": not a Lumen lock file (no `lumen_lock` format number)");
        }
        if (root.get("lumen_lock").intValue() != FORMAT) {
            throw new ManifestException(file + ": lock file format " + root.get("lumen_lock").intValue()
                    + " is not the one this Lumen reads (" + FORMAT + "); run `lumen lock` again");
        }
        Map<String, Entry> tools = new TreeMap<>();
        JsonNode list = root.path("tools");
        if (!list.isObject()) {
            throw new ManifestException(file + ": `tools` must be an object");
        }
        for (Map.Entry<String, JsonNode> e : list.properties()) {
            JsonNode t = e.getValue();
            if (!t.path("version").isTextual() || !t.path("manifest").isTextual() || !t.path("origin").isTextual()) {
                throw new ManifestException(file + ": tool `" + e.getKey()
                        + "` needs string `version`, `manifest` and `origin`");
            }
            tools.put(e.getKey(), new Entry(t.get("version").textValue(), t.get("manifest").textValue(),
                    t.get("origin").textValue()));
        }
        Map<String, JsonNode> servers = new TreeMap<>();
        JsonNode mcp = root.path("mcp_servers");
        if (!mcp.isMissingNode()) {
            if (!mcp.isObject()) {
                throw new ManifestException(file + ": `mcp_servers` must be an object");
            }
            for (Map.Entry<String, JsonNode> e : mcp.properties()) {
                if (!e.getValue().isObject()) {
                    throw new ManifestException(file + ": MCP server \"" + e.getKey() + "\" must be an object");
                }
                servers.put(e.getKey(), e.getValue());
            }
        }
        return Optional.of(new LockFile(tools, servers));
    }

    /** This lock with {@code tool} pinned as it is now. */
    public LockFile with(ToolLocator.Located tool) {
        Map<String, Entry> out = new TreeMap<>(tools);
        out.put(tool.id(), new Entry(tool.manifest().version(), tool.manifest().hash(), tool.origin().label()));
        return new LockFile(out, mcpServers);
    }

    /** This lock with the MCP server at {@code address} pinned to {@code manifest}. */
    public LockFile withServer(String address, JsonNode manifest) {
        Map<String, JsonNode> out = new TreeMap<>(mcpServers);
        out.put(address, manifest);
        return new LockFile(tools, out);
    }

    /**
     * What differs between the lock's entry for a tool and the tool found now, or empty when they agree.
     * A tool the lock does not list differs too.
     */
    public Optional<String> difference(ToolLocator.Located tool) {
        Entry locked = tools.get(tool.id());
        ToolManifest m = tool.manifest();
        if (locked == null) {
            return Optional.of("the lock file does not list `" + tool.id() + "`");
        }
        if (!locked.version().equals(m.version())) {
            return Optional.of("`" + tool.id() + "` is locked at version " + locked.version() + ", found "
                    + m.version() + " (" + tool.where() + ")");
        }
        if (!locked.manifest().equals(m.hash())) {
            return Optional.of("the manifest of `" + tool.id() + "` " + m.version() + " changed since it was locked ("
                    + tool.where() + ": " + m.hash() + ", locked " + locked.manifest() + ")");
        }
        return Optional.empty();
    }

    /** Writes the lock file atomically: a reader sees the old file or the new one, never a part. */
    public void write(Path file) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("lumen_lock", FORMAT);
        ObjectNode list = root.putObject("tools");
        tools.forEach((id, e) -> list.putObject(id)
                .put("version", e.version()).put("manifest", e.manifest()).put("origin", e.origin()));
        if (!mcpServers.isEmpty()) {
            ObjectNode servers = root.putObject("mcp_servers");
            mcpServers.forEach(servers::set);
        }
        Files.createDirectories(file.getParent());
        AtomicFiles.write(file, (JSON.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
