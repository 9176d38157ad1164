package dev.lumen.launcher;

import dev.lumen.lsp.ServerLauncher;
import dev.lumen.lsp.ServerSettings;
import dev.lumen.lsp.run.Installation;
import dev.lumen.lsp.run.LumenExecutable;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lumen lsp}: the language server, speaking LSP on standard input and output (docs/spec/lsp.md). It
 * checks documents as {@code lumen check} does and runs nothing written in them; its commands (run a cell, show
 * the last trace) start {@code lumen} as a child process of this same installation.
 */
@Command(name = "lsp", description = "Start the Lumen language server (LSP on standard input and output).",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {" 0:the client asked the server to shut down, then to exit",
            " 1:the client exited without asking it to shut down, or went away"})
final class LspCommand implements Callable<Integer> {
    /** Where the launcher jar sits in an installation; bin/lumen runs it. */
    static final String LAUNCHER_JAR = "launcher/target/lib/lumen-launcher.jar";

    /** The protocol's streams; tests replace them. */
    static InputStream input = System.in;
    static OutputStream output = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out));

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;

    /** Accepted and ignored: clients such as vscode-languageclient pass it; standard I/O is the only transport. */
    @Option(names = "--stdio", hidden = true)
    private boolean stdio;

    @Override
    public Integer call() {
        // Standard output is the protocol's: anything else printed there would corrupt it.
        System.setOut(System.err);
        Path code = codeLocation();
        Installation installation = code == null ? new Installation(null) : Installation.containing(code);
        ServerSettings settings = ServerSettings.forInstallation(installation, Main.class.getName());
        settings = settings.withLumen(childLumen(installation, code), settings.commandTimeout(),
                settings.outputLimit());
        return ServerLauncher.serve(input, output, settings);
    }

    /**
     * How the server's commands start {@code lumen}: the installation's bin/lumen when this is the jar it runs
     * (so a run picks the fast or the optimizing JVM as the command line does), else this JVM's own java and class
     * path, so that the child always runs the very code the server runs.
     */
    static LumenExecutable childLumen(Installation installation, Path code) {
        boolean scriptRunsThisJar = installation.root() != null && code != null
                && code.equals(installation.root().resolve(LAUNCHER_JAR));
        return installation.script().filter(script -> scriptRunsThisJar).map(LumenExecutable::script)
                .orElseGet(() -> LumenExecutable.currentJvm(Main.class.getName()));
    }

    private static Path codeLocation() {
        try {
            var source = LspCommand.class.getProtectionDomain().getCodeSource();
            return source == null ? null : Path.of(source.getLocation().toURI()).normalize();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }
}
