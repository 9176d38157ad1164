package dev.lumen.launcher;

import dev.lumen.launcher.daemon.DaemonCommand;
import dev.lumen.runtime.tools.http.ProcessHttpClients;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/**
 * The {@code lumen} command.
 *
 * <p>Each subcommand is a class in this package listed in {@link #COMMANDS}; a subcommand is
 * registered only once it works, so {@code lumen --help} never advertises a stub.
 * {@code run} and {@code replay} execute guest code through the polyglot {@code Context} API (passing
 * {@code --engine.*} and other polyglot options through); {@code bin/lumen} starts every subcommand on the
 * fast-starting interpreter-only JVM, and {@code run} and {@code replay} on the JIT-enabled one when asked
 * ({@link RuntimeChoice}).
 *
 * <p>Exit statuses are in {@link ExitCodes}.
 */
@Command(
        name = "lumen",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Lumen: Markdown-native programs with typed schemas, capability-scoped tools and "
                + "hash-chained traces.",
        commandListHeading = "%nCommands:%n")
public final class Main implements Callable<Integer> {
    /**
     * The subcommands by name, in the order {@code lumen --help} lists them. A command line that names one
     * builds only that one: picocli reads a command's annotations reflectively, and on the fast JVM that is a
     * large part of start-up.
     */
    static final Map<String, Supplier<Object>> COMMANDS = commands();

    private static Map<String, Supplier<Object>> commands() {
        Map<String, Supplier<Object>> commands = new LinkedHashMap<>();
        commands.put("init", InitCommand::new);
        commands.put("check", CheckCommand::new);
        commands.put("fmt", FmtCommand::new);
        commands.put("emit", EmitCommand::new);
        commands.put("lir", LirCommand::new);
        commands.put("run", RunCommand::new);
        commands.put("batch", BatchCommand::new);
        commands.put("test", TestCommand::new);
        commands.put("serve", ServeCommand::new);
        commands.put("trace", TraceCommand::new);
        commands.put("cache", CacheCommand::new);
        commands.put("replay", ReplayCommand::new);
        commands.put("tools", ToolsCommand::new);
        commands.put("lock", LockCommand::new);
        commands.put("lsp", LspCommand::new);
        commands.put("daemon", DaemonCommand::new);
        commands.put("train-startup", TrainCommand::new);
        return Collections.unmodifiableMap(commands);
    }

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** {@code lumen} alone: usage on stderr, as a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(
                new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8));
        PrintWriter err = new PrintWriter(
                new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8));
        RunCommand.handlesSignals = true; // this process is the command's: Ctrl-C cancels its run
        int status = execute(out, err, args);
        ProcessHttpClients.closeAll(); // else the exit waits 0.3 s for their selector threads
        System.exit(status);
    }

    /** Runs the command line {@code args} in-process, writing to {@code out} and {@code err}; returns the exit status. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        try {
            CommandLine commandLine = new CommandLine(new Main());
            Supplier<Object> named = args.length > 0 ? COMMANDS.get(args[0]) : null;
            COMMANDS.forEach((name, command) -> {
                if (named == null || named == command) {
                    commandLine.addSubcommand(name, command.get());
                }
            });
            commandLine.setOut(out)
                    .setErr(err)
                    .setExecutionExceptionHandler((e, cl, parsed) -> {
                        cl.getErr().println("error: internal error in lumen: " + e);
                        cl.getErr().println("note: this is a bug in Lumen; please report it with the input that"
                                + " triggered it and this trace:");
                        e.printStackTrace(cl.getErr());
                        return ExitCodes.INTERNAL_ERROR;
                    })
                    .setParameterExceptionHandler((e, unmatched) -> UsageErrors.report(e));
            return commandLine.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** The version in the launcher jar's manifest (Implementation-Version), or "dev" when run from classes. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"lumen " + (version == null ? "dev" : version)};
        }
    }
}
