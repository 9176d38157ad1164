package dev.lumen.launcher;

import dev.lumen.language.CheckedDocument;
import dev.lumen.language.FrontEnd;
import dev.lumen.language.project.ProjectLoader;
import dev.lumen.language.source.SourceFile;
import dev.lumen.launcher.otel.LiveExport;
import dev.lumen.launcher.serve.CallOutcome;
import dev.lumen.launcher.serve.HttpAddress;
import dev.lumen.launcher.serve.HttpEndpoint;
import dev.lumen.launcher.serve.McpTools;
import dev.lumen.launcher.serve.ServedCell;
import dev.lumen.launcher.serve.ServedCells;
import dev.lumen.launcher.serve.StdioEndpoint;
import dev.lumen.runtime.host.Host;
import dev.lumen.runtime.store.Store;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.graalvm.polyglot.Source;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code lumen serve --mcp FILE [--http [HOST:]PORT]}: serves the cells of a document as the tools of an MCP
 * server, over stdio or Streamable HTTP (mcp-serve.md). Each call is a run of the cell, traced, cached and under
 * the document's grants as {@code lumen run} runs it.
 */
@Command(
        name = "serve",
        description = {
            "Serve the cells of a Lumen document as the tools of an MCP server.",
            "",
            "Every cell but `run` (and those whose names begin with `_`, the document's helpers) is a tool: its "
                    + "arguments and result are described by JSON Schemas derived from the cell's types (records "
                    + "with their `where` constraints), its description is the comment or prose above it. Each call "
                    + "is a run of the cell, traced and cached in the document's store and under its grants, as "
                    + "`lumen run` runs it; calls run one at a time.",
            "",
            "Over stdio (the default) the protocol is on standard input and output, and the server ends when its "
                    + "input does. With --http it listens for Streamable HTTP at http://HOST:PORT/mcp until stopped "
                    + "(Ctrl-C). Messages from Lumen go to standard error.",
        },
        sortOptions = false,
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            " 0:the client ended the session (stdio) or the server was stopped",
            " 1:the document has errors or nothing to serve, or the address cannot be listened on",
            " 2:bad arguments or unreadable input",
        })
final class ServeCommand implements Callable<Integer> {
    /** Standard input and output for stdio; tests replace them. A null input is the {@link Host}'s, read then. */
    static InputStream stdin;
    static OutputStream stdout = new FileOutputStream(FileDescriptor.out);

    @Spec
    private CommandSpec spec;

    @Option(names = "--mcp", required = true, description = "Serve over the Model Context Protocol (required: the "
            + "only protocol `lumen serve` speaks).")
    private boolean mcp;

    @Parameters(paramLabel = "FILE", arity = "1", description = "The `.lm.md` document whose cells to serve.")
    private String file;

    @Option(names = "--http", paramLabel = "[HOST:]PORT",
            description = "Serve Streamable HTTP at http://HOST:PORT/mcp instead of stdio. HOST defaults to "
                    + "127.0.0.1; port 0 takes a free one (the URL is printed on standard error).")
    private String http;

    @Option(names = "--store", paramLabel = "STORE", converter = StoreOption.Address.class,
            description = StoreOption.DESCRIPTION + " Default: the nearest .lumen/ above the document, or the "
                    + "document's directory.")
    private String storeAddress;

    @Option(names = "--offline",
            description = "Reach no network and perform no effect: answer tool calls from the cache, as `lumen run "
                    + "--offline` does.")
    private boolean offline;

