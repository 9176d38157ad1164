package dev.lumen.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code bin/lumen} as a user does, on the launcher this build has just packaged: with LUMEN_BUILD=0 the
 * script neither builds nor records its start-up cache, and with LUMEN_DAEMON=0 it runs the command in a JVM of its
 * own (a test that wants the daemon says LUMEN_DAEMON=1). The reactor packages the launcher before these tests
 * run; tests that need it are skipped when it is not there.
 */
final class LumenScript {
    /** Surefire runs in the module directory, so the repository root is one level up. */
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path SCRIPT = ROOT.resolve("bin/lumen");

    private LumenScript() {
    }

    record Result(int status, String out, String err) {
    }

    /** Whether the launcher jar bin/lumen runs has been built. */
    static boolean available() {
        return Files.isRegularFile(ROOT.resolve("launcher/target/lib/lumen-launcher.jar"));
    }

    /** Starts {@code bin/lumen args…} in {@code dir}, with {@code env} added to the environment. */
    static Process start(Path dir, Map<String, String> env, List<String> args, Path out, Path err) throws IOException {
        ProcessBuilder builder = builder(dir, args).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(env);
        return builder.start();
    }

    /** {@code bin/lumen args…} in {@code dir}, reading nothing, for the caller to redirect and start. */
    static ProcessBuilder builder(Path dir, List<String> args) {
        List<String> command = new ArrayList<>(List.of(SCRIPT.toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().put("LUMEN_BUILD", "0");
        // each test's command in a JVM of its own, as CI runs them; DaemonTest asks for the daemon
        builder.environment().put("LUMEN_DAEMON", "0");
        return builder;
    }

    /** Runs {@code bin/lumen args…} in {@code dir} to the end (at most two minutes). */
    static Result run(Path dir, Map<String, String> env, String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = start(dir, env, List.of(args), out, err);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "bin/lumen " + String.join(" ", args) + " did not finish");
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
