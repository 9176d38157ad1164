package dev.lumen.runtime.mcp.session;

import dev.lumen.runtime.mcp.McpAddress;
import dev.lumen.runtime.mcp.McpException;
import dev.lumen.runtime.mcp.McpSettings;
import dev.lumen.runtime.tools.ToolFailure;
import dev.lumen.runtime.tools.process.StderrTail;
import dev.lumen.runtime.tools.process.ToolCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The process of a stdio MCP server (mcp-bridge-v1.md §3.1): started once per connection, its stderr drained
 * into a tail that failure messages quote, and stopped the way the MCP stdio transport prescribes — stdin
 * closed, then SIGTERM, then SIGKILL — together with the processes it started. A JVM shutdown hook stops it if
 * Lumen exits (Ctrl-C included) while it runs.
 */
final class ServerProcess {
    /** How long the server gets to exit after its stdin closes, and again after SIGTERM. */
    private static final long STOP_GRACE_MILLIS = 1_000;

    private final Process process;
    private final StderrTail stderr;
    private final Thread shutdownHook;

    private ServerProcess(Process process) {
        this.process = process;
        this.stderr = new StderrTail(process.getErrorStream());
        Thread.ofPlatform().daemon().name("mcp-stderr-" + process.pid()).start(stderr);
        this.shutdownHook = new Thread(this::kill, "mcp-stop-" + process.pid());
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts the server {@code address} names, in the settings' directory with the settings' environment plus
     * the address's own variables.
     *
     * @throws McpException when the command is not found, not executable or cannot be started
     */
    static ServerProcess start(McpAddress.Stdio address, McpSettings settings) {
        Map<String, String> environment = new HashMap<>(settings.environment());
        environment.putAll(address.environment());
        Path executable;
        try {
            executable = new ToolCommand(address.command(), settings.directory()).executable(environment.get("PATH"));
        } catch (ToolFailure e) {
            throw new McpException(SessionMcpServer.label(address) + " cannot start: " + e.getMessage());
        }
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(address.arguments());
        ProcessBuilder builder = new ProcessBuilder(command).directory(settings.directory().toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        try {
            return new ServerProcess(builder.start());
        } catch (IOException e) {
            throw new McpException(SessionMcpServer.label(address) + " cannot start: " + e.getMessage());
        }
    }

    InputStream stdout() {
        return process.getInputStream();
    }

    OutputStream stdin() {
        return process.getOutputStream();
    }

    /** What the server wrote to stderr lately, as a suffix for failure messages ("" when it wrote nothing). */
    String stderrSuffix() {
        String tail = stderr.text();
        return tail.isEmpty() ? "" : "\nstderr: " + tail;
    }

    /** How the process ended, waiting up to {@code millis} for it to end: "exited with status N" or "". */
    String exit(long millis) {
        try {
            if (process.waitFor(millis, TimeUnit.MILLISECONDS)) {
                return "exited with status " + process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "";
    }

    /** Stops the server and the processes it started; returns within about two grace periods. */
    void stop() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down: the hook runs or has run kill() already.
        }
        List<ProcessHandle> descendants = process.descendants().toList();
        try {
            process.getOutputStream().close();
            if (!process.waitFor(STOP_GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
                descendants.forEach(ProcessHandle::destroy);
                process.destroy();
                if (!process.waitFor(STOP_GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
                    kill();
                }
            }
        } catch (IOException e) {
            kill(); // stdin is already broken: nothing to wait for
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
        }
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    /** Kills the process and every descendant it has now (listed first: once it is dead they are not). */
    private void kill() {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
    }
}
