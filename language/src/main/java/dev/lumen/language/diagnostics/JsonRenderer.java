package dev.lumen.language.diagnostics;

import dev.lumen.language.CheckResult;
import java.util.List;

/** Renders the diagnostics of one or more documents as one JSON object (`lumen check --format json`). */
public final class JsonRenderer {
    private JsonRenderer() {
    }

    public static String render(List<CheckResult> results) {
        throw new UnsupportedOperationException("not yet");
    }
}
