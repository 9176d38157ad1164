package dev.lumen.runtime.tools;

import java.util.Objects;

/**
 * A tool the program embedding Lumen offers (tool-manifest-v1.md §8): its manifest, where it was offered (as the
 * user is told, e.g. the polyglot binding's name) and the function that answers its calls, which runs in-process
 * like a bundled tool and goes through the same grants, cache and trace.
 */
public record HostTool(ToolManifest manifest, String offeredAs, BuiltinTool implementation) {
    public HostTool {
        Objects.requireNonNull(manifest);
        Objects.requireNonNull(offeredAs);
        Objects.requireNonNull(implementation);
    }
}
