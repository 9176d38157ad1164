package dev.lumen.runtime.store.objects;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.URI;
import java.nio.file.Path;

/**
 * A writer process for the tests of writers in several JVMs: {@code CountingWriter STORE NAME N} adds 1 to the
 * counter object NAME N times, each a read and a {@link ObjectStore#replace} over the version read, retried until
 * it wins. STORE is a folder, or an {@code s3://} address reached as the process environment says.
 */
public final class CountingWriter {
    private CountingWriter() {
    }

    public static void main(String[] args) throws Exception {
        ObjectStore store = args[0].startsWith("s3://") ? S3Objects.open(URI.create(args[0]), System.getenv())
                : new FolderObjects(Path.of(args[0]));
        int n = Integer.parseInt(args[2]);
        for (int i = 0; i < n; i++) {
            increment(store, args[1]);
        }
    }

    static void increment(ObjectStore store, String name) throws Exception {
        while (true) {
            StoredObject now = store.get(name).orElseThrow();
            long value = Long.parseLong(new String(now.content(), UTF_8));
            if (store.replace(name, Long.toString(value + 1).getBytes(UTF_8), now.version())) {
                return;
            }
        }
    }
}
