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
 * tool's id is another program, known by its effect alone.
 *
 * @param effect    what the calls do outside the program
 * @param bundledId the tool's id when Lumen bundles it, else null
 */
public record CacheRules(Effect effect, String bundledId) {

    /** The rules of a tool found for the document; an MCP tool, or one not found, is taken as a write. */
    public static CacheRules of(Optional<ToolLocator.Located> tool) {
        return tool.map(t -> new CacheRules(t.manifest().effect(),
                t.origin() == ToolLocator.Origin.BUNDLED ? t.id() : null)).orElse(new CacheRules(Effect.WRITE, null));
    }

    /** Whether a call's recorded output answers it whenever the cache holds one: the call is pure. */
    public boolean answeredFromCache() {
        return effect == Effect.PURE;
    }

    /**
     * What the call touches beyond its arguments, which its cache key must name (a file's real path), or empty
     * when its arguments name all it touches.
     */
    public Optional<String> target(ToolRequest request) {
        return isFileTool() ? FileTarget.of(request).map(Object::toString) : Optional.empty();
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
