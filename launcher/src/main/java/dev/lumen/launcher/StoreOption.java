package dev.lumen.launcher;

import dev.lumen.runtime.host.Host;
import dev.lumen.runtime.store.Store;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --store DIR} of the trace and cache commands. Without it the store is the nearest ancestor of the
 * working directory holding {@code .lumen/} (or the working directory), as spec trace-v1.md §1 says.
 */
final class StoreOption {

    @Option(names = "--store", paramLabel = "DIR",
            description = "The directory holding .lumen/ (default: the nearest one above the working directory).")
    private Path dir;

    Store store() {
        return dir != null ? Store.at(dir) : Store.locate(Host.current().directory());
    }
}
