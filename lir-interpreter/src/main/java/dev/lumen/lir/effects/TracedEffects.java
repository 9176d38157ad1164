package dev.lumen.lir.effects;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.lir.errors.LumenException;
import dev.lumen.lir.errors.LumenFailure;
import dev.lumen.lir.errors.LumenRuntimeError;
import dev.lumen.lir.errors.LumenStackFrame;
import dev.lumen.lir.format.CellDef;
import dev.lumen.lir.format.LirModule;
import dev.lumen.lir.format.RunSettings;
import dev.lumen.lir.format.ToolDef;
import dev.lumen.lir.interpreter.LumenEffects;
import dev.lumen.lir.interpreter.LumenImport;
import dev.lumen.lir.interpreter.LumenProgram;
import dev.lumen.lir.values.LumenJson;
import dev.lumen.lir.values.LumenMap;
import dev.lumen.lir.values.LumenRecord;
import dev.lumen.lir.values.LumenRecordType;
import dev.lumen.lir.values.LumenType;
import dev.lumen.runtime.host.Host;
import dev.lumen.runtime.json.CanonicalValue;
import dev.lumen.runtime.limits.LimitWindows;
import dev.lumen.runtime.limits.MemoryWindows;
import dev.lumen.runtime.mcp.McpCaching;
import dev.lumen.runtime.mcp.McpCalls;
import dev.lumen.runtime.mcp.McpElicitation;
import dev.lumen.runtime.mcp.McpHandover;
import dev.lumen.runtime.mcp.McpSampler;
import dev.lumen.runtime.mcp.McpServerClause;
import dev.lumen.runtime.mcp.McpServerGrant;
import dev.lumen.runtime.mcp.McpToolAnnotations;
import dev.lumen.runtime.store.CacheLookup;
import dev.lumen.runtime.store.Store;
import dev.lumen.runtime.store.ToolCache;
import dev.lumen.runtime.store.StoreException;
import dev.lumen.runtime.policy.Grants;
import dev.lumen.runtime.policy.PolicyViolation;
import dev.lumen.runtime.policy.Redacted;
import dev.lumen.runtime.policy.Redaction;
import dev.lumen.runtime.progress.ToolProgress;
import dev.lumen.runtime.tools.BuiltinTool;
import dev.lumen.runtime.tools.CacheRules;
import dev.lumen.runtime.tools.Effect;
import dev.lumen.runtime.tools.HostToolSet;
import dev.lumen.runtime.tools.RunLimits;
import dev.lumen.runtime.tools.ToolFailure;
import dev.lumen.runtime.tools.ToolLocator;
import dev.lumen.runtime.tools.ToolResult;
import dev.lumen.runtime.tools.ToolRequest;
import dev.lumen.runtime.trace.TraceWriter;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The effects of runs that are traced and cached (run.md §6): every run writes a hash-chained trace to the
 * store unless its document says {@code @trace off}; tool outputs are recorded in the store's cache unless it
 * says {@code @cache off}, and the cache answers pure calls and cached MCP calls (run.md §6.3: other reads and
 * writes are performed);
 * offline, the cache stands in for every call but a local read, saying so, and a call it cannot answer fails;
 * in a replay, every tool output comes from the recorded run, in order.
 *
 * <p>Plain Java: the interpreter reaches it only through {@code @TruffleBoundary} helpers. A context runs one
 * thing at a time, so the state of the current run is kept here, unsynchronized.
 */
public final class TracedEffects implements LumenEffects {
    private final Store store;
    private final boolean offline;
    private final ReplaySource replay;
    private final PrintStream warnings;
    private final Validation validation;
    /** The latest failed validation, which a model call of a repair loop names (`repairs`). */
    private final RepairLink repairs = new RepairLink();
    /** The calls of a `@parallel` block started and not yet awaited. */
    private final StartedCalls<Performed> started = new StartedCalls<>();
    /** A test's tool outputs by alias (Alias.tool for an MCP tool), or null when the run is not a test. */
    private Map<String, List<CanonicalValue>> fixtures;
    /** How many calls each fixture has answered: a fixture's outputs answer the calls in turn. */
    private final Map<String, Integer> fixtureAnswers = new HashMap<>();
    /** The tools the embedding program offers, read when a run looks its tools up. */
    private final Supplier<HostToolSet> hostTools;

