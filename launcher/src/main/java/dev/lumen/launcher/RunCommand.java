package dev.lumen.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.embed.PlainValues;
import dev.lumen.language.ast.Decl;
import dev.lumen.language.truffle.LumenLanguage;
import dev.lumen.launcher.batch.JsonArguments;
import dev.lumen.launcher.otel.LiveExport;
import dev.lumen.runtime.host.Host;
import dev.lumen.runtime.json.CanonicalJson;
import dev.lumen.runtime.mcp.McpElicitation;
import dev.lumen.runtime.progress.ToolProgress;
import dev.lumen.runtime.store.Store;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import org.graalvm.options.OptionCategory;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * {@code lumen run FILE [--cell NAME] [--arg NAME=VALUE]... [--stdin NAME] [polyglot options]}: runs a cell of a
 * document (or of an LIR module) through the polyglot {@link Context} API and prints its result as canonical JSON.
 *
 * <p>Exit statuses: 0 the cell returned; 1 the document has errors, or the program halted or hit a runtime
 * error (reported as {@code error: MESSAGE}, {@code --> FILE:LINE:COLUMN} and one {@code = note: in cell `NAME`
 * at FILE:LINE:COLUMN} line per Lumen frame, innermost first, with the call site for each caller); 2 bad
 * arguments or unreadable input.
 *
 * <p>The program runs on a thread with a large stack, so deep recursion in Lumen fails as a Lumen error
 * ({@code stack overflow}) only when it is truly runaway.
 */
@Command(
        name = "run",
        description = {
            "Run a cell of a Lumen document (or of an LIR module) and print its result as JSON.",
            "",
            "The result is canonical JSON (RFC 8785) on one line: records and maps are objects, lists arrays, "
                    + "enum values their variant name, results {\"ok\": value} or {\"err\": error}, Bytes base64 "
                    + "text, Json values as they are, null as null.",
            "",
            "Arguments are typed by the cell's parameters: a String parameter takes VALUE as it is; any other "
                    + "takes VALUE as JSON (--arg n=3, --arg tags='[\"a\",\"b\"]', --arg inv='{\"id\": \"A\", "
                    + "\"total\": 1.5}', an enum as \"Paid\", a result as {\"ok\": 1}).",
            "",
            "Polyglot options go to the engine, as in a GraalVM launcher; they are listed at the end. With "
                    + "--inspect, the program is debugged in Chrome DevTools (the command prints the devtools:// URL "
                    + "to open); with --dap, over the Debug Adapter Protocol, as from VS Code. The compiler's "
                    + "options (--engine.TraceCompilation, --compiler.*) need --jit.",
        },
        sortOptions = false,
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            " 0:the cell returned; its result is on standard output",
            " 1:the document has errors, or the program halted or failed at run time",
            " 2:bad arguments or unreadable input",
            " 130:interrupted by Ctrl-C (SIGINT): the tool call in flight was cancelled and the trace records it",
        })
final class RunCommand implements Callable<Integer> {
    /**
     * The stack of the thread Lumen runs on, in bytes: recursion is how Lumen loops without a collection
     * (spec §14), so it gets more than a JVM thread's default: 64 MiB holds well over 100,000 nested calls, and
     * runaway recursion still fails within seconds. {@code -Dlumen.stack.size=BYTES} changes it.
     */
    private static final long DEFAULT_STACK_SIZE = 64L << 20;

    private static final String CANCELLED = "the run was cancelled";

    /** The polyglot option that sends the engine's log to a file. */
    private static final String POLYGLOT_HELP = "polyglotOptions";

    /** Standard input for {@code --stdin} when tests replace it; null for the {@link Host}'s, read at each run. */
    static InputStream stdin;
    /** Whether standard error is a terminal, where the progress line shows; tests replace it. */
    static BooleanSupplier stderrIsTerminal = Terminal::stderrIsTerminal;
    /**
     * Whether the command owns its process, whose SIGINT then cancels the run (CtrlC): set by {@link Main#main},
     * never for a command run in-process by a host, whose signals are its own.
     */
    static volatile boolean handlesSignals;

    private CommandSpec spec;

