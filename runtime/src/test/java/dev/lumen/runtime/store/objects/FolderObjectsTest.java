package dev.lumen.runtime.store.objects;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

class FolderObjectsTest extends ObjectStoreContract {
    @TempDir
    Path dir;

    @Override
    ObjectStore store() {
        return new FolderObjects(dir.resolve("objects"));
    }

    @Override
    String address() {
        return dir.resolve("objects").toString();
    }

    @Override
    Map<String, String> processEnv() {
        return Map.of();
    }
}