    private TraceWriter trace;
    /** The cell of the run in progress, or null between runs. */
    private String running;
    private boolean cacheOn;
    private final Deque<String> cells = new ArrayDeque<>();
    /** The windows of rate limits and token budgets: the store's, or this context's when there is none. */
    private final LimitWindows windows;
    private RunLimits limits;
    /** The directory of the running document: relative paths of tool calls are read against it. */
    private Path base = Host.current().directory();
    /** The tools of the running document, found at its first tool call. */
    private ToolLocator tools;
    /** The MCP servers this run has connected to; stopped when it ends. */
    private McpCalls mcp;
    /** The running document's grants of MCP servers themselves, by address (mcp-bridge-v1.md §11). */
    private Map<String, McpServerGrant> serverGrants = Map.of();
    /** The module of the run in progress. */
    private LirModule module;
    /** The run's own elicitation policy, which wins over the server grants' ({@code --mcp-elicitation}). */
    private Optional<McpElicitation> elicitation = Optional.empty();
    /**
     * The outputs of this run's MCP calls that later calls with the same key are answered with, by server
     * address and cache key (mcp-bridge-v1.md §9.4); a performed call that changes a server forgets its entries,
     * so that the run sees its own writes. Guarded by itself: the calls of a `@parallel` block use it at once.
     */
    private final Map<String, Map<String, CanonicalValue>> runAnswers = new HashMap<>();

    // The cancellation of the run in progress (run.md §5), asked for from any thread: guarded by cancelLock.
    private final Object cancelLock = new Object();
    /** The thread of the run in progress, or null between runs. */
    private Thread runThread;
    /** Why the run in progress is to stop, or null. */
    private String cancelReason;
    /** Whether the cancellation was raised already: it stops the run once. */
    private boolean cancelRaised;
    /** Whether the run thread is waiting in a tool call, where an interrupt ends the wait. */
    private boolean inCall;
    /** Whether this class interrupted the run thread in its call: the interrupt is cleared when the call ends. */
    private boolean interruptedInCall;

    /**
     * @param store      where traces, blobs and the cache live; null for none (nothing is traced or cached)
     * @param offline    whether tool calls must be answered from the cache
     * @param replay     the recorded run whose tool outputs answer every call, or null
     * @param warnings   where problems that do not stop the run are reported (a damaged cache entry)
     * @param validation schema validation ({@code validate}, {@code expect schema})
     */
    public TracedEffects(Store store, boolean offline, ReplaySource replay, PrintStream warnings, Validation validation) {
        this(store, offline, replay, warnings, validation, () -> HostToolSet.NONE);
    }

    /**
     * @param hostTools the tools the embedding program offers (tool-manifest-v1.md §8), asked for at each run's
     *     first tool call
     */
    public TracedEffects(Store store, boolean offline, ReplaySource replay, PrintStream warnings, Validation validation,
            Supplier<HostToolSet> hostTools) {
        this.hostTools = hostTools;
        this.store = store;
        this.offline = offline;
        this.replay = replay;
        this.warnings = warnings;
        this.validation = validation;
        this.windows = store != null ? store.limits() : new MemoryWindows();
        this.limits = runLimits(windows);
    }

    /**
     * Answers servers' {@code elicitation/create} by {@code policy} in every run, whatever their grants say
     * ({@code lumen run --mcp-elicitation}, mcp-bridge-v1.md §11.3).
     */
    public TracedEffects withMcpElicitation(Optional<McpElicitation> policy) {
        this.elicitation = policy;
        return this;
    }

    /**
     * Makes every run a test's (`lumen test`): each tool call is answered by its fixture, by alias (or
     * Alias.tool) — the fixture's outputs in turn, the last answering every call after — and a call with none
     * fails; nothing is ever performed. Null leaves tool calls as they are.
     */
    public TracedEffects withFixtures(Map<String, List<CanonicalValue>> outputs) {
        this.fixtures = outputs;
        return this;
    }

    // ------------------------------------------------------------------------------------ runs and cells

    @Override
    public void runStart(LumenProgram runProgram, CellDef cell, Object[] arguments) {
        if (running != null) {
            // A host tool's function that calls back into its context would start a run inside one: the state
            // above is the running run's, and its trace would end unfinished.
            throw new LumenFailure("cannot run `" + cell.name() + "`: a run of `" + running + "` is in progress in"
                    + " this context, and a host tool's function cannot run Lumen code of the context that called it");
        }
        synchronized (cancelLock) {
            runThread = Thread.currentThread();
            cancelReason = null;
            cancelRaised = false;
        }
        try {
            startRun(runProgram, cell, arguments);
        } catch (RuntimeException e) { // the run does not start: there is nothing to cancel
            endOfRun();
            throw e;
        }
        running = cell.name();
    }