    /** Injected by picocli: the command's spec, whose help ends with the polyglot options. */
    @Spec
    void spec(CommandSpec commandSpec) {
        this.spec = commandSpec;
        UsageMessageSpec usage = commandSpec.usageMessage();
        usage.sectionMap().put(POLYGLOT_HELP, help -> PolyglotHelp.runSection(helpCategory(), usage.width()));
        List<String> sections = new ArrayList<>(usage.sectionKeys());
        sections.add(POLYGLOT_HELP);
        usage.sectionKeys(sections);
    }

    @Parameters(paramLabel = "FILE", arity = "1", description = "The `.lm.md` document or `.lir.json` module to run.")
    private String file;

    @Option(names = "--cell", paramLabel = "NAME", defaultValue = "run",
            description = "The cell to run. Default: ${DEFAULT-VALUE}.")
    private String cell;

    @Option(names = "--arg", paramLabel = "NAME=VALUE",
            description = "An argument of the cell (repeat for each parameter).")
    private List<String> args = new ArrayList<>();

    @Option(names = "--stdin", paramLabel = "NAME",
            description = "Read the argument NAME from standard input (as --arg reads VALUE).")
    private String stdinParameter;

    @Option(names = "--store", paramLabel = "STORE", converter = StoreOption.Address.class,
            description = StoreOption.DESCRIPTION + " Default: the nearest .lumen/ above the document, or the "
                    + "document's directory.")
    private String storeAddress;

    @Option(names = "--offline",
            description = "Reach no network and perform no effect: answer tool calls from the cache (fs.read still "
                    + "reads local files), reporting each read or write not performed; a call it cannot answer fails.")
    private boolean offline;

    @Option(names = "--mcp-elicitation", paramLabel = "POLICY",
            description = "How MCP servers' requests for input (elicitation/create) are answered: defaults "
                    + "(accept, with each field's default), decline, or fail (the call fails). Wins over the "
                    + "documents' grants; with neither, no server may ask.")
    private String mcpElicitation;

