package dev.lumen.beam;

import dev.lumen.launcher.RunEngines;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.graalvm.polyglot.Engine;

/**
 * One polyglot engine per worker JVM and document, shared by the {@link RunCellFn} instances of its threads, so
 * that code compiled for one run serves the next. It lives as long as the JVM.
 */
final class WorkerEngines {
    private static final Map<String, Engine> ENGINES = new ConcurrentHashMap<>();

    private WorkerEngines() {
    }

    static Engine engine(String docHash) {
        return ENGINES.computeIfAbsent(docHash, hash -> RunEngines.builder(System.err, System.err, false, Map.of()).build());
    }
}
