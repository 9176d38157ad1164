package dev.lumen.launcher.otel;

import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.sdk.trace.IdGenerator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Span and trace ids derived from the event a span comes from: the trace id from the run id, a span id from the
 * run id and the event's seq. Exporting a run again gives the same ids, so a back end sees the same trace, not a
 * copy, and a span's id can be found from the run id and seq alone. {@link TraceSpans} names the event before
 * it starts each span, on the thread that starts it.
 */
final class EventIds implements IdGenerator {
    private String runId = "";
    private long seq;

    /** The event whose span starts next. */
    void next(String run, long eventSeq) {
        this.runId = run;
        this.seq = eventSeq;
    }

    @Override
    public String generateTraceId() {
        return TraceId.fromLongs(prefix("trace " + runId, 0), prefix("trace " + runId, 8));
    }

    @Override
    public String generateSpanId() {
        return SpanId.fromLong(prefix("span " + runId + " " + seq, 0));
    }

    /** Eight bytes of the SHA-256 of {@code text} from {@code offset}, never zero (an invalid id in OTLP). */
    private static long prefix(String text, int offset) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            long value = HexFormat.fromHexDigitsToLong(HexFormat.of().formatHex(digest, offset, offset + 8));
            return value == 0 ? 1 : value;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