    private void startRun(LumenProgram runProgram, CellDef cell, Object[] arguments) {
        this.cells.clear();
        synchronized (runAnswers) {
            this.runAnswers.clear();
        }
        this.limits = runLimits(windows);
        this.base = documentDirectory(runProgram);
        this.tools = null;
        this.serverGrants = serverGrants(runProgram.module());
        this.module = runProgram.module();
        RunSettings settings = runProgram.module().settings();
        this.cacheOn = store != null && settings.cache() == RunSettings.Cache.ON && replay == null;
        if (replay != null) {
            replay.check(runProgram.module().docHash(), cell.name());
        }
        if (cacheOn) {
            try {
                store.key(); // a key file that cannot be used stops the run here, not at its first tool call
            } catch (StoreException e) {
                throw new LumenFailure("cannot use the tool cache: " + e.getMessage());
            }
        }
        if (store == null || settings.trace() == RunSettings.Trace.OFF) {
            this.trace = null;
            return;
        }
        try {
            this.trace = TraceWriter.start(store, documentName(runProgram), runProgram.module().docHash(), cell.name(),
                    named(cell, arguments));
        } catch (StoreException e) {
            throw new LumenFailure("cannot start the trace: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw noJsonForm("an argument of `" + cell.name() + "`", e);
        }
        cells.push(cell.name());
        if (replay != null) {
            replay.expectEvent(trace.lastSeq(), trace.headHash(), trace);
            LumenFailure cancelled = replayCancelled();
            if (cancelled != null) { // before anything but its start: the run has no instruction to fail at
                LumenRuntimeError failed = new LumenRuntimeError(cancelled, null, null);
                runFailed(failed);
                throw failed;
            }
        }
    }

    /** A run is traced when there is a store, and checked when it replays one; else a pure run leaves no mark. */
    @Override
    public boolean reportsPureRuns() {
        return store != null || replay != null;
    }

    @Override
    public void runEnd(Object result) {
        running = null;
        stopServers();
        endOfRun();
        if (trace != null) {
            CanonicalValue outputs;
            try {
                outputs = CanonicalValue.of(result);
            } catch (IllegalArgumentException e) {
                // a result the trace cannot hold (a NaN): the run fails with that error, and its trace ends saying so
                LumenRuntimeError failed = new LumenRuntimeError(
                        noJsonForm("the result of `" + cells.peekLast() + "`", e).getMessage(), null, null);
                runFailed(failed);
                throw failed;
            }
            try {
                record(() -> trace.runEnd(outputs));
            } finally {
                close();
            }
        }
    }

    @Override
    public void runFailed(LumenException failure) {
        running = null;
        stopServers();
        endOfRun();
        if (trace == null) {
            return;
        }
        String cell = cells.peek();
        List<LumenStackFrame> stack = failure.lumenStackTrace();
        boolean cancelled = failure.kind() == LumenException.Kind.CANCELLED;
        if (!stack.isEmpty() && !cancelled) {
            cell = stack.get(0).cell();
        }
        // A cancellation happens wherever the program was, which no replay could reproduce: its event names the
        // innermost cell the trace shows running, and no line (trace-v1.md §4.2).
        int line = failure.location() == null || cancelled ? 0 : failure.location().line();
        int column = failure.location() == null || cancelled ? 0 : failure.location().column();
        try {
            trace.error(cell, failure.kind().text(), failure.getMessage(), line, column);
            trace.runFailed(failure.kind().text(), failure.getMessage());
        } catch (StoreException e) {
            warnings.println("warning: the trace of this run is incomplete: " + e.getMessage());
        } finally {
            TraceWriter written = trace;
            close();
            if (replay != null && failure.kind() != LumenException.Kind.REPLAY) {
                replay.expectEvent(written.lastSeq(), written.headHash(), written);
            }
        }
    }

    @Override
    public void cellStart(CellDef cell, Object[] arguments) {
        cells.push(cell.name());
        if (trace != null) {
            record(() -> trace.cellStart(cell.name(), named(cell, arguments)));
        }
    }

    @Override
    public void cellEnd(Object result) {
        String cell = cells.pop();
        if (trace != null) {
            record(() -> trace.cellEnd(cell, result));
        }
    }

    // ------------------------------------------------------------------------------------ tools

    @Override
    public Object callTool(ToolDef tool, LumenMap arguments, LumenType resultType) {
        LumenFailure cancelled = takeCancellation();
        if (cancelled != null) {
            throw cancelled;
        }
        return output(perform(tool, CanonicalValue.of(arguments), tool.toolId() != null && tool.toolId().equals("llm.chat")
                ? repairs.repairedBy(arguments) : 0), resultType);
    }

    /**
     * {@inheritDoc} A call of a native or an MCP tool runs on a virtual thread (the calls of one MCP server share
     * its session, McpCalls); a replayed call and a test's fixture are answered now, in turn, and only their
     * writes wait.
     */
    @Override
    public void startTool(ToolDef tool, LumenMap arguments) {
        LumenFailure cancelled = takeCancellation();
        if (cancelled != null) {
            throw cancelled;
        }
        CanonicalValue inputs = CanonicalValue.of(arguments);
        boolean beside = replay == null && fixtures == null && tool.grants() != null;
        if (beside && tool.toolId() != null) {
            located(tool); // the document's tools are found on the run thread, before the calls share them
        }
        // a repetition of a call of the group waits for its writes, which may answer it (cache, run answers)
        String repeats = cacheOn && tool.grants() != null ? toolId(tool) + " " + Grants.of(tool.grants()).hash() + " " + inputs.hash() : null;
        started.start(repeats, () -> perform(tool, inputs), beside);
    }

    @Override
    public Object awaitTool(LumenType resultType) {
        return output(started.next(this::record, this::waitInCall), resultType);
    }

    /** Runs {@code wait} as the run thread's wait in a tool call, which a cancellation ends (cancel). */
    private void waitInCall(Runnable wait) {
        synchronized (cancelLock) {
            inCall = true;
        }
        try {
            wait.run();
        } finally {
            leaveCall();
        }
    }

    /** The output of {@code call} as a value of {@code resultType}. */
    private static Object output(Performed call, LumenType resultType) {
        try {
            return LumenImport.fromJson(LumenJson.fromTree(call.outputs().tree()), resultType,
                    call.what() + " returned an output that is not a " + resultType);
        } catch (LumenFailure e) { // the message quotes the output, and the run's error event records it
            throw new LumenFailure(e.kind(), call.shownOutputs().scrub(e.getMessage()));
        }
    }

    /** A call made: its output, that output as recorded (redacted), how errors name the tool, its usage figures. */
    private record Performed(CanonicalValue outputs, Redacted shownOutputs, String what, Map<String, Object> usage) {
    }

    /**
     * Calls {@code tool} with {@code inputs} under its grant — from the cache, the replayed run or the tool — and
     * traces the call.
     */
    private Performed perform(ToolDef tool, CanonicalValue inputs) {
        return perform(tool, inputs, 0);
    }

    /** {@code repairing}: the seq of the failed validation this model call retries (tools-llm.md §10), or 0. */
    private Performed perform(ToolDef tool, CanonicalValue inputs, long repairing) {
        if (tool.grants() == null) { // deny by default, whatever produced the LIR
            throw toolFailure(tool, Redacted.unchanged(inputs), Grants.of(Map.of()).hash(), System.nanoTime(),
                    "policy", "`" + tool.alias() + "` is not allowed by its grant (grant): it has no grant; a tool "
                            + "is called only under a `grant " + tool.alias() + " …` line", Map.of());
        }
        String toolId = toolId(tool);
        String version = version(tool);
        String what = "`" + tool.alias() + "` (" + (tool.toolId() != null ? toolId : "of " + tool.mcpServer()) + ")";
        Grants grants = Grants.of(tool.grants());
        Redaction redaction = Redaction.of(grants);
        Redacted shownInputs = redaction.redact(inputs);
        String policyHash = grants.hash();
        long started = System.nanoTime();
        CanonicalValue outputs = null;
        boolean cached = false;
        boolean performed = true; // false: offline, the cache stood in for a read or a write (run.md §6.3)
        CacheRules rules = null;
        String target = null;
        CacheLookup.Hit recorded = null;
        JsonNode revalidation = null;
        String runKey = null; // the key a call this run answers again is kept under, or null
        if (fixtures != null) {
            String key = tool.mcpServer() != null ? tool.alias() + "." + tool.mcpTool() : tool.alias();
            List<CanonicalValue> answers = fixtures.get(key);
            if (answers == null) {
                throw toolFailure(tool, shownInputs, policyHash, started, "tool", "tests never call real tools, and "
                        + "this test has no fixture for " + what + ": add `given " + key + " returns …` to the test",
                        Map.of());
            }
            int answered = fixtureAnswers.merge(key, 1, Integer::sum) - 1;
            outputs = answers.get(Math.min(answered, answers.size() - 1));
            cached = true;
        } else if (replay != null) {
            replaySampling(tool);
            ReplaySource.RecordedCall call = replay.nextToolCall(toolId, shownInputs.value().hash());
            if (call.outputs() == null) {
                throw toolFailure(tool, shownInputs, policyHash, started, call.errorKind(), call.message(), Map.of());
            }
            outputs = call.outputs();
            cached = true;
        } else {
            rules = cacheRules(tool, grants);
            if (cacheOn) {
                target = rules.target(request(tool, inputs.tree(), grants)).orElse(null);
                runKey = rules.answeredWithinRun()
                        ? ToolCache.key(toolId, version, policyHash, inputs.hash(), ToolCache.targetHash(target)) : null;
                outputs = runKey == null ? null : answeredInRun(tool.mcpServer(), runKey);
                cached = outputs != null;
                recorded = cached ? null : lookup(toolId, version, policyHash, inputs, target, what);
            }
            if (recorded != null && (rules.answeredFromCache() || offline && !rules.performedOffline())) {
                outputs = recorded.outputs();
                cached = true;
                if (!rules.answeredFromCache()) {
                    performed = false;
                    warnings.println("offline: did not perform " + what + "; answered with the output recorded "
                            + when(recorded.entry().created()));
                }
            } else if (recorded != null && !offline) {
                revalidation = rules.revalidation(inputs.tree(), recorded.outputs().tree()).orElse(null);
            }
        }
        Redacted shownOutputs;
        Map<String, Object> usage = Map.of();
        Map<String, Object> server = Map.of();
        if (outputs == null) {
            if (offline && !rules.performedOffline()) {
                throw toolFailure(tool, shownInputs, policyHash, started, "offline",
                        "offline: " + what + " has no cached output for these arguments (" + inputs.hash() + ")", Map.of());
            }
            ToolResult result = execute(tool, what, revalidation != null ? revalidation : inputs.tree(), shownInputs,
                    grants, started);
            if (tool.toolId() == null && rules.effect() == Effect.WRITE) {
                forgetRunAnswers(tool.mcpServer()); // the run sees its own writes
            }
            usage = result.usage();
            server = result.server();
            if (revalidation != null && rules.stillValid(result.output())) { // the recorded output still holds
                outputs = recorded.outputs();
                cached = true;
                shownOutputs = redaction.redact(outputs);
            } else {
                outputs = CanonicalValue.of(result.output());
                shownOutputs = redaction.redact(outputs);
                if (cacheOn && !shownOutputs.changed()) { // an output with a redacted member is not kept
                    CanonicalValue kept = outputs;
                    String touched = target;
                    record(() -> store.cache().put(toolId, version, policyHash, inputs.hash(), touched,
                            shownInputs.value(), kept));
                }
            }
        } else {
            shownOutputs = redaction.redact(outputs);
        }
        if (runKey != null) {
            answerInRun(tool.mcpServer(), runKey, outputs);
        }
        long latencyMs = (System.nanoTime() - started) / 1_000_000;
        if (trace != null) {
            boolean fromCache = cached;
            boolean done = performed;
            Map<String, Object> figures = usage;
            Map<String, Object> answeredBy = server;
            record(() -> trace.toolCall(cells.peek(), toolId, version, policyHash, shownInputs.value(),
                    shownOutputs.value(), latencyMs, fromCache, done, figures, answeredBy, repairing));
        }
        return new Performed(outputs, shownOutputs, what, usage);
    }

    /** The output an earlier call of this run gave for {@code key} at {@code server}, or null. */
    private CanonicalValue answeredInRun(String server, String key) {
        synchronized (runAnswers) {
            return runAnswers.getOrDefault(server, Map.of()).get(key);
        }
    }

    private void answerInRun(String server, String key, CanonicalValue outputs) {
        synchronized (runAnswers) {
            runAnswers.computeIfAbsent(server, address -> new HashMap<>()).put(key, outputs);
        }
    }

    private void forgetRunAnswers(String server) {
        synchronized (runAnswers) {
            runAnswers.remove(server);
        }
    }

    /**
     * Answers a server's {@code sampling/createMessage} (mcp-bridge-v1.md §11.3) by a call of the {@code llm.chat}
     * alias its grant names, made as the program's own calls are, during the MCP call the server is serving.
     */
    private McpSampler.Reply sample(String alias, JsonNode input) {
        ToolDef chat = chatTool(alias);
        Performed call = perform(chat, CanonicalValue.of(input));
        Object model = call.usage().getOrDefault("gen_ai.response.model", call.usage().get("gen_ai.request.model"));
        if (model == null) { // answered from the cache: the model the grant names first
            model = Grants.of(chat.grants()).strings("model").stream().findFirst().orElse("");
        }
        return new McpSampler.Reply(call.outputs().tree().asText(), String.valueOf(model));
    }

    /** The tool-table entry of {@code alias}, which the checker made sure is a granted llm.chat import. */
    private ToolDef chatTool(String alias) {
        return module.tools().stream().filter(t -> alias.equals(t.alias()) && t.toolId() != null).findFirst()
                .orElseThrow(() -> new LumenFailure("the server grant's sampling names `" + alias
                        + "`, which this program does not import"));
    }

    /**
     * In a replay, the model calls a server asked for while the MCP call of {@code tool} went on come before that
     * call in the recorded run: they are made again, answered from the recording, so that the replay has them
     * where the run had them.
     */
    private void replaySampling(ToolDef tool) {
        if (tool.toolId() != null) {
            return;
        }
        McpServerGrant grant = serverGrants.get(tool.mcpServer());
        Optional<String> alias = grant == null ? Optional.empty() : grant.value(McpServerClause.SAMPLING);
        if (alias.isEmpty()) {
            return;
        }
        ToolDef chat = chatTool(alias.get());
        for (Optional<CanonicalValue> asked; (asked = replay.nextCallOf(toolId(chat), toolId(tool))).isPresent(); ) {
            perform(chat, asked.get());
        }
    }

    /**
     * The cached output of a call that touches {@code target} (null: nothing beyond its arguments), or null; a
     * damaged entry is reported and is no answer.
     */
    private CacheLookup.Hit lookup(String toolId, String version, String policyHash, CanonicalValue inputs,
            String target, String what) {
        CacheLookup lookup = store.cache().get(toolId, version, policyHash, inputs.hash(), target);
        if (lookup instanceof CacheLookup.Corrupt corrupt) {
            warnings.println("warning: ignoring a damaged cache entry for " + what + " (" + corrupt.file() + "): "
                    + corrupt.problem());
        } else if (lookup instanceof CacheLookup.Unsealed unsealed) {
            warnings.println("warning: ignoring a cache entry for " + what + " that your key did not seal ("
                    + unsealed.file() + "): " + unsealed.problem());
        }
        return lookup instanceof CacheLookup.Hit hit ? hit : null;
    }

    /**
     * What the cache may do for calls of {@code tool} under {@code grants}. An MCP tool is a read when its locked
     * annotations say {@code readOnlyHint} and a write otherwise; which of its calls are cached, its grant's
     * {@code cache} clause or, without one, its annotations say (McpCaching).
     */
    private CacheRules cacheRules(ToolDef tool, Grants grants) {
        if (tool.toolId() == null) {
            McpToolAnnotations hints = tool.mcpAnnotations() == null ? McpToolAnnotations.NONE
                    : McpToolAnnotations.of(tool.mcpAnnotations());
            return McpCaching.rules(hints, grants, tool.mcpManifest());
        }
        return CacheRules.of(located(tool).filter(found -> found.manifest().version().equals(tool.version())));
    }

    /** When a cache entry was written ({@code created}), as the offline note says it. */
    private static String when(String created) {
        return created.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}.*")
                ? "on " + created.substring(0, 10) + " at " + created.substring(11, 16) + " UTC"
                : "at " + created;
    }

