package dev.lumen.runtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreTest {

    @TempDir
    Path dir;

    @Test
    void theStoreIsTheNearestAncestorWithADotLumenDirectory() throws IOException {
        Path project = Files.createDirectories(dir.resolve("project"));
        Path docs = Files.createDirectories(project.resolve("docs/agents"));
        assertEquals(docs, Store.locate(docs).root(), "without .lumen anywhere: the directory itself");
        assertEquals(docs, Store.forDocument(docs.resolve("a.lm.md")).root());

        Files.createDirectories(project.resolve(".lumen"));
        assertEquals(project, Store.locate(docs).root());
        assertEquals(project, Store.forDocument(docs.resolve("a.lm.md")).root());
        assertEquals(project.resolve(".lumen"), Store.locate(docs).dir());

        Files.createFile(docs.resolve(".lumen"));
        assertEquals(project, Store.locate(docs).root(), "a file named .lumen is not a store");
    }

    @Test
    void storeOptionNamesTheRootOrTheDotLumenDirectory() {
        assertEquals(dir, Store.at(dir).root());
        assertEquals(dir, Store.at(dir.resolve(".lumen")).root());
        assertEquals(dir.resolve(".lumen/trace"), Store.at(dir).traceDir());
    }

    @Test
    void runIdsSortByStartTime() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            ids.add(RunId.next());
        }
        List<String> sorted = new ArrayList<>(ids);
        sorted.sort(null);
        assertEquals(ids, sorted, "ids issued one after another sort in issue order");
        assertEquals(1000, ids.stream().distinct().count());
        assertTrue(RunId.isValid(ids.getFirst()), ids.getFirst());
        assertEquals("20261123T231500.123Z-0000002a", RunId.of(1795475700123L, 42));
        assertTrue(RunId.of(1795475700123L, 0).compareTo(RunId.of(1795475700124L, -1)) < 0);
    }

    @Test
    void runsAreFoundByIdPrefixOrLast() throws IOException {
        Store store = Store.at(dir);
        StoreException none = assertThrows(StoreException.class, () -> store.resolveRun("last"));
        assertTrue(none.getMessage().startsWith("no runs are recorded in"), none.getMessage());

        Files.createDirectories(store.traceDir());
        String a = RunId.of(1795475700123L, 0x11111111);
        String b = RunId.of(1795475800123L, 0x22222222);
        String c = RunId.of(1795475800123L, 0x33333333);
        for (String id : List.of(c, a, b)) {
            Files.createFile(store.traceFile(id));
        }
        Files.createFile(store.traceDir().resolve("notes.txt"));
        Files.createFile(store.traceDir().resolve(".tmp-x.jsonl"));
        assertEquals(List.of(a, b, c), store.runIds());
        assertEquals(c, store.resolveRun("last"));
        assertEquals(a, store.resolveRun(a));
        assertEquals(a, store.resolveRun("20261123T2315"));
        StoreException ambiguous = assertThrows(StoreException.class, () -> store.resolveRun("20261123T2316"));
        assertTrue(ambiguous.getMessage().contains("matches 2 runs"), ambiguous.getMessage());
        StoreException unknown = assertThrows(StoreException.class, () -> store.resolveRun("2027"));
        assertTrue(unknown.getMessage().contains("no run `2027`"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> store.traceFile("../../x"));
    }
}
