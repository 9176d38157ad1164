package dev.lumen.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.embed.PlainValues;
import dev.lumen.language.truffle.LumenLanguage;
import dev.lumen.launcher.batch.BatchProgress;
import dev.lumen.launcher.batch.BatchResult;
import dev.lumen.launcher.batch.InOrder;
import dev.lumen.runtime.host.Host;
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
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code lumen batch FILE --cell CELL --input INPUTS.jsonl --output RESULTS.jsonl [--parallel N]} (run.md §10): one
 * run of the cell per input line, N at a time on one engine, each run traced in the store as {@code lumen run}'s
 * is, the results in input order. A run that ended well is recorded in the store ({@link CompletedRuns}), so the
 * same command after a crash or Ctrl-C takes those results from their verified traces and runs only the rest;
 * its tool calls are answered from the cache as any run's are.
 */
@Command(
        name = "batch",
        description = {
            "Run a cell of a Lumen document once per line of a JSON Lines file, N runs at a time.",
            "",
            "Each input line is a JSON object of the cell's arguments by parameter name. Each run is traced in "
                    + "the store, and its grants, rate limits and budgets hold across all of them. RESULTS.jsonl "
                    + "gets one line per input, in input order: {\"line\": N, \"ok\": VALUE, \"run\": ID} or "
                    + "{\"line\": N, \"error\": {\"kind\": KIND, \"message\": TEXT}, \"run\": ID}; it is written "
                    + "whole at the end. Run the same command again after a crash or Ctrl-C: the inputs whose runs "
                    + "ended well are taken from the store (\"cached\": true), and nothing already paid for is paid "
                    + "again.",
        },
        sortOptions = false,
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            " 0:every run returned a value",
            " 1:the document has errors, or some runs failed (their lines say why)",
            " 2:bad arguments or unreadable input",
            " 130:interrupted by Ctrl-C: the runs that ended are in the store; run the command again to go on",
        })
final class BatchCommand implements Callable<Integer> {
    /** The stack of the threads runs are on, as {@code lumen run}'s. */
    private static final long STACK_SIZE = Long.getLong("lumen.stack.size", 64L << 20);
    private static final int MAX_PARALLEL = 1024;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1", description = "The `.lm.md` document or `.lir.json` module.")
    private String file;

    @Option(names = "--cell", paramLabel = "NAME", defaultValue = "run", description = "The cell to run. Default: ${DEFAULT-VALUE}.")
    private String cell;

    @Option(names = "--input", paramLabel = "INPUTS.jsonl", required = true,
            description = "One JSON object of the cell's arguments per line.")
    private Path input;

    @Option(names = "--output", paramLabel = "RESULTS.jsonl", required = true,
            description = "Where the results go, one line per input, in input order.")
    private Path output;

    @Option(names = "--parallel", paramLabel = "N",
            description = "How many runs at a time. Default: the number of processors.")
    private Integer parallel;

    @Option(names = "--store", paramLabel = "STORE", converter = StoreOption.Address.class,
            description = StoreOption.DESCRIPTION + " Default: the nearest .lumen/ above the document.")
    private String storeAddress;

    @Option(names = "--offline", description = "Reach no network and perform no effect, as `lumen run --offline`.")
    private boolean offline;

    @Option(names = "--jit", negatable = true,
            description = "Run on the optimizing runtime (--jit, the default for a batch) or the fast-starting one.")
    private Boolean jit;