    /**
     * The limits of a run, whose started calls spend their tokens when the group's writes are made; a window that
     * cannot be written then fails the block as the call would have.
     */
    private static RunLimits runLimits(LimitWindows windows) {
        return new RunLimits(windows, spend -> StartedCalls.holdBack(() -> {
            try {
                spend.run();
            } catch (PolicyViolation e) {
                throw new LumenFailure(LumenException.Kind.POLICY, e.getMessage());
            }
        }));
    }

    private ToolRequest request(ToolDef tool, JsonNode input, Grants grants) {
        return new ToolRequest(toolId(tool), input, grants, limits, base);
    }

    /**
     * Performs a call, which the process's progress display is told of (ToolProgress) while it lasts, and which a
     * cancellation of the run ends (cancel).
     */
    private ToolResult execute(ToolDef tool, String what, JsonNode input, Redacted shownInputs,
            Grants grants, long started) {
        try (ToolProgress.Call shown = ToolProgress.start(what)) {
            StartedCalls.inTurn(() -> limits.countCall(tool.alias(), toolId(tool), grants));
            ToolRequest request = request(tool, input, grants);
            boolean waits = !StartedCalls.beside(); // the run thread waits here, or in awaitTool for the group
            if (waits) {
                enterCall();
            }
            try {
                if (tool.toolId() == null) {
                    return mcpCalls().call(tool.mcpServer(), tool.mcpTool(), request, shown);
                }
                return implementation(tool, what).call(request);
            } finally {
                if (waits) {
                    leaveCall();
                }
            }
        } catch (ToolFailure e) {
            throw callFailed(tool, what, shownInputs, grants, started, "tool", what + " failed: " + e.getMessage(),
                    e.server());
        } catch (PolicyViolation e) {
            throw callFailed(tool, what, shownInputs, grants, started, "policy",
                    what + " is not allowed by its grant (" + e.clause() + "): " + e.getMessage(), Map.of());
        }
    }

