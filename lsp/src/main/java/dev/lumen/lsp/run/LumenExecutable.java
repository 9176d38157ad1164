package dev.lumen.lsp.run;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How the server starts a {@code lumen} command as a child process: the words that come before the command's
 * own arguments, and what is added to the server's environment. The child is always the server's own
 * installation (docs/spec/lsp.md §5): its {@code bin/lumen} when it has one, told not to rebuild
 * ({@code LUMEN_BUILD=0}, so a run never waits for Maven and uses exactly the jars the server runs on), else the
 * Java and class path the server itself runs on.
 *
 * @param prefix      the command line up to the subcommand, e.g. {@code [/opt/lumen/bin/lumen]}
 * @param environment variables set for the child on top of the server's
 */
public record LumenExecutable(List<String> prefix, Map<String, String> environment) {
    /** JVM options of the server that a child must not copy: debug agents and AOT-cache recording. */
    private static final List<String> NOT_INHERITED = List.of("-agentlib:", "-agentpath:", "-javaagent:", "-Xrunjdwp",
            "-XX:AOTCacheOutput", "-XX:AOTConfiguration", "-XX:AOTMode", "-Dlumen.jit.restart");

    public LumenExecutable {
        prefix = List.copyOf(prefix);
        environment = Map.copyOf(environment);
    }

    /** {@code bin/lumen} of the installation, when it has one, else {@link #currentJvm}. */
    public static LumenExecutable forInstallation(Installation installation, String mainClass) {
        return installation.script().map(LumenExecutable::script).orElseGet(() -> currentJvm(mainClass));
    }

    /** The script {@code script}, run without rebuilding. */
    public static LumenExecutable script(Path script) {
        return new LumenExecutable(List.of(script.toString()), Map.of("LUMEN_BUILD", "0"));
    }

    /** This JVM's java, its options (less {@link #NOT_INHERITED}) and class path, with {@code mainClass}. */
    public static LumenExecutable currentJvm(String mainClass) {
        List<String> prefix = new ArrayList<>();
        prefix.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (NOT_INHERITED.stream().noneMatch(option::startsWith)) {
                prefix.add(option);
            }
        }
        prefix.add("-cp");
        prefix.add(System.getProperty("java.class.path"));
        prefix.add(mainClass);
        return new LumenExecutable(prefix, Map.of());
    }

    /** The full command line for {@code lumen ARGS...}. */
    public List<String> commandLine(List<String> args) {
        List<String> line = new ArrayList<>(prefix);
        line.addAll(args);
        return line;
    }
}
