package dev.lumen.runtime.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFileTest {

    @TempDir
    Path dir;

    @Test
    void theKeyFileIsNamedByTheVariableElseUnderTheXdgConfigDirectoryElseUnderHome() {
        Path home = dir.resolve("home");
        assertEquals(dir.resolve("k"), KeyFile.locate(Map.of(KeyFile.VARIABLE, dir.resolve("k").toString(),
                "XDG_CONFIG_HOME", "/elsewhere"), home));
        assertEquals(Path.of("/cfg/lumen/key"), KeyFile.locate(Map.of("XDG_CONFIG_HOME", "/cfg"), home));
        assertEquals(home.resolve(".config/lumen/key"), KeyFile.locate(Map.of("XDG_CONFIG_HOME", "relative"), home),
                "a relative XDG_CONFIG_HOME is ignored, as the XDG specification says");
        assertEquals(home.resolve(".config/lumen/key"), KeyFile.locate(Map.of(KeyFile.VARIABLE, ""), home));
    }

    @Test
    void aKeyIsMadeOnFirstUsePrivateToItsOwnerAndReadAfterwards() throws IOException {
        Path file = dir.resolve("config/lumen/key");
        UserKey made = KeyFile.load(file);
        assertEquals(UserKey.LENGTH, Files.size(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        assertEquals(made.id(), KeyFile.load(file).id(), "the same key next time");
        assertEquals(made.id(), UserKey.of(Files.readAllBytes(file)).id());
        assertTrue(UserKey.isId(made.id()), made.id());
        assertEquals(List.of("key"), listing(file.getParent()), "no temporary file is left");
        assertNotEquals(made.id(), KeyFile.load(dir.resolve("another")).id(), "every key is new");
    }

    @Test
    void processesMakingTheKeyAtOnceAllGetTheSameOne() throws Exception {
        Path file = dir.resolve("lumen/key");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> loads = java.util.Collections.nCopies(16, () -> KeyFile.load(file).id());
            Set<String> ids = new HashSet<>();
            for (Future<String> id : pool.invokeAll(loads)) {
                ids.add(id.get());
            }
            assertEquals(1, ids.size(), ids.toString());
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aKeyFileOthersCanReadIsRefused() throws IOException {
        Path file = dir.resolve("key");
        KeyFile.load(file);
        byte[] bytes = Files.readAllBytes(file);
        for (String mode : List.of("rw-r--r--", "rw-rw----", "rw----rw-", "rwx------")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
            StoreException e = assertThrows(StoreException.class, () -> KeyFile.load(file));
            assertEquals("the key file `" + file + "` cannot be used: its permissions are " + mode
                    + ": a key must be readable and writable by you alone (run `chmod 600 " + file + "`)", e.getMessage());
        }
        assertArrayEquals(bytes, Files.readAllBytes(file), "a refused key is left as it is, never replaced");
    }

    @Test
    void aKeyFileOfTheWrongSizeOrNotAFileIsRefused() throws IOException {
        Path file = Files.write(dir.resolve("key"), new byte[17]);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        StoreException size = assertThrows(StoreException.class, () -> KeyFile.load(file));
        assertTrue(size.getMessage().contains("it has 17 bytes, not 32, so it is not a Lumen key"), size.getMessage());
        assertEquals(17, Files.size(file));

        Path folder = Files.createDirectory(dir.resolve("folder"));
        StoreException notFile = assertThrows(StoreException.class, () -> KeyFile.load(folder));
        assertTrue(notFile.getMessage().endsWith("cannot be used: it is not a regular file"), notFile.getMessage());
    }

    @Test
    void anUnreadableKeyFileIsRefused() throws IOException {
        assumeFalse("root".equals(System.getProperty("user.name")), "root reads any file");
        Path file = dir.resolve("key");
        KeyFile.load(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("-w-------"));
        StoreException e = assertThrows(StoreException.class, () -> KeyFile.load(file));
        assertTrue(e.getMessage().endsWith("it cannot be read (permission denied)"), e.getMessage());
    }

    @Test
    void aKeyThatCannotBeMadeIsAnErrorNamingTheFile() throws IOException {
        Path blocker = Files.writeString(dir.resolve("not-a-dir"), "x");
        Path file = blocker.resolve("key");
        StoreException e = assertThrows(StoreException.class, () -> KeyFile.load(file));
        assertTrue(e.getMessage().startsWith("the key file `" + file + "` cannot be used: it cannot be created: "), e.getMessage());
    }

    @Test
    void sealsDependOnTheKeyAndThePurpose() {
        UserKey a = UserKey.of(new byte[UserKey.LENGTH]);
        byte[] other = new byte[UserKey.LENGTH];
        other[0] = 1;
        UserKey b = UserKey.of(other);
        String seal = a.seal(UserKey.Purpose.EVENT, "{}");
        assertTrue(UserKey.isSeal(seal), seal);
        assertTrue(a.sealed(UserKey.Purpose.EVENT, "{}", seal));
        assertTrue(!b.sealed(UserKey.Purpose.EVENT, "{}", seal), "another key");
        assertTrue(!a.sealed(UserKey.Purpose.CACHE_ENTRY, "{}", seal), "another purpose");
        assertTrue(!a.sealed(UserKey.Purpose.EVENT, "{ }", seal), "another text");
        assertTrue(!a.sealed(UserKey.Purpose.EVENT, "{}", null));
        assertNotEquals(a.id(), b.id());
    }

    private static List<String> listing(Path directory) throws IOException {
        try (var files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