    /** The failure of a performed call, recorded; or, when its run was cancelled meanwhile, its cancellation. */
    private LumenFailure callFailed(ToolDef tool, String what, Redacted shownInputs, Grants grants, long started,
            String errorKind, String message, Map<String, Object> server) {
        String reason = cancelledCall();
        return reason == null
                ? toolFailure(tool, shownInputs, grants.hash(), started, errorKind, message, server)
                : toolFailure(tool, shownInputs, grants.hash(), started, "cancelled",
                        what + " was cancelled with the run: " + reason, server);
    }

    // ------------------------------------------------------------------------------------ cancellation

    /**
     * {@inheritDoc} The tool call the run waits for is ended by interrupting the run thread — only while it waits
     * in one, so that no interrupt reaches the trace or the cache, which are written whole (an interrupted file
     * channel would close under them).
     */
    @Override
    public Thread cancel(String reason) {
        synchronized (cancelLock) {
            if (runThread == null) {
                return null;
            }
            if (cancelReason == null) {
                cancelReason = reason;
            }
            if (inCall && !interruptedInCall) {
                interruptedInCall = true;
                runThread.interrupt();
            }
            return runThread;
        }
    }

    @Override
    public LumenFailure takeCancellation() {
        synchronized (cancelLock) {
            if (cancelReason == null || cancelRaised || runThread != Thread.currentThread()) {
                return null;
            }
            cancelRaised = true;
            return new LumenFailure(LumenException.Kind.CANCELLED, "the run was cancelled: " + cancelReason);
        }
    }

