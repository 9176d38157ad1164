package dev.lumen.runtime.store.traces;

import dev.lumen.runtime.store.RunId;
import dev.lumen.runtime.store.objects.ObjectStore;
import dev.lumen.runtime.store.objects.StoredObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Traces in an object store, which cannot append (trace-v1.md §7.4): a run's lines go in immutable
 * <em>segments</em>, {@code trace/<run_id>/<n>.jsonl} numbered from 0 with eight digits, each created once; its
 * signed head is {@code trace/<run_id>.head}, created to claim the id and replaced over the version created when
 * the run ends. A trace is its segments in order. Lines wait in memory until one records an effect, they reach
 * {@value #SEGMENT_BYTES} bytes, or {@value #SEGMENT_MILLIS} ms have passed, so a run that is killed loses at most
 * the lines of the last second that recorded no effect.
 */
public final class TraceObjects implements RunTraces {
    /** The size at which waiting lines are stored. */
    static final int SEGMENT_BYTES = 1 << 20;
    /** The age at which waiting lines are stored. */
    static final long SEGMENT_MILLIS = 1000;
    private static final String DIR = "trace/";
    private static final String SEGMENT_EXTENSION = ".jsonl";

    private final ObjectStore objects;

    public TraceObjects(ObjectStore objects) {
        this.objects = objects;
    }

    private static String headName(String runId) {
        return DIR + RunId.check(runId) + TraceFiles.HEAD_EXTENSION;
    }

    private static String segmentPrefix(String runId) {
        return DIR + RunId.check(runId) + "/";
    }

    private static String segmentName(String runId, int n) {
        return segmentPrefix(runId) + String.format("%08d", n) + SEGMENT_EXTENSION;
    }

    @Override
    public Optional<Appender> begin(String runId, byte[] head) throws IOException {
        String name = headName(runId);
        if (!objects.create(name, head)) {
            return Optional.empty();
        }
        Optional<StoredObject> created = objects.get(name);
        if (created.isEmpty()) {
            throw new IOException("the signed head `" + objects.where(name) + "` was removed as soon as it was written");
        }
        return Optional.of(new SegmentAppender(runId, created.get().version()));
    }

    @Override
    public Optional<byte[]> read(String runId) throws IOException {
        List<String> segments = objects.list(segmentPrefix(runId));
        if (segments.isEmpty()) {
            return objects.get(headName(runId)).isPresent() ? Optional.of(new byte[0]) : Optional.empty();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (String segment : segments) {
            Optional<StoredObject> object = objects.get(segment);
            if (object.isPresent()) { // else removed since the listing: the gap shows in the events' seq
                bytes.write(object.get().content());
            }
        }
        return Optional.of(bytes.toByteArray());
    }

    @Override
    public Optional<byte[]> head(String runId) throws IOException {
        return objects.get(headName(runId)).map(StoredObject::content);
    }

    @Override
    public List<String> runIds() throws IOException {
        Set<String> ids = new LinkedHashSet<>();
        for (String name : objects.list(DIR)) {
            String rest = name.substring(DIR.length());
            int slash = rest.indexOf('/');
            String id = slash >= 0 ? rest.substring(0, slash)
                    : rest.endsWith(TraceFiles.HEAD_EXTENSION)
                            ? rest.substring(0, rest.length() - TraceFiles.HEAD_EXTENSION.length()) : "";
            if (RunId.isValid(id)) {
                ids.add(id);
            }
        }
        return new ArrayList<>(ids);
    }

    @Override
    public String where(String runId) {
        return objects.where(segmentPrefix(runId).substring(0, segmentPrefix(runId).length() - 1)) + "/";
    }

    @Override
    public String whereHead(String runId) {
        return objects.where(headName(runId));
    }

    @Override
    public String where() {
        return objects.where(DIR.substring(0, DIR.length() - 1));
    }

    /** Collects lines into the next segment and stores it when it is due. */
    private final class SegmentAppender implements Appender {
        private final String runId;
        private final ByteArrayOutputStream waiting = new ByteArrayOutputStream();
        private String headVersion;
        private int nextSegment;
        private long oldestWaiting;

        SegmentAppender(String runId, String headVersion) {
            this.runId = runId;
            this.headVersion = headVersion;
        }

        @Override
        public void append(byte[] line, boolean settle) throws IOException {
            long now = System.nanoTime();
            if (waiting.size() == 0) {
                oldestWaiting = now;
            }
            waiting.write(line);
            if (settle || waiting.size() >= SEGMENT_BYTES || now - oldestWaiting >= SEGMENT_MILLIS * 1_000_000) {
                flush();
            }
        }

        @Override
        public void flush() throws IOException {
            if (waiting.size() == 0) {
                return;
            }
            String name = segmentName(runId, nextSegment);
            if (!objects.create(name, waiting.toByteArray())) {
                throw new IOException("the trace segment `" + objects.where(name) + "` was written by another writer:"
                        + " only the run's own process writes its trace");
            }
            nextSegment++;
            waiting.reset();
        }

        @Override
        public void end(byte[] head) throws IOException {
            flush();
            String name = headName(runId);
            if (!objects.replace(name, head, headVersion)) {
                throw new IOException("the signed head `" + objects.where(name) + "` was changed by another writer"
                        + " while the run was going");
            }
            headVersion = null;
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
