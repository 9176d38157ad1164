package dev.lumen.runtime.tools.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.lumen.runtime.policy.PolicyViolation;
import dev.lumen.runtime.tools.ToolFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadFileTest {
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

    @Test
    void readsUtf8TextByRelativeAndAbsolutePath() throws IOException {
        Files.writeString(data.resolve("a.txt"), "héllo, 世界 🌍\n");
        assertEquals("héllo, 世界 🌍\n", granted().read("data/a.txt"));
        assertEquals("héllo, 世界 🌍\n", granted().read(data.resolve("a.txt").toString()));
        assertEquals("héllo, 世界 🌍\n", granted().read("./data/a.txt"));
        assertEquals("héllo, 世界 🌍\n", FsCalls.in(doc).granting(data.toString()).read("data/a.txt"));
    }

    @Test
    void readsAnEmptyFileAndKeepsAByteOrderMark() throws IOException {
        Files.write(data.resolve("empty.txt"), new byte[0]);
        Files.write(data.resolve("bom.txt"), new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'x'});
        assertEquals("", granted().read("data/empty.txt"));
        assertEquals("\uFEFFx", granted().read("data/bom.txt"));
    }

    @Test
    void followsLinksThatStayInsideTheGrant() throws IOException {
        Files.writeString(data.resolve("a.txt"), "real");
        Files.createDirectories(data.resolve("sub"));
        Files.createSymbolicLink(data.resolve("sub/alias.txt"), Path.of("../a.txt"));
        assertEquals("real", granted().read("data/sub/alias.txt"));
        Files.createSymbolicLink(doc.resolve("shortcut"), data);
        assertEquals("real", FsCalls.in(doc).granting("shortcut").read("data/a.txt"));
        assertEquals("real", granted().read("shortcut/a.txt"));
    }

    @Test
    void aFileOfExactlyTheLimitIsRead() throws IOException {
        Files.writeString(data.resolve("ten.txt"), "0123456789");
        assertEquals("0123456789", granted().maxResponseBytes(10).read("data/ten.txt"));
        PolicyViolation over = assertThrows(PolicyViolation.class, () -> granted().maxResponseBytes(9).read("data/ten.txt"));
        assertEquals("max_response_bytes", over.clause());
        assertEquals("`data/ten.txt` holds more than 9 bytes", over.getMessage());
    }

    @Test
    void theDefaultLimitIsSixteenMebibytes() throws IOException {
        Path big = data.resolve("big.txt");
        Files.write(big, new byte[(int) ReadFile.DEFAULT_MAX_BYTES]);
        assertEquals(ReadFile.DEFAULT_MAX_BYTES, granted().read("data/big.txt").length());
        Files.write(big, new byte[] {'x'}, StandardOpenOption.APPEND);
        PolicyViolation over = assertThrows(PolicyViolation.class, () -> granted().read("data/big.txt"));
        assertEquals("`data/big.txt` holds more than 16777216 bytes (the default max_response_bytes)", over.getMessage());
    }

    @Test
    void invalidUtf8IsAToolFailureNamingTheByte() throws IOException {
        Files.write(data.resolve("latin1.txt"), "caf".getBytes(StandardCharsets.US_ASCII));
        Files.write(data.resolve("latin1.txt"), new byte[] {(byte) 0xE9, '!'}, StandardOpenOption.APPEND);
        ToolFailure f = assertThrows(ToolFailure.class, () -> granted().read("data/latin1.txt"));
        assertEquals("`data/latin1.txt` is not UTF-8 text: invalid byte 0xe9 at offset 3", f.getMessage());
        Files.write(data.resolve("cut.txt"), new byte[] {'a', (byte) 0xE2, (byte) 0x82});
        assertEquals("`data/cut.txt` is not UTF-8 text: invalid byte 0xe2 at offset 1",
                assertThrows(ToolFailure.class, () -> granted().read("data/cut.txt")).getMessage());
        Files.write(data.resolve("overlong.txt"), new byte[] {(byte) 0xC0, (byte) 0xAF});
        assertThrows(ToolFailure.class, () -> granted().read("data/overlong.txt"));
        Files.write(data.resolve("surrogate.txt"), new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80});
        assertThrows(ToolFailure.class, () -> granted().read("data/surrogate.txt"));
    }

    @Test
    void aMissingFileADirectoryAndASpecialFileAreToolFailures() throws IOException, InterruptedException {
        assertEquals("`data/missing.txt` does not exist",
                assertThrows(ToolFailure.class, () -> granted().read("data/missing.txt")).getMessage());
        assertEquals("`data/no-dir/missing.txt` does not exist",
                assertThrows(ToolFailure.class, () -> granted().read("data/no-dir/missing.txt")).getMessage());
        Files.writeString(data.resolve("a.txt"), "x");
        assertEquals("`data/a.txt/b.txt` cannot be read: not a directory",
                assertThrows(ToolFailure.class, () -> granted().read("data/a.txt/b.txt")).getMessage());
        Files.createDirectories(data.resolve("sub"));
        assertEquals("`data/sub` is a directory, not a file",
                assertThrows(ToolFailure.class, () -> granted().read("data/sub")).getMessage());
        assertEquals("`data` is a directory, not a file",
                assertThrows(ToolFailure.class, () -> granted().read("data")).getMessage());
        Process mkfifo = new ProcessBuilder("mkfifo", data.resolve("pipe").toString()).start();
        assumeTrue(mkfifo.waitFor(5, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo is not available");
        assertEquals("`data/pipe` is not a regular file",
                assertThrows(ToolFailure.class, () -> granted().read("data/pipe")).getMessage());
    }

    @Test
    void anUnreadableFileIsAToolFailure() throws IOException {
        Path locked = Files.writeString(data.resolve("locked.txt"), "x");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        assumeTrue(!Files.isReadable(locked), "running as a user who reads every file (root)");
        assertEquals("`data/locked.txt` cannot be read: permission denied",
                assertThrows(ToolFailure.class, () -> granted().read("data/locked.txt")).getMessage());
    }

    @Test
    void badPathInputsAreToolFailures() {
        assertEquals("input `path` is empty", assertThrows(ToolFailure.class, () -> granted().read("")).getMessage());
        assertEquals("input `path` contains a NUL character",
                assertThrows(ToolFailure.class, () -> granted().read("data/a.txt\0.png")).getMessage());
        assertEquals("input `path` must be a String", assertThrows(ToolFailure.class,
                () -> granted().call("fs.read", JsonNodeFactory.instance.objectNode().put("path", 3))).getMessage());
    }
}
