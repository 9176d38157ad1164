package dev.lumen.launcher;

import dev.lumen.runtime.store.ContentHash;
import dev.lumen.runtime.store.Store;
import dev.lumen.runtime.store.StoreException;
import dev.lumen.runtime.trace.Trace;
import dev.lumen.runtime.trace.TraceDiff;
import dev.lumen.runtime.trace.TraceReader;
import dev.lumen.runtime.trace.TraceRenderer;
import dev.lumen.runtime.trace.TraceVerifier;
import dev.lumen.runtime.trace.Verification;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code lumen trace last|show|ls|diff|verify|view|export}: reading the hash-chained traces of past runs (spec
 * trace-v1.md §8). A run is named by its id, a unique beginning of it, or {@code last}.
 */
@Command(
        name = "trace",
        description = "Show, compare, verify, view and export the traces of past runs.",
        subcommands = {TraceCommand.Last.class, TraceCommand.Show.class, TraceCommand.Ls.class,
            TraceCommand.Diff.class, TraceCommand.Verify.class, TraceView.class, TraceExport.class},
        commandListHeading = "%nCommands:%n")
final class TraceCommand implements Callable<Integer> {
    static final String RUN_HELP = "A run id, the beginning of one, or `last`.";

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    /** {@code lumen trace} alone: usage on stderr, as a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    /** Prints {@code error: MESSAGE} on stderr and returns the usage status. */
    static int storeError(PrintWriter err, StoreException e) {
        err.println("error: " + e.getMessage());
        return ExitCodes.USAGE;
    }

    /** Reads run {@code ref} and prints it. */
    static int show(Store store, String ref, PrintWriter out, PrintWriter err) {
        try {
            Trace trace = TraceReader.read(store, store.resolveRun(ref));
            out.print(TraceRenderer.render(trace));
            return trace.problem() == null ? ExitCodes.OK : ExitCodes.ERRORS;
        } catch (StoreException e) {
            return storeError(err, e);
        }
    }

    @Command(name = "last", description = "Show the trace of the latest run.",
            exitCodeListHeading = "%nExit status:%n",
            exitCodeList = {" 0:shown", " 1:the trace has a line that cannot be read", " 2:no runs, or bad arguments"})
    static final class Last implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private StoreOption store;
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
        private boolean help;

