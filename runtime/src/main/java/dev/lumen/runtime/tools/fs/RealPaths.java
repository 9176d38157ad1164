package dev.lumen.runtime.tools.fs;

import java.io.IOException;
import java.nio.file.Path;

/** Where a path leads once its symbolic links and {@code ..} are resolved, even when it cannot be opened. */
final class RealPaths {
    private RealPaths() {
    }

    /**
     * The real path of {@code path}'s nearest ancestor that resolves, followed by the names that do not (they do
     * not exist, are under a file, or are in a directory that may not be searched): where the path is, or where
     * a file created under that name would be. Used to decide whether a path is granted before saying why it
     * cannot be used, so that nothing is told about paths outside the grants.
     *
     * @param path an absolute path
     */
    static Path whereItLeads(Path path) {
        Path resolvable = path;
        Path rest = null;
        while (true) {
            try {
                Path real = resolvable.toRealPath();
                return rest == null ? real : real.resolve(rest).normalize();
            } catch (IOException e) {
                Path parent = resolvable.getParent();
                if (parent == null) {
                    return path.normalize();
                }
                Path name = resolvable.getFileName();
                rest = rest == null ? name : name.resolve(rest);
                resolvable = parent;
            }
        }
    }
}
