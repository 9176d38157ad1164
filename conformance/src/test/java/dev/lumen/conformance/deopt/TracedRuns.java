package dev.lumen.conformance.deopt;

import dev.lumen.launcher.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The main class of the JVM {@link DeoptimizationLoopTest} starts: runs {@code lumen run --jit} in-process for
 * each job, one after the other, each on an engine of its own (the launcher builds one per run) whose
 * compilation log goes to a file of its own. For job {@code N} it writes {@code N.log} (the engine's log),
 * {@code N.status} (the exit status) and {@code N.out} (what the command printed).
 *
 * <p>Arguments: the directory to write to, then the jobs file: one job a line, the arguments of
 * {@code lumen run} separated by tabs.
 */
public final class TracedRuns {
    /** Compilation after a short, real profile, synchronously, with every compilation event traced. */
    static final List<String> OPTIONS = List.of(
            "--engine.BackgroundCompilation=false",
            "--engine.DynamicCompilationThresholds=false", // the thresholds are these, whatever the queue holds
            "--engine.FirstTierCompilationThreshold=20",
            "--engine.LastTierCompilationThreshold=100",
            "--engine.OSRCompilationThreshold=2000",
            "--engine.CompilationFailureAction=Throw",
            "--compiler.InliningRecursionDepth=4", // as bin/lumen's optimizing JVM sets it
            "--engine.TraceCompilation=true");

    private TracedRuns() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        List<String> jobs = Files.readAllLines(Path.of(args[1]));
        for (int n = 0; n < jobs.size(); n++) {
            List<String> command = new ArrayList<>(List.of("run", "--jit", "--color=never", "--store",
                    dir.resolve("store").toString()));
            command.addAll(List.of(jobs.get(n).split("\t")));
            command.addAll(OPTIONS);
            command.add("--log.file=" + dir.resolve(n + ".log"));
            StringWriter out = new StringWriter();
            int status = Main.execute(new PrintWriter(out), new PrintWriter(out), command.toArray(String[]::new));
            Files.writeString(dir.resolve(n + ".out"), out.toString());
            Files.writeString(dir.resolve(n + ".status"), Integer.toString(status));
        }
    }
}
