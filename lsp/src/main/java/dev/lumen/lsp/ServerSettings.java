package dev.lumen.lsp;

import dev.lumen.lsp.feature.CodeDescriptions;
import dev.lumen.lsp.run.Installation;
import dev.lumen.lsp.run.LumenExecutable;
import dev.lumen.runtime.host.Host;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;

/**
 * What a server is started with (docs/spec/lsp.md §6 gives the defaults).
 *
 * @param links          where diagnostic codes link to
 * @param lumen          how commands start {@code lumen} in a child process
 * @param commandTimeout how long a command's child may run before it is killed
 * @param outputLimit    how many bytes of a command's output are kept
 * @param environment    the variables the project layer reads, as {@code lumen check} reads its own
 * @param log            where the server logs (never the protocol's stream)
 */
public record ServerSettings(CodeDescriptions links, LumenExecutable lumen, Duration commandTimeout, int outputLimit,
        Map<String, String> environment, PrintStream log) {
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMinutes(2);
    public static final int DEFAULT_OUTPUT_LIMIT = 1 << 20;

    /**
     * The settings of {@code lumen lsp} run from {@code installation}, whose commands start {@code mainClass} when
     * it has no {@code bin/lumen}.
     */
    public static ServerSettings forInstallation(Installation installation, String mainClass) {
        return new ServerSettings(CodeDescriptions.at(installation.diagnosticsCatalogue()),
                LumenExecutable.forInstallation(installation, mainClass), DEFAULT_COMMAND_TIMEOUT, DEFAULT_OUTPUT_LIMIT,
                Host.current().environment(), Host.current().err());
    }

    public ServerSettings withLumen(LumenExecutable executable, Duration timeout, int limit) {
        return new ServerSettings(links, executable, timeout, limit, environment, log);
    }
}
