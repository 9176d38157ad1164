package dev.lumen.runtime.tools.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.lumen.runtime.tools.ToolFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteFileTest {
    @TempDir
    Path doc;
    Path data;

    @BeforeEach
    void layout() throws IOException {
        data = Files.createDirectories(doc.resolve("data"));
    }

    private FsCalls granted() {
        return FsCalls.in(doc).granting("data");
    }

    private List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void createsAFileAndReturnsNull() throws IOException {
        assertTrue(granted().write("data/new.txt", "héllo 🌍").isNull());
        assertEquals("héllo 🌍", Files.readString(data.resolve("new.txt"), StandardCharsets.UTF_8));
        assertEquals(List.of("new.txt"), names(data), "no temporary file is left behind");
    }

    @Test
    void replacesAFileWholeByRenamingANewOneOverIt() throws IOException {
        Path file = Files.writeString(data.resolve("a.txt"), "a much longer old content");
        Object before = Files.readAttributes(file, "unix:ino").get("ino");
        granted().write("data/a.txt", "new");
        assertEquals("new", Files.readString(file));
        // A new inode: the old file was never opened for writing, so no reader saw it half rewritten.
        assertTrue(!before.equals(Files.readAttributes(file, "unix:ino").get("ino")));
        assertEquals(List.of("a.txt"), names(data));
    }

    @Test
    void writesAFileGrantedByItself() throws IOException {
        FsCalls one = FsCalls.in(doc).granting("data/report.md");
        one.write("data/report.md", "# Report\n");
        assertEquals("# Report\n", Files.readString(data.resolve("report.md")));
        assertEquals("# Report\n", one.read("data/report.md"));
    }

    @Test
    void writesThroughALinkedDirectoryThatStaysInside() throws IOException {
        Files.createDirectories(data.resolve("real"));
        Files.createSymbolicLink(data.resolve("alias"), Path.of("real"));
        granted().write("data/alias/x.txt", "x");
        assertEquals("x", Files.readString(data.resolve("real/x.txt")));
    }

    @Test
    void createsNoDirectories() {
        assertEquals("the directory of `data/sub/x.txt` does not exist (fs.write creates none)",
                assertThrows(ToolFailure.class, () -> granted().write("data/sub/x.txt", "x")).getMessage());
        assertTrue(Files.notExists(data.resolve("sub")));
    }

    @Test
    void refusesDirectoriesAndNamesThatAreNoFile() throws IOException {
        Files.createDirectories(data.resolve("sub"));
        assertEquals("`data/sub` is a directory, not a file",
                assertThrows(ToolFailure.class, () -> granted().write("data/sub", "x")).getMessage());
        assertEquals("`data/.` does not name a file",
                assertThrows(ToolFailure.class, () -> granted().write("data/.", "x")).getMessage());
        assertEquals("`data/sub/..` does not name a file",
                assertThrows(ToolFailure.class, () -> granted().write("data/sub/..", "x")).getMessage());
        Files.writeString(data.resolve("file.txt"), "x");
        assertEquals("the parent of `data/file.txt/x` is not a directory",
                assertThrows(ToolFailure.class, () -> granted().write("data/file.txt/x", "x")).getMessage());
    }

    @Test
    void badInputsAreToolFailures() {
        assertEquals("input `content` must be a String", assertThrows(ToolFailure.class, () -> granted()
                .call("fs.write", JsonNodeFactory.instance.objectNode().put("path", "data/x.txt"))).getMessage());
        assertEquals("input `content` is not valid Unicode text (it holds a lone surrogate)",
                assertThrows(ToolFailure.class, () -> granted().write("data/x.txt", "a\uD800b")).getMessage());
        assertEquals("input `path` is empty", assertThrows(ToolFailure.class, () -> granted().write("", "x")).getMessage());
        assertTrue(Files.notExists(data.resolve("x.txt")));
    }

    @Test
    void aDirectoryThatMayNotBeWrittenIsAToolFailureAndKeepsTheOldFile() throws IOException {
        Path file = Files.writeString(data.resolve("a.txt"), "old");
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeTrue(!Files.isWritable(data), "running as a user who writes every directory (root)");
            assertEquals("`data/a.txt` cannot be written: permission denied",
                    assertThrows(ToolFailure.class, () -> granted().write("data/a.txt", "new")).getMessage());
            assertEquals("old", Files.readString(file));
        } finally {
            Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }
}