    /** The run thread starts waiting in a tool call; a call not started yet is not started once cancelled. */
    private void enterCall() {
        LumenFailure cancelled = takeCancellation();
        if (cancelled != null) {
            throw cancelled;
        }
        synchronized (cancelLock) {
            inCall = true;
        }
    }

    /** The tool call has ended: an interrupt this class sent it is cleared before anything is written. */
    private void leaveCall() {
        synchronized (cancelLock) {
            inCall = false;
            if (interruptedInCall) {
                interruptedInCall = false;
                Thread.interrupted();
            }
        }
    }

    /** Why the call that just failed was cancelled with its run, or null: the cancellation is raised by it. */
    private String cancelledCall() {
        synchronized (cancelLock) {
            if (cancelReason == null || cancelRaised) {
                return null;
            }
            cancelRaised = true;
            return cancelReason;
        }
    }

    /** The run has ended: a cancellation asked for too late stops nothing, not even the next run. */
    private void endOfRun() {
        synchronized (cancelLock) {
            runThread = null;
            cancelReason = null;
        }
    }

    /**
     * In a replay, the cancellation the recorded run stopped with right after the event the replay has just
     * written, or null: a replay stops where its run was cancelled (run.md §6.5). Nothing the trace shows
     * happens between two events, so the cancellation's event is the recorded one.
     */
    private LumenFailure replayCancelled() {
        String message = replay != null && trace != null ? replay.cancelledAt(trace.lastSeq() + 1) : null;
        return message == null ? null : new LumenFailure(LumenException.Kind.CANCELLED, message);
    }

