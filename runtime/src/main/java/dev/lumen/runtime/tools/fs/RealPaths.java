package dev.lumen.runtime.tools.fs;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Where a path leads once its symbolic links and {@code ..} are resolved, even when it does not exist yet. */
final class RealPaths {
    private RealPaths() {
    }

    /**
     * The real path of {@code path}'s nearest existing ancestor followed by the names that do not exist (yet):
     * where the path is, or where a file created under that name would be. Used to decide whether a path is
     * granted before saying that it does not exist, so that nothing is told about paths outside the grants.
     *
     * @param path an absolute path
     * @throws IOException when an existing ancestor cannot be resolved (a directory that may not be searched)
     */
    static Path whereItLeads(Path path) throws IOException {
        Path existing = path;
        Path missing = null;
        while (true) {
            try {
                Path real = existing.toRealPath();
                return missing == null ? real : real.resolve(missing).normalize();
            } catch (NoSuchFileException e) {
                Path parent = existing.getParent();
                if (parent == null) {
                    throw e;
                }
                Path name = existing.getFileName();
                missing = missing == null ? name : name.resolve(missing);
                existing = parent;
            }
        }
    }
}
