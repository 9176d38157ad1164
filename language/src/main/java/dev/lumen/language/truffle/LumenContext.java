package dev.lumen.language.truffle;

import com.oracle.truffle.api.ThreadLocalAction;
import com.oracle.truffle.api.TruffleLanguage;
import com.oracle.truffle.api.source.Source;
import dev.lumen.lir.errors.LumenFailure;
import dev.lumen.lir.errors.LumenRuntimeError;
import dev.lumen.lir.interpreter.LumenEffects;
import dev.lumen.lir.interpreter.LumenModuleObject;
import dev.lumen.runtime.interrupt.RunInterrupts;
import dev.lumen.runtime.tools.HostToolSet;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The state of one polyglot context running Lumen: its environment (streams, options) and the effects its
 * programs may perform. Every document evaluated in the context links to the same effects, and adds its cells
 * to the context's bindings.
 */
public final class LumenContext {
    private final TruffleLanguage.Env env;
    private final LumenEffects effects;
    private final LumenBindings bindings = new LumenBindings();
    /** The module object of each document evaluated here (evaluating it again binds the same cells). */
    private final Map<Source, LumenModuleObject> evaluated = new HashMap<>();
    /** The documents whose MCP servers were read for a run (their sessions kept for it), closed with the context. */
    private final Set<Path> readForRun = ConcurrentHashMap.newKeySet();

    /** This context in the process's interrupts (RunInterrupts), until it is disposed. */
    private final RunInterrupts.Registration interrupts;

    LumenContext(TruffleLanguage.Env env, LumenEffects effects) {
        this.env = env;
        this.effects = effects;
        this.interrupts = RunInterrupts.register(this::cancelRun);
    }

    /**
     * Cancels the run in progress, from any thread (run.md §5): its effects end the tool call it waits for, and a
     * thread-local action stops its program at the next safepoint — a loop's back edge, a call — with the
     * cancellation error, which the run records as any error that stops it.
     *
     * @return whether a run was in progress
     */
    boolean cancelRun(String reason) {
        Thread running = effects.cancel(reason);
        if (running == null) {
            return false;
        }
        try {
            env.submitThreadLocal(new Thread[] {running}, new ThreadLocalAction(true, false) {
                @Override
                protected void perform(Access access) {
                    LumenFailure cancelled = effects.takeCancellation();
                    if (cancelled != null) {
                        throw new LumenRuntimeError(cancelled, access.getLocation(), null);
                    }
                }
            });
        } catch (IllegalStateException e) {
            // the context is closing: its run ends anyway
        }
        return true;
    }

    /** The context is disposed: no interrupt reaches it any more. */
    void disposed() {
        interrupts.close();
    }

    /** The module object evaluating {@code source} gave in this context, or null. */
    LumenModuleObject evaluated(Source source) {
        return evaluated.get(source);
    }

    void evaluated(Source source, LumenModuleObject module) {
        evaluated.put(source, module);
    }

    /** The cells of the documents evaluated so far: the language's top scope. */
    LumenBindings bindings() {
        return bindings;
    }

    public TruffleLanguage.Env env() {
        return env;
    }

    public LumenEffects effects() {
        return effects;
    }

    /** Notes that the servers of {@code document} were read for a run, which may not happen. */
    void readForRun(Path document) {
        readForRun.add(document);
    }

    /** The documents of {@link #readForRun}. */
    Set<Path> readForRun() {
        return readForRun;
    }

    /** The tools the host offers through the polyglot bindings now (tool-manifest-v1.md §8). */
    public HostToolSet hostTools() {
        return HostToolBindings.read(env);
    }
}