    /**
     * The id a call is cached and traced under: a native tool's id; for an MCP tool, its server's address
     * and its name ({@code mcp:ADDRESS#tool}), known without reaching the server, so a replay needs none.
     */
    private static String toolId(ToolDef tool) {
        return tool.toolId() != null ? tool.toolId() : "mcp:" + tool.mcpServer() + "#" + tool.mcpTool();
    }

    /** A native tool's version; an MCP tool's is the server's as the module recorded it, if it did. */
    private static String version(ToolDef tool) {
        return tool.version() != null ? tool.version() : "unversioned";
    }

    /**
     * How the tool runs, found as the front end found it (host tools, project tools, LUMEN_TOOLS_PATH, bundled);
     * the tool found must be the version the module was compiled against.
     */
    private BuiltinTool implementation(ToolDef tool, String what) {
        ToolLocator.Located found = located(tool).orElseThrow(() -> new ToolFailure(tools.conflict(tool.toolId())
                .map(c -> c.describe() + "; a host tool cannot stand in for another tool")
                .orElse("no tool `" + tool.toolId() + "` is installed for this document (looked in the project's "
                        + "tools/ folder, " + ToolLocator.PATH_VARIABLE + " and the bundled tools)")));
        if (!found.manifest().version().equals(tool.version())) {
            throw new ToolFailure("the program was compiled against " + tool.toolId() + " " + tool.version()
                    + ", but " + found.where() + " is version " + found.manifest().version() + "; check the document again");
        }
        return ToolLocator.implementation(found);
    }

    /** The tool an import of native {@code tool} finds for the running document. */
    private synchronized Optional<ToolLocator.Located> located(ToolDef tool) {
        if (tools == null) {
            tools = ToolLocator.forDirectory(base, Host.current().environment()).withHost(hostTools.get());
        }
        return tools.find(tool.toolId());
    }

