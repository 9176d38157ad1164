package dev.lumen.runtime.tools.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lumen.runtime.tools.ToolFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolCommandTest {
    @TempDir
    Path root;
    Path toolDir;
    Path bin;

    @BeforeEach
    void layout() throws IOException {
        toolDir = Files.createDirectories(root.resolve("tool"));
        bin = Files.createDirectories(root.resolve("bin"));
        for (Path p : new Path[] {bin.resolve("stats"), toolDir.resolve("stats"), toolDir.resolve("run")}) {
            Files.writeString(p, "#!/bin/sh\n");
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.writeString(root.resolve("stats"), "not executable");
    }

    @Test
    void aBareNameIsLookedUpOnPathNotInTheToolsDirectory() {
        ToolCommand stats = new ToolCommand("stats", toolDir);
        assertEquals(bin.resolve("stats"), stats.executable(root + ":" + bin));
        assertEquals("the command `run` is not on PATH",
                assertThrows(ToolFailure.class, () -> new ToolCommand("run", toolDir).executable(bin.toString()))
                        .getMessage());
        assertEquals("the command `stats` is not on PATH",
                assertThrows(ToolFailure.class, () -> stats.executable(null)).getMessage());
    }

    @Test
    void aCommandWithASlashIsReadAgainstTheToolsDirectory() {
        assertEquals(toolDir.resolve("run"), new ToolCommand("./run", toolDir).executable(bin.toString()));
        assertEquals(bin.resolve("stats"), new ToolCommand("../bin/stats", toolDir).executable(null));
        assertEquals(bin.resolve("stats"), new ToolCommand(bin.resolve("stats").toString(), toolDir).executable(null));
    }
}
