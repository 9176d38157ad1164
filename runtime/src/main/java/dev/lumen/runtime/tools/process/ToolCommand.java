package dev.lumen.runtime.tools.process;

import dev.lumen.runtime.host.Host;
import dev.lumen.runtime.tools.ToolFailure;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The program a subprocess manifest's {@code exec.command} names (tool-protocol-v1.md §3): a command with a
 * slash is a path, read against the manifest's directory; a bare name is looked up on {@code PATH}, as a shell
 * does. Resolved at each call, so a tool installed after Lumen started is found.
 */
public record ToolCommand(String command, Path directory) {

    /**
     * The executable file to run.
     *
     * @param path the {@code PATH} to search, or null when there is none
     * @throws ToolFailure when there is no such file, or it is not executable
     */
    public Path executable(String path) {
        if (command.indexOf('/') >= 0 || command.indexOf(File.separatorChar) >= 0) {
            Path file = file(directory, command);
            if (!Files.exists(file)) {
                throw new ToolFailure("the command " + shown() + " does not exist (" + file + ")");
            }
            if (!Files.isRegularFile(file)) {
                throw new ToolFailure("the command " + shown() + " is not a file (" + file + ")");
            }
            if (!Files.isExecutable(file)) {
                throw new ToolFailure("the command " + shown() + " is not executable (" + file + ")");
            }
            return file;
        }
        for (String dir : path == null ? new String[0] : path.split(File.pathSeparator)) {
            // An empty entry would mean the working directory: not searched, so that no file there is run by chance.
            if (!dir.isEmpty()) {
                Path file = file(Path.of(dir), command);
                if (Files.isRegularFile(file) && Files.isExecutable(file)) {
                    return file;
                }
            }
        }
        throw new ToolFailure("the command " + shown() + " is not on PATH");
    }

    public String shown() {
        return "`" + command + "`";
    }

    private Path file(Path dir, String name) {
        try {
            return Host.current().absolute(dir.resolve(name)).normalize();
        } catch (InvalidPathException e) {
            throw new ToolFailure("the command " + shown() + " is not a valid path: " + e.getReason());
        }
    }
}
