package dev.lumen.launcher;

import dev.lumen.runtime.store.Store;
import dev.lumen.runtime.store.StoreException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lumen trace export RUN --otel}: a recorded run sent as OTLP traces, as {@code lumen run --otel} sends it (spec trace-v1.md §9). */
@Command(name = "export", description = "Export a recorded run as OpenTelemetry traces over OTLP.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {" 0:exported", " 1:the collector did not take it", " 2:no such run, or bad arguments"})
final class TraceExport implements Callable<Integer> {
    @Spec
    private CommandSpec spec;
    @Mixin
    private StoreOption store;
    @Mixin
    private OtelOption otel;
    @Parameters(paramLabel = "RUN", defaultValue = "last", description = TraceCommand.RUN_HELP + " Default: last.")
    private String run;
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!otel.requested && otel.endpoint == null) {
            err.println("error: say how to export the run: --otel (OTLP, configured by the OTEL_* variables) or "
                    + "--otel-endpoint URL");
            return ExitCodes.USAGE;
        }
        Store s = store.store();
        String runId;
        try {
            runId = s.resolveRun(run);
        } catch (StoreException e) {
            return TraceCommand.storeError(err, e);
        }
        String failure = otel.export(s, List.of(runId));
        if (failure != null) {
            err.println("error: " + failure);
            return ExitCodes.ERRORS;
        }
        out.println("exported run " + runId);
        return ExitCodes.OK;
    }
}
