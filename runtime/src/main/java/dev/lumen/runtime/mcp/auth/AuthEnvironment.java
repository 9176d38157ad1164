package dev.lumen.runtime.mcp.auth;

import dev.lumen.runtime.host.Host;
import dev.lumen.runtime.mcp.McpException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * What authorization takes from the process rather than the document (mcp-bridge-v1.md §11.4): the variables the
 * grant's {@code *_env} clauses name, where credentials are kept, how long the interactive step waits, where
 * its messages go and how the authorization URL is opened.
 *
 * @param variables   the process environment, which holds the secrets the grant names
 * @param credentials the directory of the credential store
 * @param timeout     how long an interactive authorization waits for the browser's redirect
 * @param messages    where the URL to open and other notes are printed (standard error)
 * @param browser     opens the authorization URL ({@code $BROWSER}), or does nothing
 */
public record AuthEnvironment(Map<String, String> variables, Path credentials, Duration timeout,
        PrintStream messages, Browser browser) {
    /** The variable naming the credential store's directory (tests, CI, users who keep it elsewhere). */
    public static final String CREDENTIALS_VARIABLE = "LUMEN_CREDENTIALS_DIR";
    /** The variable setting the interactive step's timeout, in seconds. */
    public static final String TIMEOUT_VARIABLE = "LUMEN_MCP_AUTH_TIMEOUT";
    /** How long the interactive step waits when {@link #TIMEOUT_VARIABLE} is not set: time to sign in. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    public AuthEnvironment {
        variables = Map.copyOf(variables);
    }

    /** The environment, the user's home and the standard error of the {@link Host} Lumen runs for. */
    public static AuthEnvironment ofHost() {
        Host host = Host.current();
        Map<String, String> env = host.environment();
        return new AuthEnvironment(env, credentialsDirectory(env, host.home()), timeout(env), host.err(),
                Browser.fromEnvironment(env, host.err()));
    }

    /**
     * {@code $LUMEN_CREDENTIALS_DIR} if set, else {@code $XDG_CONFIG_HOME/lumen/credentials}, else
     * {@code ~/.config/lumen/credentials}: beside the user's key, outside every project's {@code .lumen/}.
     */
    static Path credentialsDirectory(Map<String, String> env, Path home) {
        String named = env.get(CREDENTIALS_VARIABLE);
        if (named != null && !named.isEmpty()) {
            return Host.current().resolve(named);
        }
        String config = env.get("XDG_CONFIG_HOME");
        // The XDG base directory specification ignores a relative XDG_CONFIG_HOME.
        Path base = config != null && !config.isEmpty() && Path.of(config).isAbsolute() ? Path.of(config)
                : home.resolve(".config");
        return base.resolve("lumen").resolve("credentials");
    }

    /** The timeout {@code env} sets, or the default; a value that is not a positive number of seconds is null. */
    static Duration timeout(Map<String, String> env) {
        String text = env.get(TIMEOUT_VARIABLE);
        if (text == null || text.isBlank()) {
            return DEFAULT_TIMEOUT;
        }
        try {
            long seconds = Long.parseLong(text.strip());
            return seconds > 0 ? Duration.ofSeconds(seconds) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The interactive step's timeout, or an error naming the variable when it holds no number of seconds. */
    Duration interactiveTimeout(String label) {
        if (timeout == null) {
            throw new McpException(label + ": " + TIMEOUT_VARIABLE + " is `" + variables.get(TIMEOUT_VARIABLE)
                    + "`, not a number of seconds (e.g. " + TIMEOUT_VARIABLE + "=120)");
        }
        return timeout;
    }

    /** The value of the variable a grant's {@code clause} names, or an error saying it is not set. */
    String secret(String label, String clause, String name) {
        return optionalVariable(name).orElseThrow(() -> new McpException(label + ": the environment variable `"
                + name + "` that `" + clause + "` names is not set (or is empty)"));
    }

    Optional<String> optionalVariable(String name) {
        String value = variables.get(name);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
}
