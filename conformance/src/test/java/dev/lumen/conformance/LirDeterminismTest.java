package dev.lumen.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Compiling the same document in two separate JVMs yields byte-identical LIR: hash iteration order,
 * identity hash codes or anything else that varies between processes must not reach the output.
 */
class LirDeterminismTest {

    @Test
    void everyCorpusDocumentCompilesToTheSameLirInAnotherJvm() throws IOException, InterruptedException {
        Path corpus = Path.of("corpus").toAbsolutePath();
        Map<String, String> here = LirHashes.of(corpus);
        assertTrue(here.size() >= 60, "only " + here.size() + " corpus documents compile");

        Process other = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:+UnlockExperimentalVMOptions", "-XX:hashCode=2", // another identity-hash scheme
                "-cp", System.getProperty("java.class.path"),
                LirHashes.class.getName(), corpus.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String output = new String(other.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(other.waitFor(120, TimeUnit.SECONDS), "the second JVM did not finish");
        assertEquals(0, other.exitValue(), "the second JVM failed");

        Map<String, String> there = new TreeMap<>();
        for (String line : output.split("\n")) {
            if (!line.isBlank()) {
                int space = line.lastIndexOf(' ');
                there.put(line.substring(0, space), line.substring(space + 1));
            }
        }
        assertEquals(here, there);
    }
}
