package dev.lumen.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code lumen train-startup} (hidden): the workload bin/lumen runs once after each build, with
 * {@code -XX:AOTCacheOutput}, to record the fast JVM's start-up cache. It checks a document with errors and one
 * without (and that the latter is formatted), and runs cells of a small program to a result (twice: tools run,
 * then come from the cache) and to a runtime error, so that the classes of {@code check}, {@code fmt} and of a short
 * traced {@code run} are all in the cache.
 * Its traces go to a store in a temporary directory, deleted afterwards. Output is discarded; the status is 0 when every
 * step behaved as expected, so a broken training shows up as a failed recording.
 */
@Command(name = "train-startup", hidden = true,
        description = "Record the start-up cache's workload (used by bin/lumen after a build).")
final class TrainCommand implements Callable<Integer> {
    private static final List<String> DOCUMENTS = List.of("program.lm.md", "errors.lm.md");

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Path dir = Files.createTempDirectory("lumen-training");
        try {
            for (String name : DOCUMENTS) {
                try (InputStream in = TrainCommand.class.getResourceAsStream("training/" + name)) {
                    Files.copy(in, dir.resolve(name));
                }
            }
            String program = dir.resolve("program.lm.md").toString();
            boolean expected = step(ExitCodes.OK, "check", program)
                    & step(ExitCodes.ERRORS, "check", "--color=always", dir.resolve("errors.lm.md").toString())
                    & step(ExitCodes.OK, "fmt", "--check", program)
                    & step(ExitCodes.OK, "run", program)
                    & step(ExitCodes.OK, "run", program)
                    & step(ExitCodes.ERRORS, "run", program, "--cell", "fail", "--arg", "n=0");
            return expected ? ExitCodes.OK : ExitCodes.INTERNAL_ERROR;
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(TrainCommand::delete);
            }
        }
    }

    private boolean step(int status, String... args) {
        PrintWriter discard = new PrintWriter(Writer.nullWriter());
        int actual = Main.execute(discard, discard, args);
        if (actual != status) {
            spec.commandLine().getErr().println("lumen train-startup: `lumen " + String.join(" ", args)
                    + "` exited with " + actual + ", not " + status);
        }
        return actual == status;
    }

    private static void delete(Path p) {
        try {
            Files.delete(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