    @Option(names = {"-q", "--quiet"}, description = "No progress line, only the summary at the end.")
    private boolean quiet;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Host host = Host.current();
        boolean color = Terminal.colorOnStderr(Terminal.ColorChoice.auto, host.environment());
        int workers = parallel == null ? Runtime.getRuntime().availableProcessors() : parallel;
        if (workers < 1 || workers > MAX_PARALLEL) {
            return usage(err, color, "`--parallel " + workers + "` is not between 1 and " + MAX_PARALLEL);
        }
        Path inputFile = host.absolute(input);
        Path outputFile = host.absolute(output);
        if (!Files.isRegularFile(inputFile) || !Files.isReadable(inputFile)) {
            return usage(err, color, "cannot read the inputs `" + input + "`: " + (Files.exists(inputFile)
                    ? "it is not a readable file" : "there is no such file"));
        }
        if (outputFile.normalize().equals(inputFile.normalize())) {
            return usage(err, color, "`--output` is the input file `" + input + "`: the results would replace it");
        }
        if (outputFile.getParent() == null || !Files.isDirectory(outputFile.getParent())) {
            return usage(err, color, "cannot write the results `" + output + "`: its directory does not exist");
        }
        Source source;
        Store store;
        String docHash;
        Map<String, String> options;
        try {
            source = RunCommand.readSource(file);
            docHash = CanonicalJson.sha256(Files.readAllBytes(host.resolve(file)));
            options = RunCommand.storeOptions(storeAddress, file, offline);
            store = StoreOption.open(storeAddress, Path.of(file));
        } catch (RunCommand.UsageError e) {
            return usage(err, color, e.getMessage());
        } catch (IOException e) {
            return usage(err, color, "cannot read `" + file + "`: " + e.getMessage());
        }
        LineOutputStream tools = new LineOutputStream(err);
        tools.release();
        try (Engine engine = RunEngines.builder(tools, tools, color, Map.of()).build()) {
            Batch batch = new Batch(engine, source, options, store, docHash, workers, err, color);
            return batch.run(inputFile, outputFile);
        }
    }

    private static int usage(PrintWriter err, boolean color, String message) {
        err.println(RunCommand.headline(color) + message);
        return ExitCodes.USAGE;
    }

    /** A line of the inputs: its place among the lines that are not blank, its number in the file, its text. */
    private record Input(int index, int line, String text) {
    }

    /** One batch: the reader, the workers, the results in order, the progress. */
    private final class Batch {
        private static final Input END = new Input(-1, 0, null);
        private final Engine engine;
        private final Source source;
        private final Map<String, String> options;
        private final Store store;
        private final String docHash;
        private final int workers;
        private final PrintWriter err;
        private final boolean color;
        private final AtomicBoolean stopping = new AtomicBoolean();
        private final List<Context> contexts = Collections.synchronizedList(new ArrayList<>());
        private final InOrder<BatchResult> results;
        private final BatchProgress progress;
        private volatile String documentError;
        private volatile CtrlC signals;

        Batch(Engine engine, Source source, Map<String, String> options, Store store, String docHash, int workers,
                PrintWriter err, boolean color) {
            this.engine = engine;
            this.source = source;
            this.options = options;
            this.store = store;
            this.docHash = docHash;
            this.workers = workers;
            this.err = err;
            this.color = color;
            this.results = new InOrder<>(4 * workers + 256);
            this.progress = new BatchProgress(err, !quiet
                    && Terminal.showsProgress(Host.current().environment(), RunCommand.stderrIsTerminal), System::nanoTime);
        }

        int run(Path inputFile, Path outputFile) {
            List<String> parameters;
            try {
                parameters = parameters();
                progress.total(count(inputFile));
            } catch (DocumentError e) {
                err.print(e.getMessage().endsWith("\n") ? e.getMessage() : e.getMessage() + "\n");
                return e.status;
            }
            BlockingQueue<Input> inputs = new ArrayBlockingQueue<>(2 * workers);
            List<Thread> threads = new ArrayList<>();
            Host host = Host.current();
            for (int i = 0; i < workers; i++) {
                threads.add(Thread.ofPlatform().name("lumen-batch-" + i).stackSize(STACK_SIZE).unstarted(() -> {
                    try {
                        Host.with(host, () -> work(parameters, inputs));
                    } catch (Exception | Error e) {
                        fail(e);
                    }
                }));
            }
            Invocation invocation = Invocation.current();
            try (CtrlC ctrlC = invocation != null ? CtrlC.install(this::stop, invocation)
                    : RunCommand.handlesSignals ? CtrlC.install(this::stop) : null;
                    BatchProgress.Ticking ticking = progress.ticking()) {
                signals = ctrlC;
                threads.forEach(Thread::start);
                Thread reader = Thread.ofPlatform().name("lumen-batch-reader").start(() -> read(inputFile, inputs));
                boolean written = write(outputFile);
                join(reader);
                threads.forEach(BatchCommand::join);
                boolean interrupted = ctrlC != null && ctrlC.came();
                ticking.close();
                if (documentError != null) {
                    err.println(RunCommand.headline(color) + documentError);
                    return ExitCodes.ERRORS;
                }
                if (!written || interrupted) {
                    progress.stopped(outputFile);
                    return interrupted ? ExitCodes.INTERRUPTED : ExitCodes.ERRORS;
                }
                progress.finished(outputFile);
                return progress.failed() == 0 ? ExitCodes.OK : ExitCodes.ERRORS;
            }
        }

        /** The number of lines that are not blank. */
        private int count(Path inputFile) throws DocumentError {
            try (BufferedReader reader = Files.newBufferedReader(inputFile, StandardCharsets.UTF_8)) {
                return (int) reader.lines().filter(line -> !line.isBlank()).count();
            } catch (IOException | java.io.UncheckedIOException e) {
                throw new DocumentError(RunCommand.headline(color) + "cannot read the inputs `" + input + "`: "
                        + e.getMessage(), ExitCodes.USAGE);
            }
        }

        /** Stops the batch for a failure of Lumen's own, which it reports. */
        private void fail(Throwable e) {
            if (documentError == null) {
                documentError = "internal error in lumen: " + e;
            }
            stop();
        }

        /** The cell's parameters, from a context of its own: a document with errors stops the batch before any run. */
        private List<String> parameters() throws DocumentError {
            Context context = newContext();
            try {
                Value module;
                try {
                    module = context.eval(source);
                } catch (PolyglotException e) {
                    if (e.isSyntaxError()) {
                        throw new DocumentError(e.getMessage(), ExitCodes.ERRORS);
                    }
                    throw e;
                }
                if (!module.hasMember(cell) || cell.contains("$")) {
                    List<String> cells = new ArrayList<>(module.getMemberKeys());
                    cells.removeIf(name -> name.contains("$"));
                    throw new DocumentError(RunCommand.headline(color) + "the document has no cell `" + cell + "`\n"
                            + "  = help: " + (cells.isEmpty() ? "it has none" : "its cells: " + String.join(", ", cells)),
                            ExitCodes.USAGE);
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
                    .err(new LineOutputStream(err)).options(options).build();
        }

        /** Hands the input lines out, numbered; a line that is blank is skipped. */
        private void read(Path inputFile, BlockingQueue<Input> inputs) {
            try (BufferedReader reader = Files.newBufferedReader(inputFile, StandardCharsets.UTF_8)) {
                String text;
                int number = 0;
                int index = 0;
                while (!stopped() && (text = reader.readLine()) != null) {
                    number++;
                    if (!text.isBlank()) {
                        if (!results.reserve()) {
                            break;
                        }
                        inputs.put(new Input(index++, number, text));
                    }
                }
                results.end(index);
            } catch (IOException e) {
                if (documentError == null) {
                    documentError = "cannot read the inputs `" + input + "`: " + e.getMessage();
                }
                stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop();
            } finally {
                for (int i = 0; i < workers; i++) {
                    try {
                        inputs.put(END); // the workers take until they see it, stopping or not
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        }

        /** Whether the batch is stopping: a Ctrl-C came, or a failure stopped it. */
        private boolean stopped() {
            CtrlC ctrlC = signals;
            if (ctrlC != null && ctrlC.came()) {
                stop();
            }
            return stopping.get();
        }

        /** Stops handing out inputs and results, and cancels the runs in progress. */
        private void stop() {
            if (stopping.compareAndSet(false, true)) {
                results.abort();
                synchronized (contexts) {
                    for (Context context : contexts) {
                        Thread.ofPlatform().daemon().start(() -> {
                            try {
                                context.close(true);
                            } catch (PolyglotException | IllegalStateException e) {
                                // closing a context that is cancelled reports the cancellation
                            }
                        });
                    }
                }
            }
        }

        /** A worker: one context, the cell run on one input after another, until the end marker. */
        private Void work(List<String> parameters, BlockingQueue<Input> inputs) throws InterruptedException {
            Context context = null;
            Value target = null;
            try {
                context = newContext();
                contexts.add(context);
                target = context.eval(source).getMember(cell);
            } catch (PolyglotException | IllegalStateException e) {
                if (!stopped()) {
                    fail(e);
                }
            }
            try {
                for (Input next = inputs.take(); next != END; next = inputs.take()) {
                    if (target == null || stopped()) {
                        continue; // drained to the end marker
                    }
                    BatchResult result;
                    try {
                        result = runOne(target, parameters, next);
                    } catch (PolyglotException | IllegalStateException e) {
                        if (!stopped()) {
                            fail(e);
                        }
                        continue;
                    }
                    if (result != null) {
                        progress.done(result);
                        results.put(next.index(), result);
                    }
                }
            } finally {
                if (context != null) {
                    contexts.remove(context);
                    try {
                        context.close();
                    } catch (PolyglotException | IllegalStateException e) {
                        // cancelled
                    }
                }
            }
            return null;
        }

        /** The result of one input: from the store when a run of it ended well, else from a run now; null when cancelled. */
        private BatchResult runOne(Value target, List<String> parameters, Input in) {
            JsonNode tree;
            try {
                tree = CanonicalJson.parse(in.text());
            } catch (IllegalArgumentException e) {
                return BatchResult.failed(in.line(), "input", "the line is not JSON: " + e.getMessage(), null);
            }
            if (!tree.isObject()) {
                return BatchResult.failed(in.line(), "input", "the line is not a JSON object of the arguments of `"
                        + cell + "` by name", null);
            }
            Object[] arguments = new Object[parameters.size()];
            for (int i = 0; i < arguments.length; i++) {
                JsonNode value = tree.get(parameters.get(i));
                if (value == null) {
                    return BatchResult.failed(in.line(), "input", "the line has no argument `" + parameters.get(i)
                            + "`; `" + cell + "` takes " + String.join(", ", parameters), null);
                }
                arguments[i] = RunCommand.fromJson(value);
            }
            for (var names = tree.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!parameters.contains(name)) {
                    return BatchResult.failed(in.line(), "input", "`" + cell + "` has no parameter `" + name + "`",
                            null);
                }
            }
            String key = CompletedRuns.key(docHash, cell, CanonicalJson.write(tree));
            Optional<BatchResult> done = completed(key, in.line());
            if (done.isPresent()) {
                return done.get();
            }
            Optional<String> before = TraceWriter.startedOnThisThread();
            Value value;
            try {
                value = target.execute(arguments);
            } catch (PolyglotException e) {
                if (e.isCancelled() || e.isInterrupted() || "cancelled".equals(kind(e)) || stopped()) {
                    stop(); // Ctrl-C cancelled the run, or the batch is stopping: its line is not written
                    return null;
                }
                return BatchResult.failed(in.line(), kind(e), e.getMessage(), startedNow(before));
            }
            String runId = startedNow(before);
            String json;
            try {
                json = CanonicalJson.write(PlainValues.of(value));
            } catch (IllegalArgumentException e) {
                return BatchResult.failed(in.line(), "runtime", "the result of `" + cell + "` has no JSON form: "
                        + e.getMessage(), runId);
            }
            if (runId != null) {
                try {
                    store.completedRuns().record(key, runId);
                } catch (StoreException e) {
                    err.println("warning: " + e.getMessage() + "; a batch run again will run line " + in.line()
                            + " again");
                }
            }
            return BatchResult.ok(in.line(), json, runId, false);
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

        /** Writes the results in input order as they come, to a file renamed over the target when all are in. */
        private boolean write(Path outputFile) {
            try {
                AtomicWrite.write(outputFile, out -> {
                    try {
                        for (BatchResult result = results.next(); result != null; result = results.next()) {
                            out.write((result.json() + "\n").getBytes(StandardCharsets.UTF_8));
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        stop();
                    }
                    if (stopped() || documentError != null) {
                        throw new IOException("stopped"); // the results file stays as it was
                    }
                });
                return true;
            } catch (IOException e) {
                if (!stopping.get()) {
                    documentError = "cannot write the results `" + output + "`: " + e.getMessage();
                    stop();
                }
                return false;
            }
        }
    }

    private static void join(Thread thread) {
        while (true) {
            try {
                thread.join();
                return;
            } catch (InterruptedException e) {
                // the batch ends when its threads do
            }
        }
    }

    /** A document that cannot be batched: its message, as printed, and the exit status. */
    private static final class DocumentError extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;

        DocumentError(String message, int status) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    @Override
    public String toString() {
        return "lumen batch " + Objects.requireNonNullElse(file, "");
    }
}
