package dev.lumen.runtime.mcp;

import dev.lumen.runtime.policy.Grants;
import dev.lumen.runtime.tools.CacheRules;
import java.util.List;

/**
 * Which calls of an MCP tool the tool cache answers (mcp-bridge-v1.md §9.4), known from the module alone, before
 * any call. A server's answer cannot be revalidated, so a read is never served from an earlier run:
 * <ul>
 *   <li>by default, a tool whose locked annotations say it is read-only ({@code readOnlyHint: true}) and reaches
 *       no open world ({@code openWorldHint: false}; absent, the MCP specification takes it as true) is answered
 *       within a run by the same call made earlier in it, while no call that changes its server comes between;
 *   <li>{@code cache true} in its grant answers it from the cache whenever the cache holds a recorded output, in
 *       any run, as a pure tool is (the author says its answer follows from its arguments);
 *   <li>{@code cache false}, and every other tool, is performed on every call.
 * </ul>
 */
public final class McpCaching {
    /** The grant clause that turns caching of one MCP tool on or off; it pins no argument. */
    public static final String CLAUSE = "cache";

    private McpCaching() {
    }

    /** Whether the calls of a tool with these annotations are cached within a run when its grant does not say. */
    public static boolean cachedByDefault(McpToolAnnotations annotations) {
        return annotations.readOnly() && !annotations.openWorld();
    }

    /**
     * The cache rules of a tool with these annotations under {@code grants}, its calls keyed on the locked server
     * manifest {@code manifest} (null: the module names none).
     */
    public static CacheRules rules(McpToolAnnotations annotations, Grants grants, String manifest) {
        Boolean granted = granted(grants);
        boolean acrossRuns = Boolean.TRUE.equals(granted);
        boolean withinRun = granted == null && cachedByDefault(annotations);
        return CacheRules.mcp(annotations.readOnly(), manifest, acrossRuns, withinRun);
    }

    /** The value of the grant's {@code cache} clause, or null when it has none. */
    private static Boolean granted(Grants grants) {
        List<Object> clause = grants.clauses().get(CLAUSE);
        return clause != null && clause.size() == 1 && clause.getFirst() instanceof Boolean chosen ? chosen : null;
    }
}
