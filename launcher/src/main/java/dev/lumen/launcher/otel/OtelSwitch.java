package dev.lumen.launcher.otel;

import java.util.Map;

/**
 * Whether a run is exported over OTLP: asked for on the command line ({@code --otel}, {@code --otel-endpoint}),
 * or by the standard variables naming a collector. Names nothing of the SDK, whose classes are loaded only when
 * the answer is yes: a run that exports nothing starts as fast as before.
 */
public final class OtelSwitch {
    private OtelSwitch() {
    }

    /** Whether to export, given the command line's request and the environment. */
    public static boolean on(boolean requested, String endpoint, Map<String, String> env) {
        return requested || endpoint != null || named(env, "OTEL_EXPORTER_OTLP_ENDPOINT")
                || named(env, "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
    }

    private static boolean named(Map<String, String> env, String variable) {
        String value = env.get(variable);
        return value != null && !value.isBlank();
    }
}
