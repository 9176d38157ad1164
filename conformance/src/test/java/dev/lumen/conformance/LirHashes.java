package dev.lumen.conformance;

import dev.lumen.language.Compilation;
import dev.lumen.language.FrontEnd;
import dev.lumen.language.source.SourceFile;
import dev.lumen.lir.format.LirJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The hash of the canonical LIR of every corpus document that compiles, keyed by its path. Run as a main
 * program in a second JVM, it prints one `path hash` line per document, so a test can compare two JVMs.
 */
public final class LirHashes {
    private LirHashes() {
    }

    static Map<String, String> of(Path corpus) {
        Map<String, String> hashes = new TreeMap<>();
        try (Stream<Path> files = Files.walk(corpus)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".lm.md")).sorted().toList()) {
                String name = corpus.relativize(p).toString().replace('\\', '/');
                Compilation c = FrontEnd.compile(new SourceFile(name, Files.readString(p)));
                if (c.module() != null) {
                    hashes.put(name, LirJson.hash(c.module()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return hashes;
    }

    public static void main(String[] args) {
        of(Path.of(args[0])).forEach((name, hash) -> System.out.println(name + " " + hash));
    }
}
