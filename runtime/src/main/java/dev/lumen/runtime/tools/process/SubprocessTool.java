package dev.lumen.runtime.tools.process;

import dev.lumen.runtime.host.Host;
import dev.lumen.runtime.policy.PolicyViolation;
import dev.lumen.runtime.tools.BuiltinTool;
import dev.lumen.runtime.tools.ManifestException;
import dev.lumen.runtime.tools.ToolFailure;
import dev.lumen.runtime.tools.ToolManifest;
import dev.lumen.runtime.tools.ToolRequest;
import dev.lumen.runtime.tools.ToolResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A native tool whose manifest runs a command ({@code "exec": {"command": …, "args": […]}}): each call starts
 * the command, sends it the request on stdin and reads its response from stdout (tool-protocol-v1.md). The
 * runtime enforces {@code timeout_ms} and {@code max_response_bytes} here; the tool enforces the other clauses
 * it declares, which it receives with the request.
 */
public final class SubprocessTool implements BuiltinTool {
    /** The {@code timeout_ms} of a call whose grant sets none. */
    public static final long DEFAULT_TIMEOUT_MS = 30_000;
    /** The most a response may take on stdout when the grant sets no {@code max_response_bytes}: 16 MiB. */
    public static final long DEFAULT_STDOUT_LIMIT = 16L * 1024 * 1024;
    /** The most a response may take on stdout whatever the grant says: the largest array Java allocates. */
    static final long LARGEST_STDOUT_LIMIT = Integer.MAX_VALUE - 8;

    private final ToolManifest manifest;
    private final ToolCommand command;
    private final Path directory;
    private final Map<String, String> environment;

    /**
     * The tool of {@code manifest}, read from {@code directory}: relative commands and the working directory of
     * its processes are that directory.
     *
     * @throws ManifestException when the manifest does not run a command
     */
    public SubprocessTool(ToolManifest manifest, Path directory) {
        this(manifest, directory, Host.current().environment());
    }

    /** With the environment that stands for Lumen's own (its {@code PATH} and the variables passed on). */
    SubprocessTool(ToolManifest manifest, Path directory, Map<String, String> lumenEnvironment) {
        if (manifest.exec().builtin()) {
            throw new ManifestException("manifest of `" + manifest.toolId() + "`: it is built in, not a command");
        }
        if (manifest.exec().command().isBlank()) {
            throw new ManifestException("manifest of `" + manifest.toolId() + "`: `exec.command` is empty");
        }
        this.manifest = manifest;
        this.directory = Host.current().absolute(directory).normalize();
        this.command = new ToolCommand(manifest.exec().command(), this.directory);
        this.environment = ToolEnvironment.from(lumenEnvironment);
    }

    @Override
    public ToolResult call(ToolRequest request) {
        OptionalLong timeout = request.grants().integer("timeout_ms");
        OptionalLong maxBytes = request.grants().integer("max_response_bytes");
        long timeoutMillis = timeout.orElse(DEFAULT_TIMEOUT_MS);
        long stdoutLimit = Math.min(maxBytes.orElse(DEFAULT_STDOUT_LIMIT), LARGEST_STDOUT_LIMIT);

        ToolProcess.Outcome outcome = run(request, timeoutMillis, stdoutLimit);
        String stderr = outcome.stderr().isEmpty() ? "" : "\nstderr: " + outcome.stderr();
        switch (outcome.ending()) {
            case TIMED_OUT -> throw new PolicyViolation("timeout_ms", "the process did not finish within "
                    + timeoutMillis + " ms" + (timeout.isEmpty() ? " (the default timeout_ms)" : "") + stderr);
            case STDOUT_OVER_LIMIT -> throw maxBytes.isPresent()
                    ? new PolicyViolation("max_response_bytes", "the process wrote more than " + stdoutLimit
                            + " bytes to stdout" + stderr)
                    : new ToolFailure("the process wrote more than " + stdoutLimit
                            + " bytes to stdout, the limit when no max_response_bytes is granted" + stderr);
            case STDOUT_LEFT_OPEN -> throw new ToolFailure("the process exited, but its stdout was still open after "
                    + timeoutMillis + " ms (a process it started holds it)" + stderr);
            case EXITED -> {
                if (outcome.status() != 0) {
                    throw new ToolFailure("the process exited with status " + outcome.status() + stderr);
                }
            }
        }
        ToolProtocol.Response response;
        try {
            response = ToolProtocol.response(outcome.stdout());
        } catch (ToolProtocol.BadResponse e) {
            throw new ToolFailure(e.getMessage() + stderr);
        }
        if (response.error() != null) {
            throw new ToolFailure(response.error() + stderr);
        }
        return ToolResult.of(response.output());
    }

    /**
     * Why the command of {@code manifest}, read from {@code directory}, cannot be started now, or empty when it
     * can: what {@code lumen tools check} reports before any call is made.
     */
    public static Optional<String> commandProblem(ToolManifest manifest, Path directory) {
        if (manifest.exec().command().isBlank()) {
            return Optional.of("`exec.command` is empty");
        }
        try {
            Host host = Host.current();
            new ToolCommand(manifest.exec().command(), host.absolute(directory).normalize())
                    .executable(host.env("PATH"));
            return Optional.empty();
        } catch (ToolFailure e) {
            return Optional.of(e.getMessage());
        }
    }

    private ToolProcess.Outcome run(ToolRequest request, long timeoutMillis, long stdoutLimit) {
        if (!Files.isDirectory(directory)) {
            throw new ToolFailure("the tool's directory " + directory + " does not exist");
        }
        List<String> commandLine = new ArrayList<>();
        commandLine.add(command.executable(environment.get("PATH")).toString());
        commandLine.addAll(manifest.exec().args());
        ProcessBuilder builder = new ProcessBuilder(commandLine).directory(directory.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        try {
            return ToolProcess.run(builder, ToolProtocol.request(manifest, request), timeoutMillis, stdoutLimit);
        } catch (IOException e) {
            throw new ToolFailure("cannot start " + command.shown() + ": " + startReason(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolFailure("the call was interrupted; its process was killed");
        }
    }

    /** The operating system's reason, without Java's "Cannot run program … (in directory …)" around it. */
    private static String startReason(IOException e) {
        Throwable reason = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause() : e;
        return String.valueOf(reason.getMessage()).strip();
    }
}
