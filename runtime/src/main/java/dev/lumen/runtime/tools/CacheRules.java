package dev.lumen.runtime.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.runtime.tools.fs.FileTarget;
import dev.lumen.runtime.tools.http.Revalidation;
import java.util.Optional;

/**
 * What the tool cache may do for the calls of one tool (run.md §6.3): its manifest's {@link Effect}, and the rules
 * the bundled tools' specs add to it. A call of an fs tool is keyed on the real path it touches (tools-fs.md §5)
 * and {@code fs.read} is performed even offline; {@code http.get} may revalidate a recorded response that carries
 * a validator (tools-http.md §10). Only the bundled tools have such rules: a project tool that takes a bundled
 * tool's id is another program, known by its effect alone. An MCP tool's calls are keyed on the server manifest
 * its module was checked against; which of them the cache answers is McpCaching's to say
 * (mcp-bridge-v1.md §9.4).
 *
 * @param effect      what the calls do outside the program
 * @param bundledId   the tool's id when Lumen bundles it, else null
 * @param mcpManifest for an MCP tool, the hash of the locked server manifest its module was checked against, or
 *                    null
 * @param acrossRuns  whether a recorded output answers an MCP call whenever the cache holds one, as for a pure call
 * @param withinRun   whether an MCP call is answered by the same call earlier in the run, while no call that
 *                    changes its server comes between them
 */
public record CacheRules(Effect effect, String bundledId, String mcpManifest, boolean acrossRuns, boolean withinRun) {

    /** The rules of a tool found for the document; one not found is taken as a write. */
    public static CacheRules of(Optional<ToolLocator.Located> tool) {
        return tool.map(t -> new CacheRules(t.manifest().effect(),
                t.origin() == ToolLocator.Origin.BUNDLED ? t.id() : null, null, false, false))
                .orElse(new CacheRules(Effect.WRITE, null, null, false, false));
    }

    /** The rules of an MCP tool: a read or a write as its annotations say, keyed on {@code manifest} (or none). */
    public static CacheRules mcp(boolean readOnly, String manifest, boolean acrossRuns, boolean withinRun) {
        return new CacheRules(readOnly ? Effect.READ : Effect.WRITE, null, manifest, acrossRuns, withinRun);
    }

    /** Whether a call's recorded output answers it whenever the cache holds one: the call is pure, or so granted. */
    public boolean answeredFromCache() {
        return effect == Effect.PURE || acrossRuns;
    }

    /** Whether the call is answered by the same call made earlier in the run (see {@code withinRun}). */
    public boolean answeredWithinRun() {
        return withinRun;
    }

    /**
     * What the call touches beyond its arguments, which its cache key must name (a file's real path, an MCP
     * server's manifest), or empty when its arguments name all it touches.
     */
    public Optional<String> target(ToolRequest request) {
        return isFileTool() ? FileTarget.of(request).map(Object::toString) : Optional.ofNullable(mcpManifest);
    }

    /** Whether the call is performed even offline: it reaches nothing outside the machine and changes nothing. */
    public boolean performedOffline() {
        return "fs.read".equals(bundledId);
    }

    /**
     * The input of a call that asks whether {@code recorded}, the cached output for {@code input}, still holds,
     * or empty when it cannot be revalidated (then the call is performed).
     */
    public Optional<JsonNode> revalidation(JsonNode input, JsonNode recorded) {
        return "http.get".equals(bundledId) ? Revalidation.conditional(input, recorded) : Optional.empty();
    }

    /** Whether the output of a {@link #revalidation} call says the recorded output still holds. */
    public boolean stillValid(JsonNode output) {
        return "http.get".equals(bundledId) && Revalidation.notModified(output);
    }

    private boolean isFileTool() {
        return "fs.read".equals(bundledId) || "fs.write".equals(bundledId);
    }
}
