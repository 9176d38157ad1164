package dev.lumen.launcher;

import dev.lumen.launcher.batch.BatchJob;
import dev.lumen.launcher.batch.BatchProgress;
import dev.lumen.launcher.batch.BatchResult;
import dev.lumen.launcher.batch.CellRunner;
import dev.lumen.launcher.batch.InOrder;
import dev.lumen.launcher.batch.PipelineRunner;
import dev.lumen.runtime.host.Host;
import dev.lumen.runtime.json.CanonicalJson;
import dev.lumen.runtime.store.CompletedRuns;
import dev.lumen.runtime.store.Store;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
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
import java.util.ServiceLoader;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
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

    @Option(names = "--runner", paramLabel = "NAME", defaultValue = "local",
            description = "Where the runs go: local (this process, --parallel at a time) or beam (an Apache Beam "
                    + "pipeline, on the runner its options after `--` name: Beam's direct runner by default, "
                    + "--runner=FlinkRunner, …).")
    private String runnerName;

    @Parameters(index = "1..*", paramLabel = "PIPELINE_OPTION",
            description = "After `--`, the options of the pipeline of --runner beam (Beam's own).")
    private List<String> pipelineOptions = new ArrayList<>();

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
            CellRunner runner = new CellRunner(engine, source, options, store, docHash, cell,
                    new PrintStream(new LineOutputStream(err), true, StandardCharsets.UTF_8));
            if (!runnerName.equals("local")) {
                return onPipeline(runner, source, options, store, docHash, inputFile, outputFile, err, color);
            }
            if (!pipelineOptions.isEmpty()) {
                return usage(err, color, "`" + pipelineOptions.getFirst() + "`: options after the document are a"
                        + " pipeline's, for --runner beam");
            }
            return new Batch(runner, workers, err, color).run(inputFile, outputFile);
        }
    }

    /** The batch as a pipeline of the runner {@code --runner} names: the document checked here, the runs on its workers. */
    private int onPipeline(CellRunner runner, Source source, Map<String, String> options, Store store, String docHash,
            Path inputFile, Path outputFile, PrintWriter err, boolean color) {
        Optional<PipelineRunner> pipeline = ServiceLoader.load(PipelineRunner.class).stream()
                .map(ServiceLoader.Provider::get).filter(r -> r.name().equals(runnerName)).findFirst();
        if (pipeline.isEmpty()) {
            return usage(err, color, "no runner `" + runnerName + "` is on the class path: --runner takes local, or"
                    + " beam (bin/lumen adds the beam module, built by `bin/mvn -pl beam -am package`)");
        }
        List<String> parameters;
        List<BatchJob.Line> lines = new ArrayList<>();
        try {
            parameters = runner.parameters();
            List<String> all = Files.readAllLines(inputFile, StandardCharsets.UTF_8);
            for (int i = 0; i < all.size(); i++) {
                if (!all.get(i).isBlank()) {
                    lines.add(new BatchJob.Line(i + 1, all.get(i)));
                }
            }
        } catch (CellRunner.DocumentError e) {
            return report(err, color, e);
        } catch (IOException | java.io.UncheckedIOException e) {
            return usage(err, color, "cannot read the inputs `" + input + "`: " + e.getMessage());
        }
        Map<String, String> carried = new java.util.TreeMap<>();
        Host.current().environment().forEach((name, value) -> {
            if (BatchJob.carried(name)) {
                carried.put(name, value);
            }
        });
        BatchJob job = new BatchJob(source.getName(), source.getCharacters().toString(), source.getMimeType(),
                source.getURI().toString(), store.root().toString(), store.address(), options, docHash, cell,
                parameters, carried, lines);
        BatchProgress progress = new BatchProgress(err, false, System::nanoTime);
        progress.total(lines.size());
        List<BatchResult> results;
        try {
            results = new ArrayList<>(pipeline.get().run(job, pipelineOptions));
        } catch (IllegalArgumentException e) {
            return usage(err, color, "the pipeline options are not the runner's: " + e.getMessage());
        } catch (Exception e) {
            err.println(RunCommand.headline(color) + "the pipeline failed: " + e);
            return ExitCodes.ERRORS;
        }
        results.sort(java.util.Comparator.comparingInt(BatchResult::line));
        if (results.size() != lines.size()) {
            err.println(RunCommand.headline(color) + "the pipeline returned " + results.size() + " results for "
                    + lines.size() + " inputs; " + output + " was not written");
            return ExitCodes.ERRORS;
        }
        StringBuilder text = new StringBuilder();
        for (BatchResult result : results) {
            progress.done(result);
            text.append(result.json()).append('\n');
        }
        try {
            AtomicWrite.write(outputFile, text.toString());
        } catch (IOException e) {
            err.println(RunCommand.headline(color) + "cannot write the results `" + output + "`: " + e.getMessage());
            return ExitCodes.ERRORS;
        }
        progress.finished(outputFile);
        return progress.failed() == 0 ? ExitCodes.OK : ExitCodes.ERRORS;
    }

    /** Prints a document that cannot be batched: its diagnostics (status 1), or a usage error (2). */
    private static int report(PrintWriter err, boolean color, CellRunner.DocumentError e) {
        String message = e.diagnostics() ? e.getMessage() : RunCommand.headline(color) + e.getMessage();
        err.print(message.endsWith("\n") ? message : message + "\n");
        return e.diagnostics() ? ExitCodes.ERRORS : ExitCodes.USAGE;
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
        private final int workers;
        private final PrintWriter err;
        private final boolean color;
        private final AtomicBoolean stopping = new AtomicBoolean();
        private final CellRunner runner;
        private final List<CellRunner.Worker> workersNow = Collections.synchronizedList(new ArrayList<>());
        private final InOrder<BatchResult> results;
        private final BatchProgress progress;
        private volatile String documentError;
        private volatile CtrlC signals;

        Batch(CellRunner runner, int workers, PrintWriter err, boolean color) {
            this.runner = runner;
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
                parameters = runner.parameters();
                progress.total(count(inputFile));
            } catch (CellRunner.DocumentError e) {
                return report(err, color, e);
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
        private int count(Path inputFile) throws CellRunner.DocumentError {
            try (BufferedReader reader = Files.newBufferedReader(inputFile, StandardCharsets.UTF_8)) {
                return (int) reader.lines().filter(line -> !line.isBlank()).count();
            } catch (IOException | java.io.UncheckedIOException e) {
                throw new CellRunner.DocumentError("cannot read the inputs `" + input + "`: " + e.getMessage(), false);
            }
        }

        /** Stops the batch for a failure of Lumen's own, which it reports. */
        private void fail(Throwable e) {
            if (documentError == null) {
                documentError = "internal error in lumen: " + e;
            }
            stop();
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
                synchronized (workersNow) {
                    for (CellRunner.Worker worker : workersNow) {
                        Thread.ofPlatform().daemon().start(worker::cancel); // closing waits for the run
                    }
                }
            }
        }

        /** A worker: one context, the cell run on one input after another, until the end marker. */
        private Void work(List<String> parameters, BlockingQueue<Input> inputs) throws InterruptedException {
            CellRunner.Worker worker = null;
            try {
                worker = runner.worker(parameters);
                workersNow.add(worker);
            } catch (PolyglotException | IllegalStateException e) {
                if (!stopped()) {
                    fail(e);
                }
            }
            try {
                for (Input next = inputs.take(); next != END; next = inputs.take()) {
                    if (worker == null || stopped()) {
                        continue; // drained to the end marker
                    }
                    Optional<BatchResult> result;
                    try {
                        result = worker.run(next.line(), next.text(), this::stopped);
                    } catch (PolyglotException | IllegalStateException e) {
                        if (!stopped()) {
                            fail(e);
                        }
                        continue;
                    }
                    if (result.isEmpty()) {
                        stop(); // Ctrl-C cancelled the run, or the batch is stopping: its line is not written
                        continue;
                    }
                    progress.done(result.get());
                    results.put(next.index(), result.get());
                }
            } finally {
                if (worker != null) {
                    workersNow.remove(worker);
                    worker.close();
                }
            }
            return null;
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

    @Override
    public String toString() {
        return "lumen batch " + Objects.requireNonNullElse(file, "");
    }
}
