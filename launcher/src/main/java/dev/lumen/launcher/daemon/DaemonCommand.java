package dev.lumen.launcher.daemon;

import dev.lumen.launcher.ExitCodes;
import dev.lumen.runtime.host.Host;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code lumen daemon status|stop}: the user's daemon (docs/spec/daemon.md §1). bin/lumen hands these to the
 * daemon's client, which starts no JVM of Lumen's; this command answers the same in a launcher JVM.
 */
@Command(name = "daemon",
        description = "Show (status) or stop (stop) the daemon that runs run, replay, check and test.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {" 0:shown, or stopped (also when none was running)", " 2:neither status nor stop",
            " 3:status: no daemon is running"})
public final class DaemonCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "status|stop", arity = "1")
    private String action;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return DaemonClient.daemonCommand(List.of(action), Host.current().environment(), out, err);
        } catch (IOException e) {
            err.println("error: the daemon cannot be reached: " + e.getMessage());
            return ExitCodes.INTERNAL_ERROR;
        }
    }
}
