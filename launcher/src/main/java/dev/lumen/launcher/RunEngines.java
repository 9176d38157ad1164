package dev.lumen.launcher;

import dev.lumen.language.truffle.LumenLanguage;
import dev.lumen.runtime.host.Host;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.graalvm.polyglot.Engine;

/** The polyglot engine Lumen's commands run documents in: a run's, a served document's, the daemon's shared one. */
public final class RunEngines {
    private static final String LOG_FILE = "log.file";

    private RunEngines() {
    }

    /**
     * An engine with the tools' output on {@code tools}, the log on {@code log} unless the options send it to a
     * file, Lumen's colors as {@code useColor} says, and the polyglot options given.
     */
    public static Engine.Builder builder(OutputStream tools, OutputStream log, boolean useColor,
            Map<String, String> options) {
        Engine.Builder builder = Engine.newBuilder(LumenLanguage.ID)
                .out(tools)
                .err(tools)
                .allowExperimentalOptions(true)
                .option("engine.WarnInterpreterOnly", "false")
                .option("lumen.Color", Boolean.toString(useColor));
        String logFile = options.get(LOG_FILE);
        if (logFile == null) { // a log handler of the host's would take the log from the file
            builder.logHandler(log);
        } else { // the engine would write a relative PATH in the JVM's working directory
            builder.option(LOG_FILE, Host.current().resolve(logFile).toString());
        }
        Map<String, String> rest = new LinkedHashMap<>(options);
        rest.remove(LOG_FILE);
        return builder.options(rest);
    }
}
