package dev.lumen.runtime.mcp.auth;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Opens the authorization URL for the user (mcp-bridge-v1.md §11.4): {@code $BROWSER URL} when the variable is
 * set — its words split at white space, {@code %s} replaced by the URL, else the URL added as the last word —
 * or nothing (the URL is printed either way). The command is not waited for: a browser may keep running.
 */
@FunctionalInterface
public interface Browser {
    /** The variable naming the command that opens a URL, as many Unix tools read it. */
    String VARIABLE = "BROWSER";

    void open(URI url);

    /** Runs {@code $BROWSER} of {@code env}; a command that cannot start or fails is reported on {@code messages}. */
    static Browser fromEnvironment(Map<String, String> env, PrintStream messages) {
        String command = env.get(VARIABLE);
        if (command == null || command.isBlank()) {
            return url -> { };
        }
        return url -> {
            List<String> words = new ArrayList<>(Arrays.asList(command.strip().split("\\s+")));
            boolean placed = words.stream().anyMatch(w -> w.contains("%s"));
            words.replaceAll(w -> w.replace("%s", url.toString()));
            if (!placed) {
                words.add(url.toString());
            }
            try {
                Process process = new ProcessBuilder(words).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
                process.onExit().thenAccept(p -> {
                    if (p.exitValue() != 0) {
                        messages.println("lumen: `" + command + "` ($" + VARIABLE + ") exited with status "
                                + p.exitValue() + "; open the URL above yourself");
                    }
                });
            } catch (IOException e) {
                messages.println("lumen: cannot run `" + command + "` ($" + VARIABLE + "): " + e.getMessage()
                        + "; open the URL above yourself");
            }
        };
    }
}
