package dev.lumen.language.check;

import dev.lumen.language.ast.Decl;
import dev.lumen.language.source.Span;
import dev.lumen.runtime.mcp.McpServerManifest;
import dev.lumen.runtime.tools.Capability;
import dev.lumen.runtime.tools.ToolManifest;
import dev.lumen.language.types.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A `use tool … as Alias`: a bundled native tool (with its manifest and signature), or an MCP server whose
 * tools are named one by one (`Alias.tool`). {@link #resolved()} is false when the tool id is unknown; calls
 * through such an alias are not checked further (the `use tool` line was reported).
 */
public final class ToolAlias {

    /**
     * One granted clause: a native tool capability ({@code capability} set), or for MCP tools `timeout_ms`,
     * `rate_limit` or an argument pin ({@code capability} null, {@code key} the argument name). Values are
     * String, Long, Double or Boolean; a rate limit is [Long, "per_…"], a token budget [Long]
     * or [Long, "per_…"].
     */
    public record GrantedClause(String key, Capability capability, List<Object> values, Span span) {
        public GrantedClause {
            values = List.copyOf(values);
        }
    }

    /** A tool's inputs and output as Lumen types, from its manifest. */
    public record Signature(Map<String, Type> inputs, List<String> optional, String positional, Type output) {
        public Signature {
            inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
            optional = List.copyOf(optional);
        }

        public boolean isOptional(String input) {
            return optional.contains(input);
        }
    }

    private final Decl.UseTool decl;
    private final ToolManifest manifest;
    private final Signature signature;
    private final McpServerManifest server;
    /** Whether this MCP alias's `use tool` line was reported for want of its server's manifest (E0048, E0049). */
    private final boolean serverReported;
    /** Grants by target: "" for a native alias, the tool name for `Alias.tool`. */
    private final Map<String, List<GrantedClause>> grants = new LinkedHashMap<>();
    private final Map<String, Span> firstGrant = new LinkedHashMap<>();
    /** `grant Alias …` lines for an MCP alias, which name no tool; reported once the called tools are known. */
    private final List<Decl.Grant> wholeServerGrants = new ArrayList<>();
    /**
     * MCP tools called through this alias, in call order: those granted, and those called without a grant
     * while a whole-server grant exists (the grant their call was meant to use).
     */
    private final Set<String> calledTools = new LinkedHashSet<>();
    /** The result type of each MCP tool called through this alias whose server's manifest is known. */
    private final Map<String, Type> mcpOutputs = new LinkedHashMap<>();
    /** Targets of grant lines that misspelt this alias (`grant Caht …` for `Chat`), already reported. */
    private final Set<String> misspeltGrants = new HashSet<>();

    ToolAlias(Decl.UseTool decl, ToolManifest manifest, Signature signature) {
        this(decl, manifest, signature, null, false);
    }

    /**
     * An MCP alias whose server's manifest the lock file records (null when it records none); {@code reported}
     * when its `use tool` line was reported because the manifest is missing.
     */
    ToolAlias(Decl.UseTool decl, McpServerManifest server, boolean reported) {
        this(decl, null, null, server, reported);
    }

    private ToolAlias(Decl.UseTool decl, ToolManifest manifest, Signature signature, McpServerManifest server,
            boolean serverReported) {
        this.decl = decl;
        this.manifest = manifest;
        this.signature = signature;
        this.server = server;
        this.serverReported = serverReported;
    }

    /** The manifest of an MCP alias's server, when the lock file records it: its tools' calls are then typed. */
    public Optional<McpServerManifest> server() {
        return Optional.ofNullable(server);
    }

    /**
     * Whether the calls of this MCP alias's tools have no type to check against because its `use tool` line was
     * reported (the server's manifest is missing): they are not checked, and say nothing more.
     */
    public boolean serverReported() {
        return serverReported;
    }

    public String alias() {
        return decl.alias().name();
    }

    public Decl.UseTool decl() {
        return decl;
    }

    public boolean isMcp() {
        return decl.mcpServer() != null;
    }

    /** The MCP server address, or null. */
    public String mcpServer() {
        return isMcp() ? decl.mcpServer().name() : null;
    }

    /** The bundled tool id, or null for MCP. */
    public String toolId() {
        return decl.toolId() == null ? null : decl.toolId().name();
    }

    /** The manifest of a native tool, or null (MCP, or an unknown tool id). */
    public ToolManifest manifest() {
        return manifest;
    }

    /** The native tool's signature, or null. */
    public Signature signature() {
        return signature;
    }

    public boolean resolved() {
        return isMcp() || manifest != null;
    }

    /** Granted clauses by target ("" for the native tool itself, else the MCP tool name). */
    public Map<String, List<GrantedClause>> grants() {
        Map<String, List<GrantedClause>> out = new LinkedHashMap<>();
        grants.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return Collections.unmodifiableMap(out);
    }

    public boolean isGranted(String target) {
        return grants.containsKey(target);
    }

    /** Where the first `grant` line for this target is, or null. */
    Span firstGrant(String target) {
        return firstGrant.get(target);
    }

    void grant(String target, Span grantSpan) {
        grants.computeIfAbsent(target, k -> new ArrayList<>());
        firstGrant.putIfAbsent(target, grantSpan);
    }

    void addClause(String target, GrantedClause clause) {
        grants.computeIfAbsent(target, k -> new ArrayList<>()).add(clause);
    }

    void addWholeServerGrant(Decl.Grant grant) {
        wholeServerGrants.add(grant);
    }

    List<Decl.Grant> wholeServerGrants() {
        return List.copyOf(wholeServerGrants);
    }

    void calledTool(String tool) {
        calledTools.add(tool);
    }

    List<String> calledTools() {
        return List.copyOf(calledTools);
    }

    void mcpOutput(String tool, Type type) {
        mcpOutputs.putIfAbsent(tool, type);
    }

    /** The result types of the MCP tools called through this alias, typed from their server's manifest, in call order. */
    public Map<String, Type> mcpOutputs() {
        return Collections.unmodifiableMap(mcpOutputs);
    }

    void misspeltGrant(String target) {
        misspeltGrants.add(target);
    }

    /** Whether a grant line meant for this target misspelt the alias (and was reported as E0042). */
    boolean hasMisspeltGrant(String target) {
        return misspeltGrants.contains(target);
    }

    List<GrantedClause> clauses(String target) {
        return grants.getOrDefault(target, List.of());
    }
}
