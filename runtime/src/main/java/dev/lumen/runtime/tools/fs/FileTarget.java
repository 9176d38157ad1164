package dev.lumen.runtime.tools.fs;

import dev.lumen.runtime.tools.ToolFailure;
import dev.lumen.runtime.tools.ToolRequest;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The file a call of {@code fs.read} or {@code fs.write} touches, as its cache key names it (tools-fs.md §5):
 * two calls with the same {@code path} in two folders touch two files, and never share an entry.
 */
public final class FileTarget {
    private FileTarget() {
    }

    /**
     * Where the call's {@code path} leads (§1.3), read against the request's base directory; empty when the input
     * is no usable path, a call that fails before it touches a file. Nothing is opened and no grant is checked.
     */
    public static Optional<Path> of(ToolRequest request) {
        try {
            return Optional.of(RealPaths.whereItLeads(FilePath.of(request).absolute()));
        } catch (ToolFailure e) {
            return Optional.empty();
        }
    }
}