    /**
     * Records a failed call (with the MCP server that failed it, if any) and returns the error that stops the
     * program; the message, which may quote the arguments, loses what their redaction took out.
     */
    private LumenFailure toolFailure(ToolDef tool, Redacted inputs, String policyHash, long started,
            String errorKind, String message, Map<String, Object> server) {
        String shown = inputs.scrub(message);
        if (trace != null) {
            long latencyMs = (System.nanoTime() - started) / 1_000_000;
            record(() -> trace.toolFailed(cells.peek(), toolId(tool), version(tool), policyHash, inputs.value(),
                    errorKind, shown, latencyMs, server));
        }
        LumenException.Kind kind = switch (errorKind) {
            case "policy" -> LumenException.Kind.POLICY;
            case "cancelled" -> LumenException.Kind.CANCELLED;
            default -> LumenException.Kind.TOOL;
        };
        return new LumenFailure(kind, shown);
    }

    // ------------------------------------------------------------------------------------ validation

    @Override
    public Object validate(LumenType schema, Object input, boolean strict, LumenProgram validating) {
        Validation.Outcome outcome = validation.validate(schema, input, validating);
        if (trace != null) {
            record(() -> trace.schemaValidate(cells.peek(), schema.toString(), input, outcome.valid(),
                    outcome.recorded()));
            if (!outcome.valid()) {
                repairs.failed(trace.lastSeq(), input, outcome.error());
            }
        }
        return strict ? outcome.strict() : outcome.soft();
    }

    @Override
    public Object traceRef(LumenType traceRefType) {
        if (trace == null) {
            throw new LumenFailure("`trace_ref()` needs a traced run, and this run is not traced (@trace off)");
        }
        LumenRecordType type = (LumenRecordType) traceRefType;
        Object[] fields = new Object[type.fieldCount()];
        // a replay is the recorded run again: its references name the recorded run
        fields[type.indexOf("trace_id")] = replay != null ? replay.runId() : trace.runId();
        fields[type.indexOf("seq")] = trace.lastSeq();
        return new LumenRecord(type, fields);
    }

    // ------------------------------------------------------------------------------------ helpers

    /**
     * Writes to the store; a failed write stops the program rather than leave a trace that lies. In a replay,
     * each event written must be the recorded run's.
     */
    private void record(Runnable write) {
        if (StartedCalls.holdBack(write)) {
            return; // a started call's: written when the group is awaited, in the order started
        }
        try {
            write.run();
        } catch (StoreException e) {
            throw new LumenFailure("cannot record this run: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw noJsonForm("value", e);
        }
        if (replay != null && trace != null) {
            replay.expectEvent(trace.lastSeq(), trace.headHash(), trace);
            LumenFailure cancelled = replayCancelled();
            if (cancelled != null) {
                throw cancelled;
            }
        }
    }

    /**
     * A value the trace must record but JSON cannot carry (a NaN or an infinity: TraceWriter refuses it and writes
     * nothing), as the runtime error JSON conversions give: {@code value has no JSON form: JSON cannot represent NaN}.
     */
    private static LumenFailure noJsonForm(String what, IllegalArgumentException e) {
        return new LumenFailure(what + " has no JSON form: " + e.getMessage());
    }

    /** The MCP calls of this run, made at its first; the calls of a `@parallel` block may ask at once. */
    private synchronized McpCalls mcpCalls() {
        if (mcp == null) {
            mcp = new McpCalls(base, serverGrants, elicitation, this::sample);
        }
        return mcp;
    }

    /** Stops the MCP servers of the run that ends, traced or not, and those read for it that it never called. */
    private synchronized void stopServers() {
        if (mcp != null) {
            mcp.close();
            mcp = null;
        }
        McpHandover.closeKept(base);
    }

    private void close() {
        try {
            trace.close();
        } catch (StoreException e) {
            warnings.println("warning: " + e.getMessage());
        }
        trace = null;
    }

    /** A cell's arguments by parameter name. */
    private static Map<String, Object> named(CellDef cell, Object[] arguments) {
        Map<String, Object> named = new LinkedHashMap<>();
        for (int i = 0; i < arguments.length && i < cell.params().size(); i++) {
            named.put(cell.params().get(i).name(), arguments[i]);
        }
        return named;
    }

    /** The document as the trace names it: relative to the store's root when it lies inside it. */
    private static Map<String, McpServerGrant> serverGrants(LirModule module) {
        Map<String, McpServerGrant> out = new HashMap<>();
        for (ToolDef tool : module.tools()) {
            if (tool.isServerGrant()) {
                out.put(tool.mcpServer(), new McpServerGrant(tool.grants()));
            }
        }
        return out;
    }

    private static Path documentDirectory(LumenProgram runProgram) {
        Path parent = Host.current().resolve(runProgram.file()).normalize().getParent();
        return parent == null ? Host.current().directory() : parent;
    }

    private String documentName(LumenProgram runProgram) {
        Path file = Host.current().resolve(runProgram.file()).normalize();
        return file.startsWith(store.root()) ? store.root().relativize(file).toString() : file.toString();
    }
}
