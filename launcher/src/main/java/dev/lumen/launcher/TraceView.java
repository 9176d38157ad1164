package dev.lumen.launcher;

import dev.lumen.runtime.host.Host;
import dev.lumen.runtime.store.Store;
import dev.lumen.runtime.store.StoreException;
import dev.lumen.runtime.trace.TracePage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code lumen trace view [RUN] [--diff B] [-o FILE] [--open]}: writes the self-contained HTML page of a run,
 * or of two runs side by side (spec trace-v1.md §9), prints its path, and opens it only when asked to.
 */
@Command(name = "view", description = {"Write a self-contained HTML page of a run, which opens with no network:",
    "its cells and tool calls on a timeline, their values, validation failures,",
    "token usage and whether its hash chain verifies; with --diff, two runs side",
    "by side, their first difference marked. Prints the page's path."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {" 0:the page was written (whatever the run's verification says: the page shows it)",
            " 1:the page could not be written, or --open could not start a browser",
            " 2:no such run, or bad arguments"})
final class TraceView implements Callable<Integer> {
    @Spec
    private CommandSpec spec;
    @Mixin
    private StoreOption store;
    @Parameters(paramLabel = "RUN", arity = "0..1", defaultValue = "last", description = TraceCommand.RUN_HELP
            + " Default: last.")
    private String run;
    @Option(names = "--diff", paramLabel = "B", description = "Compare RUN with run B, side by side.")
    private String other;
    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Where to write the page (default: .lumen/view/RUN.html, or RUN-vs-B.html, in the store).")
    private Path output;
    @Option(names = "--open", description = "Open the page with $BROWSER, or xdg-open when it is not set.")
    private boolean open;
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Store s = store.store();
        String page;
        Path target;
        try {
            String a = s.resolveRun(run);
            String b = other == null ? null : s.resolveRun(other);
            page = b == null ? TracePage.of(s, a) : TracePage.diff(s, a, b);
            target = output != null ? output : s.dir().resolve("view").resolve(b == null ? a + ".html" : a + "-vs-" + b + ".html");
        } catch (StoreException e) {
            return TraceCommand.storeError(err, e);
        }
        try {
            Path parent = Host.current().absolute(target).getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            AtomicWrite.write(target, page);
        } catch (IOException e) {
            err.println("error: cannot write the page `" + target + "`: " + e.getMessage());
            return ExitCodes.ERRORS;
        }
        out.println(target);
        out.flush();
        return open ? openInBrowser(target, err) : ExitCodes.OK;
    }

    /** Starts $BROWSER (or xdg-open) on the page without waiting for it; the page is written either way. */
    private static int openInBrowser(Path page, PrintWriter err) {
        Host host = Host.current();
        String browser = host.env("BROWSER");
        String command = browser != null && !browser.isBlank() ? browser.split(":")[0].trim() : "xdg-open";
        Path absolute = host.absolute(page);
        try {
            ProcessBuilder opening = new ProcessBuilder(command, absolute.toUri().toString());
            opening.environment().clear(); // the browser of the user Lumen runs for: their display, their PATH
            opening.environment().putAll(host.environment());
            opening.directory(host.directory().toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return ExitCodes.OK;
        } catch (IOException e) {
            err.println("error: cannot open the page with `" + command + "`: " + e.getMessage());
            err.println("  = help: open " + absolute + " in a browser, or set $BROWSER");
            return ExitCodes.ERRORS;
        }
    }
}
