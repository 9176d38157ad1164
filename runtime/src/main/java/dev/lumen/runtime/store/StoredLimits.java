package dev.lumen.runtime.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lumen.runtime.files.AtomicFiles;
import dev.lumen.runtime.files.FileLocks;
import dev.lumen.runtime.host.Host;
import dev.lumen.runtime.json.CanonicalObject;
import dev.lumen.runtime.limits.LimitKey;
import dev.lumen.runtime.limits.LimitWindows;
import dev.lumen.runtime.limits.Tally;
import dev.lumen.runtime.limits.WindowLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The windows of rate limits and token budgets kept in a store (tool-manifest-v1.md §4.4), so that every run
 * using the store counts against them: {@code limits/<tool dir>/<hex>.json}, one canonical JSON record per
 * limit, next to the lock file {@code <hex>.lock} that serializes its updates.
 *
 * <p>An update takes the lock ({@link FileLocks}), reads the record, and replaces it atomically. A record that
 * cannot be read is never taken for an empty window: calls are refused until one window has passed since it was
 * last written.
 */
public final class StoredLimits implements LimitWindows {
    /** The {@code format} member of every record. */
    public static final String FORMAT = "lumen-limit/1";

    private final Path dir;
    private final LongSupplier clock;

    StoredLimits(Path dir) {
        this(dir, System::currentTimeMillis);
    }

    /** With a clock in milliseconds, for tests. */
    public StoredLimits(Path dir, LongSupplier clock) {
        this.dir = Host.current().absolute(dir).normalize();
        this.clock = clock;
    }

    /** The directory of the records. */
    public Path dir() {
        return dir;
    }

    /** The record of {@code key}'s window (which may not exist). */
    public Path recordFile(LimitKey key) {
        return dir.resolve(ToolCache.toolDirName(key.toolId())).resolve(ContentHash.hex(key.hash()) + ".json");
    }

    @Override
    public Tally count(LimitKey key, long windowMillis, long limit, long amount) {
        return update(key, windowMillis, limit, amount, false);
    }

    @Override
    public void spend(LimitKey key, long windowMillis, long amount) {
        update(key, windowMillis, Long.MAX_VALUE, amount, true);
    }

    @Override
    public String sharedBy() {
        return "the runs sharing the store `" + dir.getParent() + "`";
    }

    private Tally update(LimitKey key, long windowMillis, long limit, long amount, boolean spending) {
        Path file = recordFile(key);
        try {
            return FileLocks.holding(file.resolveSibling(ContentHash.hex(key.hash()) + ".lock"),
                    () -> locked(key, file, windowMillis, limit, amount, spending));
        } catch (IOException e) {
            throw new StoreException("cannot count against the limit recorded in `" + file + "`: "
                    + BlobStore.describe(e), e);
        }
    }

    private Tally locked(LimitKey key, Path file, long windowMillis, long limit, long amount, boolean spending)
            throws IOException {
        long now = clock.getAsLong();
        WindowLog log;
        try {
            log = read(key, file, windowMillis);
        } catch (BadRecord e) {
            Instant until = Instant.ofEpochMilli(Files.getLastModifiedTime(file).toMillis() + windowMillis);
            if (now < until.toEpochMilli()) {
                if (spending && amount > 0) { // what was just spent must count for a whole window
                    Files.setLastModifiedTime(file, FileTime.fromMillis(now));
                    until = Instant.ofEpochMilli(now + windowMillis);
                }
                return new Tally.Damaged(file, e.getMessage(), until);
            }
            log = new WindowLog(windowMillis); // nothing it recorded can still count
        }
        long used = log.used(now);
        if (used >= limit) {
            return new Tally.Full(used);
        }
        log.add(now, amount);
        write(key, file, windowMillis, log);
        return new Tally.Admitted(used);
    }

    private static WindowLog read(LimitKey key, Path file, long windowMillis) throws BadRecord, IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new WindowLog(windowMillis);
        }
        if (bytes.length == 0 || bytes[bytes.length - 1] != '\n') {
            throw new BadRecord("it does not end with a newline");
        }
        ObjectNode record;
        try {
            record = StoredJson.parseCanonicalObject(bytes, 0, bytes.length - 1);
        } catch (StoredJson.NotCanonical e) {
            throw new BadRecord(e.getMessage());
        }
        if (record.size() != 7) {
            throw new BadRecord("it does not have exactly the members format, key, tool_id, policy_hash, clause,"
                    + " window_ms and entries");
        }
        expect(record, "format", FORMAT);
        expect(record, "key", key.hash());
        expect(record, "tool_id", key.toolId());
        expect(record, "policy_hash", key.policyHash());
        expect(record, "clause", key.clause());
        JsonNode window = record.get("window_ms");
        if (!wholeNumber(window) || window.longValue() != windowMillis) {
            throw new BadRecord("its window_ms is not " + windowMillis);
        }
        JsonNode entries = record.get("entries");
        if (entries == null || !entries.isArray()) {
            throw new BadRecord("its entries are not an array");
        }
        List<WindowLog.Entry> read = new ArrayList<>();
        for (JsonNode e : entries) {
            if (!e.isArray() || e.size() != 2 || !wholeNumber(e.get(0)) || !wholeNumber(e.get(1))) {
                throw new BadRecord("an entry is not [time, amount], two integers of at least 0");
            }
            read.add(new WindowLog.Entry(e.get(0).longValue(), e.get(1).longValue()));
        }
        return new WindowLog(windowMillis, read);
    }

    private static boolean wholeNumber(JsonNode n) {
        return n != null && n.isIntegralNumber() && n.canConvertToLong() && n.longValue() >= 0;
    }

    private static void expect(ObjectNode record, String member, String value) throws BadRecord {
        if (!value.equals(StoredJson.text(record, member))) {
            throw new BadRecord("its " + member + " is not " + value);
        }
    }

    private static void write(LimitKey key, Path file, long windowMillis, WindowLog log) throws IOException {
        StringBuilder entries = new StringBuilder("[");
        for (WindowLog.Entry e : log.entries()) {
            entries.append(entries.length() > 1 ? "," : "").append('[').append(e.time()).append(',')
                    .append(e.amount()).append(']');
        }
        String text = new CanonicalObject()
                .put("format", FORMAT)
                .put("key", key.hash())
                .put("tool_id", key.toolId())
                .put("policy_hash", key.policyHash())
                .put("clause", key.clause())
                .put("window_ms", windowMillis)
                .putCanonical("entries", entries.append(']').toString())
                .text();
        AtomicFiles.write(file, (text + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** A record whose content cannot be trusted; the message says why. */
    private static final class BadRecord extends Exception {
        private static final long serialVersionUID = 1L;

        BadRecord(String message) {
            super(message, null, false, false);
        }
    }
}
