package dev.lumen.launcher.batch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.embed.PlainValues;
import dev.lumen.language.truffle.LumenLanguage;
import dev.lumen.runtime.json.CanonicalJson;
import dev.lumen.runtime.store.CompletedRuns;
import dev.lumen.runtime.store.Store;
import dev.lumen.runtime.store.StoreException;
import dev.lumen.runtime.trace.EventKind;
import dev.lumen.runtime.trace.Trace;
import dev.lumen.runtime.trace.TraceEvent;
import dev.lumen.runtime.trace.TraceReader;
import dev.lumen.runtime.trace.TraceVerifier;
import dev.lumen.runtime.trace.TraceWriter;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * Runs one cell of a document on input lines of a batch (run.md §10), wherever the batch runs: the threads of
 * {@code lumen batch}, or the workers of a Beam pipeline. Each {@link Worker} is a context of its own on the shared
 * engine; {@link Worker#run} takes an input's result from the store when a run of it returned before, and runs
 * the cell otherwise, recording the run when it returns.
 */
public final class CellRunner {
    private final Engine engine;
    private final Source source;
    private final Map<String, String> options;
    private final Store store;
    private final String docHash;
    private final String cell;
    private final PrintStream warnings;

    /**
     * @param options  the contexts' options: the store's, offline or not (RunCommand.storeOptions)
     * @param store    the store those options name
     * @param docHash  the hash of the document's bytes, which keys the runs that returned
     * @param warnings where warnings go (the runs' own, and records that could not be written)
     */
    public CellRunner(Engine engine, Source source, Map<String, String> options, Store store, String docHash,
            String cell, PrintStream warnings) {
        this.engine = engine;
        this.source = source;
        this.options = options;
        this.store = store;
        this.docHash = docHash;
        this.cell = cell;
        this.warnings = warnings;
    }

    /** A document that cannot be batched, as printed (without the {@code error: } headline when a diagnostic). */
    public static final class DocumentError extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean diagnostics;

        public DocumentError(String message, boolean diagnostics) {
            super(message, null, false, false);
            this.diagnostics = diagnostics;
        }

        /** Whether the message is the document's diagnostics (exit status 1), not a usage error (2). */
        public boolean diagnostics() {
            return diagnostics;
        }
    }

    /** The cell's parameters, from a context of its own: a document with errors or without the cell stops a batch before any run. */
    public List<String> parameters() throws DocumentError {
        Context context = newContext();
        try {
            Value module;
            try {
                module = context.eval(source);
            } catch (PolyglotException e) {
                if (e.isSyntaxError()) {
                    throw new DocumentError(e.getMessage(), true);
                }
                throw e;
            }
            if (!module.hasMember(cell) || cell.contains("$")) {
                List<String> cells = new ArrayList<>(module.getMemberKeys());
                cells.removeIf(name -> name.contains("$"));
                throw new DocumentError("the document has no cell `" + cell + "`\n  = help: "
                        + (cells.isEmpty() ? "it has none" : "its cells: " + String.join(", ", cells)), false);
            }
            Value params = module.getMember(cell).getMember("parameters");
            List<String> names = new ArrayList<>();
            for (long i = 0; i < params.getArraySize(); i++) {
                names.add(params.getArrayElement(i).getHashValue("name").asString());
            }
            return names;
        } finally {
            context.close();
        }
    }

    private Context newContext() {
        return Context.newBuilder(LumenLanguage.ID).engine(engine).out(OutputStream.nullOutputStream())
                .err(warnings).options(options).build();
    }

    /** A context with the document evaluated, for one thread. */
    public Worker worker(List<String> parameters) {
        Context context = newContext();
        try {
            return new Worker(context, context.eval(source).getMember(cell), parameters);
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
    }

    /** One thread's context and the cell in it. */
    public final class Worker implements AutoCloseable {
        private final Context context;
        private final Value target;
        private final List<String> parameters;

        private Worker(Context context, Value target, List<String> parameters) {
            this.context = context;
            this.target = target;
            this.parameters = parameters;
        }

        /**
         * The result of input line {@code line}, {@code text}: from the store when a run of it returned before,
         * else from a run now; empty when the run was cancelled ({@code stopping} says so, or Ctrl-C cancelled
         * it), and then the batch stops.
         */
        public Optional<BatchResult> run(int line, String text, BooleanSupplier stopping) {
            JsonNode tree;
            try {
                tree = CanonicalJson.parse(text);
            } catch (IllegalArgumentException e) {
                return Optional.of(BatchResult.failed(line, "input", "the line is not JSON: " + e.getMessage(), null));
            }
            if (!tree.isObject()) {
                return Optional.of(BatchResult.failed(line, "input", "the line is not a JSON object of the arguments"
                        + " of `" + cell + "` by name", null));
            }
            Object[] arguments = new Object[parameters.size()];
            for (int i = 0; i < arguments.length; i++) {
                JsonNode value = tree.get(parameters.get(i));
                if (value == null) {
                    return Optional.of(BatchResult.failed(line, "input", "the line has no argument `"
                            + parameters.get(i) + "`; `" + cell + "` takes " + String.join(", ", parameters), null));
                }
                arguments[i] = JsonArguments.of(value);
            }
            for (var names = tree.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!parameters.contains(name)) {
                    return Optional.of(BatchResult.failed(line, "input", "`" + cell + "` has no parameter `" + name
                            + "`", null));
                }
            }
            String key = CompletedRuns.key(docHash, cell, CanonicalJson.write(tree));
            Optional<BatchResult> done = completed(key, line);
            if (done.isPresent()) {
                return done;
            }
            Optional<String> before = TraceWriter.startedOnThisThread();
            Value value;
            try {
                value = target.execute(arguments);
            } catch (PolyglotException e) {
                if (e.isCancelled() || e.isInterrupted() || "cancelled".equals(kind(e)) || stopping.getAsBoolean()) {
                    return Optional.empty();
                }
                return Optional.of(BatchResult.failed(line, kind(e), e.getMessage(), startedNow(before)));
            }
            String runId = startedNow(before);
            String json;
            try {
                json = CanonicalJson.write(PlainValues.of(value));
            } catch (IllegalArgumentException e) {
                return Optional.of(BatchResult.failed(line, "runtime", "the result of `" + cell + "` has no JSON form: "
                        + e.getMessage(), runId));
            }
            if (runId != null) {
                try {
                    store.completedRuns().record(key, runId);
                } catch (StoreException e) {
                    warnings.println("warning: " + e.getMessage() + "; a batch run again will run line " + line
                            + " again");
                }
            }
            return Optional.of(BatchResult.ok(line, json, runId, false));
        }

        /** Cancels the run in progress, from another thread, and closes the context. */
        public void cancel() {
            try {
                context.close(true);
            } catch (PolyglotException | IllegalStateException e) {
                // closing a context that is cancelled reports the cancellation
            }
        }

        @Override
        public void close() {
            try {
                context.close();
            } catch (PolyglotException | IllegalStateException e) {
                // cancelled
            }
        }
    }

    private static String startedNow(Optional<String> before) {
        Optional<String> after = TraceWriter.startedOnThisThread();
        return after.isPresent() && !after.equals(before) ? after.get() : null;
    }

    private static String kind(PolyglotException e) {
        if (e.isResourceExhausted()) {
            return "resource";
        }
        Value guest = e.isGuestException() ? e.getGuestObject() : null;
        return guest != null && guest.hasMember("kind") ? guest.getMember("kind").asString() : "internal";
    }

    /**
     * The result of the run recorded for {@code key}, when its trace verifies, ended well, and is a run of this
     * cell; else empty, and the input is run again.
     */
    private Optional<BatchResult> completed(String key, int line) {
        try {
            Optional<String> runId = store.completedRuns().find(key);
            if (runId.isEmpty() || !TraceVerifier.verify(store, runId.get()).ok()) {
                return Optional.empty();
            }
            Trace trace = TraceReader.read(store, runId.get());
            TraceEvent start = trace.start();
            TraceEvent end = trace.events().getLast();
            if (start == null || !cell.equals(start.cell()) || end.kind() != EventKind.RUN_END
                    || !"ok".equals(end.status()) || end.outputs().isEmpty()) {
                return Optional.empty();
            }
            String json = end.outputs().get().resolve(store.blobs()).text();
            return Optional.of(BatchResult.ok(line, json, runId.get(), true));
        } catch (StoreException e) {
            return Optional.empty();
        }
    }
}