        @Override
        public Integer call() {
            return show(store.store(), "last", spec.commandLine().getOut(), spec.commandLine().getErr());
        }
    }

    @Command(name = "show", description = "Show the trace of a run: one line per event, nested by cell.",
            exitCodeListHeading = "%nExit status:%n",
            exitCodeList = {" 0:shown", " 1:the trace has a line that cannot be read", " 2:no such run, or bad arguments"})
    static final class Show implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private StoreOption store;
        @Parameters(paramLabel = "RUN", description = RUN_HELP)
        private String run;
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
        private boolean help;

        @Override
        public Integer call() {
            return show(store.store(), run, spec.commandLine().getOut(), spec.commandLine().getErr());
        }
    }

    @Command(name = "ls", description = "List the recorded runs, oldest first.")
    static final class Ls implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private StoreOption store;
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
        private boolean help;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Store s = store.store();
            try {
                var ids = s.runIds();
                if (ids.isEmpty()) {
                    out.println("no runs are recorded in " + s.traces().where());
                    return ExitCodes.OK;
                }
                Table table = new Table("RUN", "DOC", "CELL", "EVENTS", "STATUS");
                for (String id : ids) {
                    Trace trace = TraceReader.read(s, id);
                    var start = trace.start();
                    table.row(id, start == null || start.doc() == null ? "-" : start.doc(),
                            start == null ? "-" : start.cell(), Integer.toString(trace.events().size()), status(trace));
                }
                out.print(table.render());
                return ExitCodes.OK;
            } catch (StoreException e) {
                return storeError(spec.commandLine().getErr(), e);
            }
        }

        private static String status(Trace trace) {
            if (trace.problem() != null) {
                return "unreadable";
            }
            if (!trace.finished()) {
                return "unfinished";
            }
            var end = trace.events().getLast();
            return "ok".equals(end.status()) ? "ok" : "error: " + end.errorKind();
        }
    }

    @Command(name = "diff", description = "Compare two runs and report the first step where they differ.",
            exitCodeListHeading = "%nExit status:%n",
            exitCodeList = {" 0:the runs are identical", " 1:the runs differ", " 2:no such run, or bad arguments"})
    static final class Diff implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private StoreOption store;
        @Parameters(index = "0", paramLabel = "A", description = RUN_HELP)
        private String a;
        @Parameters(index = "1", paramLabel = "B", description = RUN_HELP)
        private String b;
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
        private boolean help;

        @Override
        public Integer call() {
            Store s = store.store();
            try {
                Trace ta = TraceReader.read(s, s.resolveRun(a));
                Trace tb = TraceReader.read(s, s.resolveRun(b));
                TraceDiff.Result result = TraceDiff.compare(ta, tb);
                spec.commandLine().getOut().print(TraceRenderer.renderDiff(ta, tb, result));
                return result.identical() ? ExitCodes.OK : ExitCodes.ERRORS;
            } catch (StoreException e) {
                return storeError(spec.commandLine().getErr(), e);
            }
        }
    }

    @Command(name = "verify", description = {"Check a run's hash chain, seals, blobs and signed head with your key;",
        "name the first broken event, or say how the trace differs from its signed head."},
            exitCodeListHeading = "%nExit status:%n",
            exitCodeList = {" 0:every event verifies with your key (the run may not have finished)",
                " 1:an event does not verify, the trace was tampered with, or it is not signed with your key",
                " 2:no such run, a key file that cannot be used, or bad arguments"})
    static final class Verify implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private StoreOption store;
        @Parameters(paramLabel = "RUN", description = RUN_HELP)
        private String run;
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
        private boolean help;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Store s = store.store();
            String id;
            Verification v;
            try {
                id = s.resolveRun(run);
                v = TraceVerifier.verify(s, id);
            } catch (StoreException e) {
                return storeError(err, e);
            }
            String events = v.events() + (v.events() == 1 ? " event" : " events");
            if (v.ok()) {
                out.println("verified " + events + " of run " + id + ", head " + v.head() + ", signed with your key "
                        + v.yourKey() + (v.finished() ? "" : " (the run has not finished: it was stopped, or is still running)"));
                return ExitCodes.OK;
            }
            Verification.Problem p = v.problem();
            if (p != null && p.reason() == Verification.Reason.TAMPERED) {
                err.println("error: run " + id + " does not verify: tampered");
                err.println("  --> " + s.traces().where(id));
                err.println("  = note: " + p.message());
                err.println("  = note: its " + events + " verify on their own, head " + ContentHash.brief(v.head()));
            } else if (p != null) {
                err.println("error: event " + p.seq() + " of run " + id + " does not verify: " + p.reason().label());
                err.println("  --> " + s.traces().where(id) + ":" + p.line());
                err.println("  = note: " + p.message());
                err.println("  = note: " + (v.events() == 0 ? "no event before it verifies"
                        : v.events() == 1 ? "event 0 before it verifies, head " + ContentHash.brief(v.head())
                        : "events 0 to " + (v.events() - 1) + " before it verify, head " + ContentHash.brief(v.head())));
            } else if (v.signedBy() == null) {
                err.println("error: run " + id + " is not signed: its seals are plain SHA-256 (an earlier Lumen wrote it),"
                        + " which anyone who can write the store can recompute");
                err.println("  = note: its " + events + " chain correctly, head " + ContentHash.brief(v.head()));
            } else {
                err.println("error: run " + id + " is signed by another key (" + v.signedBy() + "), not yours ("
                        + v.yourKey() + "): its seals and signed head cannot be checked with your key");
                err.println("  = note: its " + events + " chain correctly, head " + ContentHash.brief(v.head())
                        + "; only the holder of key " + v.signedBy() + " can tell whether it was changed");
            }
            return ExitCodes.ERRORS;
        }
    }
}
