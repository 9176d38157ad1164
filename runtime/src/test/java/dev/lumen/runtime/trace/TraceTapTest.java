package dev.lumen.runtime.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lumen.runtime.store.Store;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trace tap hears each event as written, in order, as the reader reads it back; it can change nothing of the trace. */
class TraceTapTest {
    @TempDir
    Path dir;

    @Test
    void aListenerHearsEveryEventAsTheTraceHoldsIt() {
        Store store = Store.at(dir);
        List<TraceEvent> heard = new ArrayList<>();
        List<String> runs = new ArrayList<>();
        TraceWriter w;
        try (TraceTap.Listening listening = TraceTap.listenWith((run, event) -> {
            runs.add(run);
            heard.add(event);
        })) {
            w = SampleRun.write(store);
        }
        Trace trace = TraceReader.read(store, w.runId());
        assertEquals(trace.events().size(), heard.size());
        for (int i = 0; i < heard.size(); i++) {
            assertEquals(trace.events().get(i).json(), heard.get(i).json(), "event " + i);
            assertEquals(trace.events().get(i).line(), heard.get(i).line());
        }
        assertEquals(List.of(w.runId()), runs.stream().distinct().toList());

        TraceWriter unheard = SampleRun.write(store);
        assertEquals(heard.size(), trace.events().size(), "closing the listening ends it");
        assertTrue(TraceVerifier.verify(store, unheard.runId()).ok());
    }

    @Test
    void aListenerThatThrowsChangesNothingOfTheTrace() {
        Store store = Store.at(dir);
        TraceWriter w;
        try (TraceTap.Listening listening = TraceTap.listenWith((run, event) -> {
            throw new IllegalStateException("a listener that fails");
        })) {
            w = SampleRun.write(store);
        }
        Trace trace = TraceReader.read(store, w.runId());
        assertTrue(trace.finished());
        assertEquals(7, trace.events().size());
        assertTrue(TraceVerifier.verify(store, w.runId()).ok());
    }
}