    @Option(names = "--jit", negatable = true,
            description = "Run on the optimizing runtime (--jit) or the fast-starting one (--no-jit). Default: "
                    + "the optimizing runtime when the document says `@profile prod`, else the fast-starting one.")
    private Boolean jit;

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
            description = "auto, always or never: colors for diagnostics and errors on standard error.")
    private Terminal.ColorChoice color;

    @Option(names = {"-q", "--quiet"},
            description = "Show no progress line. Without it, when standard error is a terminal, a tool call that "
                    + "lasts over a second shows one line there, rewritten in place and erased when the call ends: "
                    + "how long it has taken and the progress its MCP server reports.")
    private boolean quiet;

    @Mixin
    private OtelOption otel = new OtelOption();

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    // The other help topics of a GraalVM launcher, listed with the polyglot options (PolyglotHelp).
    @Option(names = "--help:tools", help = true, hidden = true)
    private boolean helpTools;

    @Option(names = "--help:engine", help = true, hidden = true)
    private boolean helpEngine;

    @Option(names = "--help:expert", help = true, hidden = true)
    private boolean helpExpert;

    @Option(names = "--help:internal", help = true, hidden = true)
    private boolean helpInternal;

    @Unmatched
    private List<String> unmatched = new ArrayList<>();

    /** Set by {@code lumen replay}: the run to replay, and its recorded arguments by parameter name. */
    private String replayRun;
    private Map<String, JsonNode> recordedArguments;
    /** The kind of the Lumen error the run stopped with ({@code runtime}, {@code tool}, {@code replay}, …), or null. */
    private String failureKind;

    /** Makes this command a replay of {@code runId}: its document, cell and arguments, with recorded tool outputs. */
    RunCommand replaying(CommandSpec commandSpec, String document, String runCell, String store, String runId,
            Map<String, JsonNode> arguments, Boolean jitOption, Terminal.ColorChoice colorChoice, List<String> polyglot,
            OtelOption otelOption) {
        this.spec = commandSpec;
        this.otel = otelOption;
        this.file = document;
        this.cell = runCell;
        this.storeAddress = store;
        this.replayRun = runId;
        this.recordedArguments = arguments;
        this.jit = jitOption;
        this.unmatched = polyglot;
        this.color = colorChoice;
        return this;
    }

    String failureKind() {
        return failureKind;
    }

    /** A problem with the command line or the input: reported as {@code error: ...}, exit status 2. */
    static final class UsageError extends Exception {
        private static final long serialVersionUID = 1L;
        private final List<String> helps;

        UsageError(String message, String... helps) {
            super(message);
            this.helps = List.of(helps);
        }

        List<String> helps() {
            return helps;
        }
    }

    /** The category of options the help shows: the user's, unless asked for the experts' or the internal ones. */
    private OptionCategory helpCategory() {
        return helpInternal ? OptionCategory.INTERNAL : helpExpert ? OptionCategory.EXPERT : OptionCategory.USER;
    }

    /** {@code --help:tools}, {@code --help:engine}, and {@code --help:expert} or {@code --help:internal} alone (the help). */
    private int helpTopics(PrintWriter out) {
        int width = spec.usageMessage().width();
        if (helpTools) {
            out.print(PolyglotHelp.tools(helpCategory(), width));
        }
        if (helpEngine) {
            out.print(PolyglotHelp.engine(helpCategory(), width));
        }
        if (!helpTools && !helpEngine) {
            spec.commandLine().usage(out);
        }
        out.flush();
        return ExitCodes.OK;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (helpTools || helpEngine || helpExpert || helpInternal) {
            return helpTopics(out);
        }
        if (quiet || !Terminal.showsProgress(Host.current().environment(), stderrIsTerminal)) {
            return runAndExport(out, err);
        }
        try (StatusLine line = new StatusLine(err, System::nanoTime, StatusLine.width(Host.current().env("COLUMNS")))
                .ticking();
                ToolProgress.Shown shown = ToolProgress.showWith(line)) {
            PrintWriter guarded = new PrintWriter(line.guard());
            try {
                return runAndExport(out, guarded);
            } finally {
                guarded.flush();
            }
        }
    }

    /**
     * The command, exporting, when export is on, the runs it records as they go: each span as the event that
     * ends it is written, the rest once the command is done. A failed export is a warning after the result, and
     * the run's status stands.
     */
    private int runAndExport(PrintWriter out, PrintWriter err) {
        LiveExport live = otel.live(Host.current().environment());
        if (live == null) {
            return runCommand(out, err);
        }
        int status;
        try {
            status = runCommand(out, err);
        } finally {
            out.flush(); // the result is shown before the last spans are sent, which may take a while or warn
            String failure = OtelOption.stop(live, StoreOption.open(storeAddress, Path.of(file)));
            if (failure != null) {
                err.println("warning: " + failure);
            }
        }
        return status;
    }

    /** The command, once what standard error shows is settled: {@code err} is the progress line's guard, if any. */
    private int runCommand(PrintWriter out, PrintWriter err) {
        boolean useColor = Terminal.colorOnStderr(color, Host.current().environment());
        Map<String, String> options;
        Source source;
        try {
            options = PolyglotOptions.parse(spec, unmatched);
            Optional<UsageError> busy = DebuggerAddress.unavailable(options);
            if (busy.isPresent()) {
                throw busy.get();
            }
            source = readSource(file);
            options.putAll(storeOptions());
        } catch (UsageError e) {
            return usage(err, e);
        }
        OptionalInt restart = RuntimeChoice.restartStatus(jit, source);
        if (restart.isPresent()) {
            return restart.getAsInt();
        }
        int[] status = {ExitCodes.INTERNAL_ERROR};
        Throwable[] failure = {null};
        Cancellation cancellation = new Cancellation();
        Thread thread = new Thread(null, () -> {
            try {
                status[0] = run(source, options, useColor, out, err, cancellation);
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, "lumen-main", Long.getLong("lumen.stack.size", DEFAULT_STACK_SIZE));
        boolean interrupted = false;
        boolean ctrlC;
        Invocation invocation = Invocation.current();
        try (CtrlC signals = invocation != null ? CtrlC.install(cancellation::cancel, invocation)
                : handlesSignals ? CtrlC.install(cancellation::cancel) : null) {
            thread.start();
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    // The host gave up on the run (an embedder's time limit, a watchdog): the program is cancelled,
                    // and the run thread reports that as any cancellation once it has stopped.
                    interrupted = true;
                    cancellation.cancel();
                }
            }
            ctrlC = signals != null && signals.came();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure[0] instanceof RuntimeException r) {
            throw r;
        }
        if (failure[0] instanceof Error e) {
            throw e;
        }
        // a run that Ctrl-C stopped ends as a process SIGINT ends; one that finished before it did ends as it did
        return ctrlC && status[0] != ExitCodes.OK ? ExitCodes.INTERRUPTED : status[0];
    }

    /**
     * A request to cancel the run from another thread, and the context it cancels: whichever of the two
     * comes second (the request, or the context being built) closes the context. Closing waits for the run
     * thread to leave the context, so it happens outside the lock.
     */
    private static final class Cancellation {
        private Context context;
        private volatile boolean requested;

        void cancel() {
            Context running;
            synchronized (this) {
                requested = true;
                running = context;
            }
            if (running != null) {
                running.close(true);
            }
        }

        void running(Context c) {
            boolean cancel;
            synchronized (this) {
                context = c;
                cancel = requested;
            }
            if (cancel) {
                c.close(true);
            }
        }

        boolean requested() {
            return requested;
        }
    }

    private int run(Source source, Map<String, String> options, boolean useColor, PrintWriter out, PrintWriter err,
            Cancellation cancellation) {
        ByteArrayOutputStream guestErr = new ByteArrayOutputStream();
        ByteArrayOutputStream guestOut = new ByteArrayOutputStream();
        // The engine's own streams are the tools': what they print (the URL a debugger attaches to, while the
        // program may wait for it) goes to standard error as it is written, never into the result on stdout.
        LineOutputStream tools = new LineOutputStream(err);
        tools.release();
        LineOutputStream log = new LineOutputStream(err);
        Invocation invocation = Invocation.current();
        if (invocation != null && sharesEngine(options)) {
            // the daemon's engine, whose compiler is warm: the run's own options go to its context
            Context context = Context.newBuilder(LumenLanguage.ID).engine(invocation.engine()).out(guestOut)
                    .err(guestErr).options(options).option("lumen.Color", Boolean.toString(useColor)).build();
            return runCancellable(context, source, useColor, out, err, guestOut, guestErr, cancellation);
        }
        Engine.Builder engineBuilder = RunEngines.builder(tools, log, useColor, options);
        Engine engine;
        try {
            engine = engineBuilder.build();
        } catch (IllegalArgumentException e) {
            // Only a compiler option can be missing on the fast JVM and known on the optimizing one.
            OptionalInt restart = PolyglotOptions.mayNeedCompiler(options.keySet())
                    ? RuntimeChoice.restartForOptions(jit)
                    : OptionalInt.empty();
            if (restart.isPresent()) {
                return restart.getAsInt();
            }
            return usage(err, PolyglotOptions.refused(options, e.getMessage()));
        }
        log.release();
        try (engine) {
            Context context = Context.newBuilder(LumenLanguage.ID).engine(engine).out(guestOut).err(guestErr).build();
            return runCancellable(context, source, useColor, out, err, guestOut, guestErr, cancellation);
        }
    }

    /**
     * Whether a run with {@code options} can share an engine: Lumen's own options are a context's, and any other
     * (a debugger, the compiler's, the engine's log) needs an engine of the run's own.
     */
    private static boolean sharesEngine(Map<String, String> options) {
        return options.keySet().stream().allMatch(key -> key.startsWith(LumenLanguage.ID + "."));
    }

    /** Runs in {@code context}, which {@code cancellation} may close from another thread; closes it. */
    private int runCancellable(Context context, Source source, boolean useColor, PrintWriter out, PrintWriter err,
            ByteArrayOutputStream guestOut, ByteArrayOutputStream guestErr, Cancellation cancellation) {
        try {
            cancellation.running(context);
            return runIn(context, source, useColor, out, err, guestOut, guestErr);
        } catch (PolyglotException | IllegalStateException e) {
            // cancelled while it compiled, or while its result was read from the closed context
            if (!cancellation.requested()) {
                throw e;
            }
            flush(guestOut, out, guestErr, err);
            err.println(headline(useColor) + CANCELLED);
            return ExitCodes.ERRORS;
        } finally {
            try {
                context.close();
            } catch (PolyglotException | IllegalStateException e) {
                if (!cancellation.requested()) {
                    throw e; // closing a cancelled context reports the cancellation again
                }
            }
        }
    }

    private int runIn(Context context, Source source, boolean useColor, PrintWriter out, PrintWriter err,
            ByteArrayOutputStream guestOut, ByteArrayOutputStream guestErr) {
        Value module;
        try {
            module = context.eval(source);
        } catch (PolyglotException e) {
            flush(guestOut, out, guestErr, err);
            if (e.isSyntaxError()) {
                err.print(e.getMessage().endsWith("\n") ? e.getMessage() : e.getMessage() + "\n");
                return ExitCodes.ERRORS;
            }
            throw e;
        }
        flush(guestOut, out, guestErr, err);
        Value target;
        Object[] arguments;
        try {
            target = findCell(module);
            arguments = arguments(target);
        } catch (UsageError e) {
            return usage(err, e);
        }
        Value result;
        try {
            result = target.execute(arguments);
        } catch (PolyglotException e) {
            flush(guestOut, out, guestErr, err);
            return failed(e, useColor, err);
        }
        flush(guestOut, out, guestErr, err);
        String json;
        try {
            json = CanonicalJson.write(PlainValues.of(result));
        } catch (IllegalArgumentException e) {
            err.println(headline(useColor) + "the result of `" + cell + "` has no JSON form: " + e.getMessage());
            return ExitCodes.ERRORS;
        }
        out.println(json);
        return ExitCodes.OK;
    }

    // ---------------------------------------------------------------------------------- input

    /**
     * Reads FILE as a polyglot source named as the user gave it (locations in errors show that name), whose URI
     * is the file's: a debugger finds the document by it (a DAP client sets breakpoints by path).
     */
    static Source readSource(String name) throws UsageError {
        try {
            String base = Documents.fileName(name);
            boolean lir = base.endsWith(".lir.json");
            if (!lir && !base.endsWith(".md")) {
                throw new UsageError("`" + name + "` is not a Lumen document or LIR module (lumen runs `.lm.md` and"
                        + " `.lir.json` files)");
            }
            return Source.newBuilder("lumen", Documents.text(name), name)
                    .mimeType(lir ? "application/x-lumen-lir+json" : "text/x-lumen")
                    .uri(Host.current().resolve(name).toUri())
                    .buildLiteral();
        } catch (Documents.Unreadable e) {
            throw new UsageError(e.getMessage());
        }
    }

    /**
     * Where the run's trace and the tool cache live, whether it is offline, what it replays, and how it answers
     * MCP servers' elicitation requests.
     */
    private Map<String, String> storeOptions() throws UsageError {
        Map<String, String> options = storeOptions(storeAddress, file, offline);
        if (replayRun != null) {
            options.put("lumen.Replay", replayRun);
        }
        if (mcpElicitation != null) {
            if (McpElicitation.of(mcpElicitation).isEmpty()) {
                throw new UsageError("`--mcp-elicitation " + mcpElicitation + "` is not a policy",
                        "write one of " + String.join(", ", McpElicitation.texts()));
            }
            options.put("lumen.McpElicitation", mcpElicitation);
        }
        return options;
    }

    /**
     * The engine options that trace and cache the runs of {@code document} in the store at {@code address} (or
     * the document's, when null), offline or not.
     */
    static Map<String, String> storeOptions(String address, String document, boolean offline) {
        Store store = StoreOption.open(address, Path.of(document));
        Map<String, String> options = new LinkedHashMap<>();
        options.put("lumen.Store", store.root().toString());
        if (store.inBucket()) {
            options.put("lumen.Bucket", store.address());
        }
        if (offline) {
            options.put("lumen.Offline", "true");
        }
        return options;
    }

    private Value findCell(Value module) throws UsageError {
        List<String> runnable = new ArrayList<>(module.getMemberKeys());
        runnable.removeIf(Decl.Test::isTestCell);
        String cells = runnable.isEmpty() ? "it has none" : "runnable cells: " + String.join(", ", runnable);
        if (Decl.Test.isTestCell(cell)) {
            throw new UsageError("`" + cell + "` is the cell of a test: tests are run by `lumen test`", cells);
        }
        if (cell.contains("$")) {
            throw new UsageError("`" + cell + "` is a synthetic cell (a `where` constraint) and cannot be run by name", cells);
        }
        if (!module.hasMember(cell)) {
            if ("run".equals(cell)) {
                throw new UsageError("`" + file + "` has no `run` cell", "choose a cell with --cell NAME; " + cells);
            }
            throw new UsageError("`" + file + "` has no cell `" + cell + "`", cells);
        }
        return module.getMember(cell);
    }

    /** The arguments for {@code target}, in parameter order, from --arg and --stdin. */
    private Object[] arguments(Value target) throws UsageError {
        Value params = target.getMember("parameters");
        List<String> names = new ArrayList<>();
        List<String> types = new ArrayList<>();
        for (long i = 0; i < params.getArraySize(); i++) {
            Value p = params.getArrayElement(i);
            names.add(p.getHashValue("name").asString());
            types.add(p.getHashValue("type").asString());
        }
        String signature = names.isEmpty() ? "it takes no arguments" : "its parameters: " + describe(names, types);
        if (recordedArguments != null) {
            return recorded(names, types);
        }
        Map<String, String> given = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw new UsageError("`--arg " + arg + "` is not NAME=VALUE", "e.g. --arg count=3");
            }
            String name = arg.substring(0, eq);
            if (given.put(name, arg.substring(eq + 1)) != null) {
                throw new UsageError("argument `" + name + "` is given twice");
            }
        }
        if (stdinParameter != null) {
            if (given.containsKey(stdinParameter)) {
                throw new UsageError("argument `" + stdinParameter + "` is given both by --arg and by --stdin");
            }
            given.put(stdinParameter, readStdin());
        }
        for (String name : given.keySet()) {
            if (!names.contains(name)) {
                throw new UsageError("cell `" + cell + "` has no parameter `" + name + "`", signature);
            }
        }
        Object[] values = new Object[names.size()];
        for (int i = 0; i < values.length; i++) {
            String name = names.get(i);
            String text = given.get(name);
            if (text == null) {
                throw new UsageError("missing argument `" + name + ": " + types.get(i) + "` for cell `" + cell + "`",
                        "pass it with --arg " + name + "=VALUE; " + signature);
            }
            values[i] = "String".equals(types.get(i)) ? text : parseJson(name, types.get(i), text);
        }
        return values;
    }

    /** A replay's arguments: the recorded JSON of each parameter. */
    private Object[] recorded(List<String> names, List<String> types) throws UsageError {
        Object[] values = new Object[names.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode node = recordedArguments.get(names.get(i));
            if (node == null) {
                throw new UsageError("the recorded run has no argument `" + names.get(i) + ": " + types.get(i) + "`");
            }
            values[i] = JsonArguments.of(node);
        }
        return values;
    }

    private static String describe(List<String> names, List<String> types) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            parts.add(names.get(i) + ": " + types.get(i));
        }
        return String.join(", ", parts);
    }

    private static String readStdin() throws UsageError {
        try {
            byte[] bytes = (stdin != null ? stdin : Host.current().in()).readAllBytes();
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new UsageError("standard input is not valid UTF-8");
        } catch (IOException e) {
            throw new UsageError("couldn't read standard input: " + e.getMessage());
        }
    }

    private static Object parseJson(String name, String type, String text) throws UsageError {
        JsonNode node;
        try {
            node = CanonicalJson.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageError("argument `" + name + ": " + type + "` is " + e.getMessage(),
                    "every parameter but a String takes its value as JSON, e.g. 3, 2.5, true, \"Paid\", [1, 2] or {\"id\": \"A\"}");
        }
        return JsonArguments.of(node);
    }

    // ---------------------------------------------------------------------------------- output


    // ---------------------------------------------------------------------------------- errors

    /** Reports a failed run: a Lumen error with its location and stack, or an argument that does not fit. */
    private int failed(PolyglotException e, boolean useColor, PrintWriter err) {
        if (isStackOverflow(e)) {
            err.println(headline(useColor) + "stack overflow: the cells call each other too deeply");
            err.println("  = note: this happens with recursion that never ends, or that goes millions of calls deep");
            return ExitCodes.ERRORS;
        }
        if (e.isResourceExhausted()) { // the heap (a stack overflow is the other exhausted resource)
            err.println(headline(useColor) + "out of memory: the program needs more memory than the JVM has ("
                    + e.getMessage() + ")");
            err.println("  = note: this happens with a list, map or text that grows without end, or a huge range");
            err.println("  = help: LUMEN_JAVA_OPTS=-Xmx8g (or more) gives bin/lumen's JVM a larger heap");
            return ExitCodes.ERRORS;
        }
        // before guest errors: a cancelled context reports itself as one
        if (e.isCancelled() || e.isInterrupted()) {
            err.println(headline(useColor) + CANCELLED);
            return ExitCodes.ERRORS;
        }
        if (e.isGuestException() && !e.isInternalError()) {
            Value guest = e.getGuestObject();
            String kind = guest != null && guest.hasMember("kind") ? guest.getMember("kind").asString() : null;
            failureKind = kind;
            if ("argument".equals(kind)) {
                err.println(headline(useColor) + e.getMessage());
                return ExitCodes.USAGE;
            }
            err.println(headline(useColor) + e.getMessage());
            if (guest != null && guest.hasMember("line") && !guest.getMember("line").isNull()) {
                err.println("  --> " + guest.getMember("file").asString() + ":" + guest.getMember("line").asInt() + ":"
                        + guest.getMember("column").asInt());
            }
            if (guest != null && guest.hasMember("stack")) {
                printStack(guest.getMember("stack"), err);
            }
            return ExitCodes.ERRORS;
        }
        throw e;
    }

    /** Whether a failed run ran out of stack: the host's, or the guest's as Truffle reports it. */
    static boolean isStackOverflow(PolyglotException e) {
        String message = String.valueOf(e.getMessage());
        return e.isHostException() && e.asHostException() instanceof StackOverflowError
                || message.contains("StackOverflowError")
                || e.isResourceExhausted() && message.contains("Stack overflow"); // Truffle's words for the guest's
    }

    /** One note per Lumen frame, innermost first; a very deep stack shows its ends. */
    private static void printStack(Value stack, PrintWriter err) {
        long n = stack.getArraySize();
        int edge = 10;
        for (long i = 0; i < n; i++) {
            if (n > 2 * edge + 1 && i == edge) {
                err.println("  = note: … " + (n - 2 * edge) + " more calls …");
                i = n - edge - 1;
                continue;
            }
            Value frame = stack.getArrayElement(i);
            String where = frame.getHashValue("line").isNull() ? ""
                    : " at " + frame.getHashValue("file").asString() + ":" + frame.getHashValue("line").asInt() + ":"
                            + frame.getHashValue("column").asInt();
            err.println("  = note: in cell `" + frame.getHashValue("cell").asString() + "`" + where);
        }
    }

    static String headline(boolean color) {
        return color ? "\u001b[1;31merror\u001b[0m\u001b[1m: \u001b[0m" : "error: ";
    }

    private int usage(PrintWriter err, UsageError e) {
        boolean useColor = Terminal.colorOnStderr(color, Host.current().environment());
        err.println(headline(useColor) + e.getMessage());
        for (String h : e.helps) {
            err.println("  = help: " + h);
        }
        return ExitCodes.USAGE;
    }

    private static void flush(ByteArrayOutputStream guestOut, PrintWriter out, ByteArrayOutputStream guestErr, PrintWriter err) {
        if (guestOut.size() > 0) {
            out.print(guestOut.toString(StandardCharsets.UTF_8));
            out.flush();
            guestOut.reset();
        }
        if (guestErr.size() > 0) {
            err.print(guestErr.toString(StandardCharsets.UTF_8));
            err.flush();
            guestErr.reset();
        }
    }
}
