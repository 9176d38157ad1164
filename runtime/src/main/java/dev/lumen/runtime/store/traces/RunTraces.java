package dev.lumen.runtime.store.traces;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Where a store keeps the traces of its runs and their signed heads (trace-v1.md §3, §7.2): a trace is the bytes
 * of its lines in order, a head one small object. Files in a folder ({@link TraceFiles}) or segments in an
 * object store ({@link TraceObjects}); readers see the same bytes from both.
 */
public interface RunTraces {
    /**
     * Claims {@code runId} and begins its trace with the signed head {@code head} (a {@code running} one): empty
     * when another run holds the id, so the caller draws another.
     */
    Optional<Appender> begin(String runId, byte[] head) throws IOException;

    /** The bytes of run {@code runId}'s trace, its lines in order; empty when there is no such trace. */
    Optional<byte[]> read(String runId) throws IOException;

    /** The bytes of run {@code runId}'s signed head; empty when it has none. */
    Optional<byte[]> head(String runId) throws IOException;

    /** The ids of the runs that have a trace or a head, in any order. */
    List<String> runIds() throws IOException;

    /** Where run {@code runId}'s trace is, for messages: a file, or an {@code s3://} address. */
    String where(String runId);

    /** Where run {@code runId}'s signed head is, for messages. */
    String whereHead(String runId);

    /** Where the traces are, for messages. */
    String where();

    /** The writing end of one run's trace; used by one thread at a time. */
    interface Appender extends AutoCloseable {
        /**
         * Appends one line (its bytes end with {@code \n}). With {@code settle}, it is stored before this returns
         * (the line records an effect that happened); without, it may wait for a later line, a {@link #flush} or
         * {@link #close}, so that a run is not one write per event where writes are slow.
         */
        void append(byte[] line, boolean settle) throws IOException;

        /** Stores every line appended. */
        void flush() throws IOException;

        /**
         * Stores every line appended, then replaces the head with {@code head} (an {@code ended} one) over the one
         * this appender wrote.
         */
        void end(byte[] head) throws IOException;

        /** Stores every line appended and releases what the trace held; the head stays as it is. */
        @Override
        void close() throws IOException;
    }
}
