package dev.lumen.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lumen.runtime.host.Host;
import dev.lumen.runtime.store.Store;
import dev.lumen.runtime.store.StoreException;
import dev.lumen.runtime.trace.Trace;
import dev.lumen.runtime.trace.TraceEvent;
import dev.lumen.runtime.trace.TraceReader;
import dev.lumen.runtime.trace.TraceVerifier;
import dev.lumen.runtime.trace.Verification;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code lumen replay RUN}: runs a recorded run again — its document, cell and arguments — with every tool
 * output taken from its trace (run.md §6.5). The replay writes its own trace, which must be the recorded one
 * event for event: it stops at the first event that differs, naming it. A replay that gets to the end has the
 * recorded result (or fails as the recorded run failed) and the identical hash chain.
 */
@Command(
        name = "replay",
        description = {
            "Re-run a recorded run from its trace: same document, cell and arguments, tool outputs from the trace.",
            "",
            "RUN is a run id, the beginning of one, or `last`. The result (or error) prints as `lumen run` prints "
                    + "it; the replay's own trace must have the recorded run's hash chain, event for event.",
        },
        sortOptions = false,
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            " 0:the replay returned the recorded result, with the recorded hash chain",
            " 1:the replay diverged from the recorded run (or failed, as the recorded run failed)",
            " 2:no such run, an unreadable or broken trace, or a missing document",
        })
final class ReplayCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "RUN", arity = "1", description = "The run: its id, the start of its id, or `last`.")
    private String run;

    @Mixin
    private StoreOption storeOption;

    @Mixin
    private OtelOption otel;

    @Option(names = "--jit", negatable = true, description = "Run on the optimizing runtime, or not (as `lumen run`).")
    private Boolean jit;

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
            description = "auto, always or never: colors for errors on standard error.")
    private Terminal.ColorChoice color;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    @Unmatched
    private List<String> polyglot = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Store store = storeOption.store();
        Trace trace;
        String runId;
        try {
            runId = store.resolveRun(run);
            Verification verification = TraceVerifier.verify(store, runId);
            if (!verification.ok()) {
                err.println("error: run " + runId + " cannot be replayed: its trace does not verify ("
                        + whyNot(verification) + "; `lumen trace verify " + runId + "` says more)");
                return ExitCodes.USAGE;
            }
            trace = TraceReader.read(store, runId);
        } catch (StoreException e) {
            return TraceCommand.storeError(err, e);
        }
        TraceEvent start = trace.start();
        Path document = store.root().resolve(start.doc());
        if (!Files.isRegularFile(document)) {
            err.println("error: run " + runId + " cannot be replayed: its document `" + start.doc() + "` is not in "
                    + store.root());
            return ExitCodes.USAGE;
        }
        Map<String, JsonNode> arguments = new LinkedHashMap<>();
        start.inputs().ifPresent(inputs -> inputs.resolve(store.blobs()).tree().properties()
                .forEach(e -> arguments.put(e.getKey(), e.getValue())));
        RunCommand replay = new RunCommand().replaying(spec, displayed(document), start.cell(), store.address(), runId,
                arguments, jit, color, polyglot, otel);
        int status = replay.call();
        String kind = replay.failureKind();
        if (status == ExitCodes.OK || (status == ExitCodes.ERRORS && kind != null && !kind.equals("replay"))) {
            err.println("replayed run " + runId + ": " + trace.events().size() + " events, the recorded hash chain"
                    + (status == ExitCodes.OK ? "" : " (it failed as the recorded run failed)"));
        }
        return status;
    }

    /** Why a trace that does not verify does not, in a few words. */
    private static String whyNot(Verification verification) {
        Verification.Problem p = verification.problem();
        if (p == null) {
            return verification.signedBy() == null ? "it is not signed"
                    : "it is signed by another key, " + verification.signedBy() + ", not yours";
        }
        return p.reason() == Verification.Reason.TAMPERED ? "tampered: " + p.message() : "event " + p.seq() + ": " + p.message();
    }

    /** The document as errors name it: relative to the working directory when it lies below it. */
    private static String displayed(Path document) {
        Path here = Host.current().directory();
        return document.startsWith(here) ? here.relativize(document).toString() : document.toString();
    }
}
