package dev.lumen.lsp.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the installation the server runs from, and how its commands start lumen. */
class InstallationTest {
    @TempDir
    Path dir;

    @Test
    void theInstallationIsTheFirstDirectoryAboveTheCodeWithTheCatalogue() throws IOException {
        Files.createDirectories(dir.resolve("docs/spec"));
        Files.writeString(dir.resolve("docs/spec/diagnostics.md"), "# catalogue\n");
        Path jar = Files.createDirectories(dir.resolve("launcher/target/lib")).resolve("lumen-launcher.jar");
        Files.writeString(jar, "");
        Installation found = Installation.containing(jar);
        assertEquals(dir, found.root());
        assertEquals(dir.resolve("docs/spec/diagnostics.md"), found.diagnosticsCatalogue());
        assertEquals(Optional.empty(), found.script(), "no bin/lumen yet");
        Path script = Files.createDirectories(dir.resolve("bin")).resolve("lumen");
        Files.writeString(script, "#!/bin/sh\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        assertEquals(Optional.of(script), Installation.containing(jar).script());
    }

    @Test
    void codeOutsideAnInstallationHasNone() throws IOException {
        Path jar = Files.writeString(dir.resolve("lonely.jar"), "");
        assertNull(Installation.containing(jar).root());
        assertNull(Installation.containing(jar).diagnosticsCatalogue());
    }

    @Test
    void thisModulesClassesSitInTheRepository() {
        Installation here = Installation.of(Installation.class);
        assertEquals(Path.of("..").toAbsolutePath().normalize(), here.root());
    }

    @Test
    void aScriptRunsWithoutRebuildingAndTheJvmFallbackCopiesThisJvm() {
        LumenExecutable script = LumenExecutable.script(Path.of("/opt/lumen/bin/lumen"));
        assertEquals(List.of("/opt/lumen/bin/lumen", "run", "x"), script.commandLine(List.of("run", "x")));
        assertEquals(Map.of("LUMEN_BUILD", "0"), script.environment());
        LumenExecutable jvm = LumenExecutable.currentJvm("dev.example.Main");
        List<String> line = jvm.commandLine(List.of("run"));
        assertTrue(line.getFirst().endsWith("java"), line.toString());
        assertEquals(List.of("-cp", System.getProperty("java.class.path"), "dev.example.Main", "run"),
                line.subList(line.size() - 4, line.size()));
        assertTrue(line.stream().noneMatch(a -> a.startsWith("-agentlib:") || a.startsWith("-javaagent:")),
                line.toString());
    }
}
