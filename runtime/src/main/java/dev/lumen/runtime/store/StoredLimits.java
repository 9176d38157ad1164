package dev.lumen.runtime.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lumen.runtime.json.CanonicalObject;
import dev.lumen.runtime.limits.LimitKey;
import dev.lumen.runtime.limits.LimitWindows;
import dev.lumen.runtime.limits.Tally;
import dev.lumen.runtime.limits.WindowLog;
import dev.lumen.runtime.store.objects.ObjectStore;
import dev.lumen.runtime.store.objects.StoredObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The windows of rate limits and token budgets kept in a store (tool-manifest-v1.md §4.4), so that every run
 * using the store counts against them: the object {@code limits/<tool dir>/<hex>.json}, one canonical JSON record
 * per limit.
 *
 * <p>An update reads the record and its version, and writes the new record only over that version (or only where
 * none is): when another run wrote first, it reads again. A record that cannot be read is never taken for an
 * empty window: it is left as it is, and a marker beside it, {@code <hex>.damaged.json}, says until when calls
 * are refused (one window after the damage was found, or after tokens were last spent against it).
 */
public final class StoredLimits implements LimitWindows {
    /** The {@code format} member of every record. */
    public static final String FORMAT = "lumen-limit/1";
    /** The {@code format} member of a marker of a damaged record. */
    public static final String DAMAGED_FORMAT = "lumen-limit-damaged/1";
    /** The prefix of the records' object names. */
    public static final String PREFIX = "limits/";

    private final ObjectStore objects;
    private final LongSupplier clock;

    StoredLimits(ObjectStore objects) {
        this(objects, System::currentTimeMillis);
    }

    /** With a clock in milliseconds, for tests. */
    public StoredLimits(ObjectStore objects, LongSupplier clock) {
        this.objects = objects;
        this.clock = clock;
    }

    /** The object name of {@code key}'s record, relative to the store's directory (or bucket prefix). */
    public static String recordName(LimitKey key) {
        return PREFIX + ToolCache.toolDirName(key.toolId()) + "/" + ContentHash.hex(key.hash()) + ".json";
    }

    /** The object name of the marker that a damaged record of {@code key} was found. */
    static String damagedName(LimitKey key) {
        return PREFIX + ToolCache.toolDirName(key.toolId()) + "/" + ContentHash.hex(key.hash()) + ".damaged.json";
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
        return "the runs sharing the store `" + objects.where() + "`";
    }

    private Tally update(LimitKey key, long windowMillis, long limit, long amount, boolean spending) {
        String name = recordName(key);
        try {
            while (true) {
                Tally tally = attempt(key, name, windowMillis, limit, amount, spending);
                if (tally != null) {
                    return tally;
                }
            }
        } catch (IOException e) {
            throw new StoreException("cannot count against the limit recorded in `" + objects.where(name) + "`: "
                    + BlobStore.describe(e), e);
        }
    }

    /** One read and conditional write; null when another run wrote first. */
    private Tally attempt(LimitKey key, String name, long windowMillis, long limit, long amount, boolean spending)
            throws IOException {
        long now = clock.getAsLong();
        Optional<StoredObject> record = objects.get(name);
        WindowLog log;
        try {
            log = record.isEmpty() ? new WindowLog(windowMillis) : read(key, record.get().content(), windowMillis);
        } catch (BadRecord e) {
            Optional<Long> refused = refusedUntil(key, now, windowMillis, spending && amount > 0);
            if (refused.isPresent()) {
                return new Tally.Damaged(objects.where(name), e.getMessage(), Instant.ofEpochMilli(refused.get()));
            }
            log = new WindowLog(windowMillis); // nothing it recorded can still count
        }
        long used = log.used(now);
        if (used >= limit) {
            return new Tally.Full(used);
        }
        log.add(now, amount);
        byte[] content = text(key, windowMillis, log);
        if (!objects.writeOver(name, record, content)) {
            return null;
        }
        objects.delete(damagedName(key)); // the damage, if any, is behind it now
        return new Tally.Admitted(used);
    }

    /**
     * Until when calls against a damaged record are refused, or empty once that time has passed. The first run
     * to find the damage starts the refusal at once, for one window; {@code extend}: tokens spent now push it to
     * one window from now.
     */
    private Optional<Long> refusedUntil(LimitKey key, long now, long windowMillis, boolean extend) throws IOException {
        String name = damagedName(key);
        while (true) {
            Optional<StoredObject> marker = objects.get(name);
            long until = marker.isEmpty() ? now + windowMillis : markerUntil(marker.get().content(), now, windowMillis);
            if (marker.isPresent() && !extend) {
                return now < until ? Optional.of(until) : Optional.empty();
            }
            if (marker.isPresent() && now >= until) {
                return Optional.empty();
            }
            long wanted = extend ? Math.max(until, now + windowMillis) : until;
            byte[] content = (new CanonicalObject().put("format", DAMAGED_FORMAT).put("key", key.hash())
                    .put("refused_until", wanted).text() + "\n").getBytes(StandardCharsets.UTF_8);
            if (objects.writeOver(name, marker, content)) {
                return Optional.of(wanted);
            }
        }
    }

    /** The time a marker holds; a marker that cannot be read refuses for one window from now. */
    private static long markerUntil(byte[] bytes, long now, long windowMillis) {
        try {
            ObjectNode marker = StoredJson.parseCanonicalObject(bytes, 0, bytes.length - 1);
            JsonNode until = marker.get("refused_until");
            if (DAMAGED_FORMAT.equals(StoredJson.text(marker, "format")) && wholeNumber(until)) {
                return until.longValue();
            }
        } catch (StoredJson.NotCanonical | RuntimeException e) {
            // as below
        }
        return now + windowMillis;
    }

    private static WindowLog read(LimitKey key, byte[] bytes, long windowMillis) throws BadRecord {
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

    private static byte[] text(LimitKey key, long windowMillis, WindowLog log) {
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
        return (text + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** A record whose content cannot be trusted; the message says why. */
    private static final class BadRecord extends Exception {
        private static final long serialVersionUID = 1L;

        BadRecord(String message) {
            super(message, null, false, false);
        }
    }
}
