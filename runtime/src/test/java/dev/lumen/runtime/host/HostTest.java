package dev.lumen.runtime.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class HostTest {
    private static Host at(String directory, Map<String, String> env) {
        return new Host(Path.of(directory), env, new ByteArrayInputStream(new byte[0]),
                new PrintStream(OutputStream.nullOutputStream()));
    }

    @Test
    void unboundItIsTheProcesssOwn() {
        Host own = Host.current();
        assertEquals(Path.of("").toAbsolutePath().normalize(), own.directory());
        assertEquals(System.getenv(), own.environment());
        assertSame(System.in, own.in());
        assertSame(System.err, own.err());
    }

    @Test
    void theProcesssStreamsFollowSetIn() {
        InputStream saved = System.in;
        InputStream replaced = new ByteArrayInputStream(new byte[0]);
        System.setIn(replaced);
        try {
            assertSame(replaced, Host.current().in());
        } finally {
            System.setIn(saved);
        }
        assertSame(saved, Host.current().in());
    }

    @Test
    void aBindingHoldsForItsBodyAndTheThreadsItStartsThenTheOneBeforeIsBack() throws Exception {
        Host outer = at("/a", Map.of("X", "outer"));
        Host inner = at("/b", Map.of("X", "inner"));
        Host own = Host.current();
        AtomicReference<Host> seenByThread = new AtomicReference<>();
        Host.with(outer, () -> {
            assertSame(outer, Host.current());
            Host.with(inner, () -> {
                Thread t = Thread.ofVirtual().start(() -> seenByThread.set(Host.current()));
                t.join();
                return null;
            });
            assertSame(outer, Host.current());
            return null;
        });
        assertSame(inner, seenByThread.get());
        assertEquals(own, Host.current());
        assertThrows(IllegalStateException.class, () -> Host.with(outer, () -> {
            throw new IllegalStateException("failed");
        }));
        assertEquals(own, Host.current());
    }

    @Test
    void relativePathsAreResolvedAgainstTheDirectory() {
        Host host = at("/work/../project/./here", Map.of("HOME", "/home/ada", "NAME", "value"));
        assertEquals(Path.of("/project/here"), host.directory());
        assertEquals(Path.of("/project/here/doc.lm.md"), host.resolve("doc.lm.md"));
        assertEquals(Path.of("/elsewhere/doc.lm.md"), host.absolute(Path.of("/elsewhere/doc.lm.md")));
        assertEquals("value", host.env("NAME"));
        assertEquals(null, host.env("UNSET"));
        assertEquals(Path.of("/home/ada"), host.home());
        assertEquals(Path.of(System.getProperty("user.home")), at("/", Map.of()).home());
    }
}
