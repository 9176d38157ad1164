package dev.lumen.launcher;

import dev.lumen.embed.PlainValues;
import dev.lumen.language.truffle.LumenLanguage;
import dev.lumen.launcher.serve.CallOutcome;
import dev.lumen.runtime.host.Host;
import dev.lumen.runtime.json.CanonicalJson;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * A document that {@code lumen serve} runs cells of (mcp-serve.md §4): one polyglot context for the server's
 * life, evaluated once, whose cells are called one at a time, in the order the calls arrive, on one thread with
 * the large stack {@code lumen run} gives a run. Each call is a run of its own (run.md §6.1): traced, cached and
 * under the document's grants as {@code lumen run} would run it.
 */
final class ServedDocument implements AutoCloseable {
    private final ExecutorService thread;
    private final Engine engine;
    private final Context context;
    private final Value module;

    private ServedDocument(ExecutorService thread, Engine engine, Context context, Value module) {
        this.thread = thread;
        this.engine = engine;
        this.context = context;
        this.module = module;
    }

    /** The document did not compile; the message is its diagnostics as {@code lumen check} prints them. */
    static final class CompileErrors extends Exception {
        private static final long serialVersionUID = 1L;

        CompileErrors(String diagnostics) {
            super(diagnostics, null, false, false);
        }
    }

    /**
     * Builds the context and evaluates {@code source} in it. What the engine and the document print (warnings,
     * the notice of an MCP server started to read its tools) goes to {@code stderr}: standard output may be the
     * protocol.
     */
    static ServedDocument open(Source source, Map<String, String> options, boolean color, OutputStream stderr)
            throws CompileErrors {
        ExecutorService thread = Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(null, task, "lumen-serve", Long.getLong("lumen.stack.size", 64L << 20));
            t.setDaemon(true);
            return t;
        });
        Future<ServedDocument> opened = thread.submit(() -> {
            Engine engine = RunEngines.builder(stderr, stderr, color, options).build();
            Context context = Context.newBuilder(LumenLanguage.ID).engine(engine).out(stderr).err(stderr).build();
            try {
                return new ServedDocument(thread, engine, context, context.eval(source));
            } catch (PolyglotException e) {
                context.close();
                engine.close();
                if (e.isSyntaxError()) {
                    throw new CompileErrors(e.getMessage());
                }
                throw e;
            }
        });
        try {
            return opened.get();
        } catch (ExecutionException e) {
            thread.shutdown();
            if (e.getCause() instanceof CompileErrors errors) {
                throw errors;
            }
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the document was evaluated", e);
        }
    }

    /** Calls {@code cell} with the arguments in {@code json}, waiting for the calls before it. */
    CallOutcome call(String cell, String json) {
        try {
            return thread.submit(() -> callHere(cell, json)).get();
        } catch (ExecutionException e) {
            return internal(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CallOutcome.Failed("cancelled", "the call was cancelled", null, List.of());
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return new CallOutcome.Failed("cancelled", "the server is shutting down", null, List.of());
        }
    }

    private CallOutcome callHere(String cellName, String json) {
        Value cell = module.getMember(cellName);
        Object[] arguments;
        try {
            Value list = cell.invokeMember("argumentsFromJson", json);
            arguments = new Object[(int) list.getArraySize()];
            for (int i = 0; i < arguments.length; i++) {
                arguments[i] = list.getArrayElement(i);
            }
        } catch (PolyglotException e) {
            return failed(e);
        }
        Value result;
        try {
            result = cell.execute(arguments);
        } catch (PolyglotException e) {
            return failed(e);
        }
        try {
            Object value = PlainValues.of(result);
            CanonicalJson.write(value); // NaN and the infinities have no JSON form
            return new CallOutcome.Returned(value);
        } catch (IllegalArgumentException e) {
            return new CallOutcome.Failed("runtime", "the result of `" + cellName + "` has no JSON form: "
                    + e.getMessage(), null, List.of());
        }
    }

    /** A failed call as the client sees it: a Lumen error with its kind, location and field errors. */
    private static CallOutcome failed(PolyglotException e) {
        if (RunCommand.isStackOverflow(e)) {
            return new CallOutcome.Failed("runtime", "stack overflow: the cells call each other too deeply", null,
                    List.of());
        }
        if (e.isResourceExhausted()) {
            return new CallOutcome.Failed("runtime", "out of memory: the program needs more memory than the JVM has ("
                    + e.getMessage() + ")", null, List.of());
        }
        if (e.isCancelled() || e.isInterrupted()) {
            return new CallOutcome.Failed("cancelled", "the call was cancelled", null, List.of());
        }
        if (!e.isGuestException() || e.isInternalError()) {
            return internal(e);
        }
        Value guest = e.getGuestObject();
        String kind = guest != null && guest.hasMember("kind") ? guest.getMember("kind").asString() : "runtime";
        String location = null;
        if (guest != null && guest.hasMember("line") && !guest.getMember("line").isNull()) {
            location = guest.getMember("file").asString() + ":" + guest.getMember("line").asInt() + ":"
                    + guest.getMember("column").asInt();
        }
        List<Map<String, Object>> errors = new ArrayList<>();
        if (guest != null && guest.hasMember("errors")) {
            if (PlainValues.of(guest.getMember("errors")) instanceof List<?> list) {
                for (Object fieldError : list) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> map = (Map<String, Object>) fieldError;
                    errors.add(map);
                }
            }
        }
        return new CallOutcome.Failed(kind, e.getMessage(), location, errors);
    }

    /** A failure of Lumen itself: the client gets it as a tool error, the server's standard error its stack. */
    private static CallOutcome internal(Throwable t) {
        PrintStream err = Host.current().err();
        err.println("lumen: internal error in a served call (a bug in Lumen; please report it):");
        t.printStackTrace(err);
        return new CallOutcome.Failed("internal", "internal error in lumen: " + t, null, List.of());
    }

    @Override
    public void close() {
        try {
            thread.submit(() -> {
                context.close(true);
                engine.close();
            }).get();
        } catch (ExecutionException | InterruptedException | java.util.concurrent.RejectedExecutionException e) {
            // closing at exit: what is left ends with the process
        } finally {
            thread.shutdownNow();
        }
    }
}
