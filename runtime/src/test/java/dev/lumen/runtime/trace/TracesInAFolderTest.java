package dev.lumen.runtime.trace;

import dev.lumen.runtime.store.Store;
import dev.lumen.runtime.store.traces.TraceFiles;
import java.nio.file.Files;

/** Traces as {@code .jsonl} files and heads beside them, in a store's folder. */
class TracesInAFolderTest extends RunTracesContract {
    @Override
    Store store() {
        return Store.at(dir).withKey(KEY);
    }

    @Override
    void rewrite(Store store, String runId, byte[] trace) throws Exception {
        Files.write(store.traceFile(runId), trace);
    }

    @Override
    void removeHead(Store store, String runId) throws Exception {
        Files.delete(((TraceFiles) store.traces()).headFile(runId));
    }
}
