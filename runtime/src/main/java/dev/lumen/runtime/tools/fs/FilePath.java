package dev.lumen.runtime.tools.fs;

import dev.lumen.runtime.tools.ToolFailure;
import dev.lumen.runtime.tools.ToolRequest;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The {@code path} input of an fs tool call: the text as the program gave it (for messages) and the absolute
 * path it names, read against the request's base directory. Nothing is resolved or checked on disk here.
 */
record FilePath(String given, Path absolute) {

    static FilePath of(ToolRequest request) {
        String given = TextInput.of(request, "path");
        if (given.isEmpty()) {
            throw new ToolFailure("input `path` is empty");
        }
        if (given.indexOf('\0') >= 0) {
            throw new ToolFailure("input `path` contains a NUL character");
        }
        try {
            return new FilePath(given, request.base().resolve(given));
        } catch (InvalidPathException e) {
            throw new ToolFailure("input `path` is not a valid path: " + e.getReason());
        }
    }

    /** The path as given, quoted for a message. */
    String shown() {
        return "`" + given + "`";
    }
}
