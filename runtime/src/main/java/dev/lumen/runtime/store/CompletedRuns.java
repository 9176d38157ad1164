package dev.lumen.runtime.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lumen.runtime.json.CanonicalJson;
import dev.lumen.runtime.json.CanonicalObject;
import dev.lumen.runtime.store.objects.ObjectStore;
import dev.lumen.runtime.store.objects.StoredObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Which run of a cell on an input ended well, so that a batch run again after a crash or Ctrl-C skips it (run.md
 * §10): {@code runs/<hex>.json} names the run, {@code hex} the SHA-256 of the document's hash, the cell and the
 * input. The record only points: whoever follows it verifies the run's trace before taking its result, so a
 * record that was changed or that names a damaged run costs a run again, never a wrong result.
 */
public final class CompletedRuns {
    /** The prefix of the records' object names. */
    public static final String PREFIX = "runs/";
    private static final String FORMAT = "lumen-completed/1";

    private final ObjectStore objects;

    CompletedRuns(ObjectStore objects) {
        this.objects = objects;
    }

    /** The key of the run of {@code cell} of the document hashed {@code docHash} on {@code input} (any JSON). */
    public static String key(String docHash, String cell, Object input) {
        return CanonicalJson.sha256(new CanonicalObject().put("cell", cell).put("doc_hash", docHash)
                .putCanonical("input", CanonicalJson.write(input)).text());
    }

    private static String name(String key) {
        return PREFIX + ContentHash.hex(key) + ".json";
    }

    /** Records that run {@code runId} of {@code key} ended well, over any earlier record. */
    public void record(String key, String runId) {
        RunId.check(runId);
        byte[] content = (new CanonicalObject().put("format", FORMAT).put("run_id", runId).text() + "\n")
                .getBytes(StandardCharsets.UTF_8);
        String name = name(key);
        try {
            for (int attempt = 0; attempt < 8; attempt++) {
                if (objects.writeOver(name, objects.get(name), content)) {
                    return;
                }
            }
            throw new IOException("it kept changing while it was written");
        } catch (IOException e) {
            throw new StoreException("cannot record the run " + runId + " in `" + objects.where(name) + "`: "
                    + e.getMessage(), e);
        }
    }

    /** The run recorded for {@code key}; empty when there is none, or the record cannot be read. */
    public Optional<String> find(String key) {
        String name = name(key);
        Optional<StoredObject> stored;
        try {
            stored = objects.get(name);
        } catch (IOException e) {
            throw new StoreException("cannot read `" + objects.where(name) + "`: " + e.getMessage(), e);
        }
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        byte[] bytes = stored.get().content();
        try {
            ObjectNode record = StoredJson.parseCanonicalObject(bytes, 0, Math.max(0, bytes.length - 1));
            String runId = StoredJson.text(record, "run_id");
            return FORMAT.equals(StoredJson.text(record, "format")) && RunId.isValid(runId)
                    ? Optional.of(runId) : Optional.empty();
        } catch (StoredJson.NotCanonical e) {
            return Optional.empty();
        }
    }
}