    @Option(names = "--jit", negatable = true,
            description = "Run on the optimizing runtime (--jit) or the fast-starting one (--no-jit). Default: "
                    + "the optimizing runtime when the document says `@profile prod`, else the fast-starting one.")
    private Boolean jit;

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
            description = "auto, always or never: colors for diagnostics on standard error.")
    private Terminal.ColorChoice color;

    @Mixin
    private OtelOption otel = new OtelOption();

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        boolean useColor = Terminal.colorOnStderr(color, Host.current().environment());
        HttpAddress address;
        Source source;
        try {
            address = http == null ? null : parseAddress(http);
            if (file.endsWith(".lir.json")) {
                throw new RunCommand.UsageError("`lumen serve` serves a `.lm.md` document, not an LIR module",
                        "serve the document the module was compiled from: its types describe the tools");
            }
            source = RunCommand.readSource(file);
        } catch (RunCommand.UsageError e) {
            return usage(err, useColor, e);
        }
        OptionalInt restart = RuntimeChoice.restartStatus(jit, source);
        if (restart.isPresent()) {
            return restart.getAsInt();
        }
        LineOutputStream stderr = new LineOutputStream(err);
        stderr.release();
        ServedDocument document;
        try {
            document = ServedDocument.open(source, RunCommand.storeOptions(storeAddress, file, offline), useColor, stderr);
        } catch (ServedDocument.CompileErrors e) {
            err.print(e.getMessage().endsWith("\n") ? e.getMessage() : e.getMessage() + "\n");
            err.flush();
            return ExitCodes.ERRORS;
        }
        try (document) {
            Host host = Host.current();
            SourceFile sourceFile = new SourceFile(file, source.getCharacters().toString(), host.resolve(file));
            CheckedDocument checked = FrontEnd.analyse(sourceFile, ProjectLoader.load(sourceFile, host.environment()));
            ServedCells.Selection selection = ServedCells.of(checked);
            selection.warnings().forEach(w -> err.println("warning: " + w));
            if (selection.cells().isEmpty()) {
                err.println(RunCommand.headline(useColor) + "`" + file + "` has no cell to serve");
                err.println("  = help: every cell but `run` is served as a tool; declare one, as in `cell greet(name: "
                        + "String) -> String`");
                return ExitCodes.ERRORS;
            }
            McpTools.Identity identity = new McpTools.Identity("lumen", new Main.Version().getVersion()[0]
                    .replaceFirst("^lumen ", ""), "The cells of the Lumen document " + file + ", as tools.");
            LiveExport live = otel.live(host.environment());
            McpTools.Calls calls = live == null ? document::call : exported(document, live, err);
            try {
                return address == null
                        ? serveStdio(identity, selection.cells(), calls, err)
                        : serveHttp(address, identity, selection.cells(), calls, err, useColor);
            } finally {
                String failure = OtelOption.stop(live, store());
                if (failure != null) {
                    err.println("warning: " + failure);
                }
            }
        } finally {
            err.flush();
        }
    }

    /**
     * The calls of {@code document}, each a run exported as it goes by {@code live}: a failure to export is a
     * warning once the call is answered, said once.
     */
    private McpTools.Calls exported(ServedDocument document, LiveExport live, PrintWriter err) {
        return (cell, arguments) -> {
            CallOutcome outcome = document.call(cell, arguments);
            String failure = live.failure();
            if (failure != null) {
                err.println("warning: " + OtelOption.notExported(store(), live.runIds(), failure));
                err.flush();
            }
            return outcome;
        };
    }

    private Store store() {
        return StoreOption.open(storeAddress, Path.of(file));
    }

    private int serveStdio(McpTools.Identity identity, List<ServedCell> cells, McpTools.Calls calls,
            PrintWriter err) {
        err.println("lumen: serving " + describe(cells) + " of " + file + " over MCP on standard input and output");
        err.flush();
        InputStream in = stdin != null ? stdin : Host.current().in();
        try (StdioEndpoint endpoint = StdioEndpoint.start(in, stdout, identity, cells, calls)) {
            endpoint.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ExitCodes.OK;
    }

    private int serveHttp(HttpAddress address, McpTools.Identity identity, List<ServedCell> cells,
            McpTools.Calls calls, PrintWriter err, boolean useColor) {
        HttpEndpoint endpoint;
        try {
            endpoint = HttpEndpoint.start(address, identity, cells, calls);
        } catch (IOException e) {
            err.println(RunCommand.headline(useColor) + "cannot listen on " + address.urlHost() + ":" + address.port()
                    + ": " + e.getMessage());
            err.println("  = help: give --http a free port, or 0 to take any free one");
            return ExitCodes.ERRORS;
        }
        Thread stop = new Thread(endpoint::close, "lumen-serve-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        err.println("lumen: serving " + describe(cells) + " of " + file + " over MCP at " + endpoint.url());
        err.flush();
        try (endpoint) {
            endpoint.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stop);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down, and the hook closes the endpoint
            }
        }
        return ExitCodes.OK;
    }

    private static HttpAddress parseAddress(String text) throws RunCommand.UsageError {
        try {
            return HttpAddress.parse(text);
        } catch (IllegalArgumentException e) {
            throw new RunCommand.UsageError("--http " + e.getMessage(), "e.g. --http 8080 or --http 127.0.0.1:8080");
        }
    }

    private static String describe(List<ServedCell> cells) {
        return cells.size() + (cells.size() == 1 ? " tool (" : " tools (")
                + cells.stream().map(ServedCell::name).collect(Collectors.joining(", ")) + ")";
    }

    private static int usage(PrintWriter err, boolean useColor, RunCommand.UsageError e) {
        err.println(RunCommand.headline(useColor) + e.getMessage());
        e.helps().forEach(h -> err.println("  = help: " + h));
        return ExitCodes.USAGE;
    }
}
