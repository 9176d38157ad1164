package dev.lumen.conformance.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fuzz test of the whole pipeline ({@link PipelineFuzzer}): 20,000 mutated inputs across {@code check},
 * {@code emit} and {@code run}, and not one internal error or Java stack trace.
 *
 * <p>System properties choose a longer session ({@code conformance/fuzz N} passes them):
 * <ul>
 *   <li>{@code lumen.fuzz.inputs} (20000), {@code lumen.fuzz.seed} (the session, 16);
 *   <li>{@code lumen.fuzz.seeds=S1,S2,…}: reproduce those inputs only, each described on standard output;
 *   <li>{@code lumen.fuzz.limit.ms} (250), the watchdog's limit for one command;
 *   <li>{@code lumen.fuzz.depth} (400), the deepest nesting a mutation generates (brackets, prefix operators,
 *       blocks, member chains, repeated openers). The parser and checker recurse, and overflow a thread's stack
 *       somewhere past 1,000 levels until they refuse nesting beyond a documented limit; once they do, raise this
 *       past that limit;
 *   <li>{@code lumen.fuzz.weights}, of the {@link Command}s in order ({@value #WEIGHTS});
 *   <li>{@code lumen.fuzz.minimize} (300): commands spent shrinking the first input of each failure class;
 *   <li>{@code lumen.fuzz.threads} (2, or 1 on one core): workers running inputs side by side.
 * </ul>
 * The figures are printed and written to {@code target/fuzz/report.txt}; failures (each class's minimized input,
 * the original, and a report) to {@code target/fuzz/failures/}.
 */
class PipelineFuzzTest {
    private static final String WEIGHTS = "10,35,5,25,10,15";
    private static final Path WORK = Path.of("target", "fuzz");

    @Test
    void mutatedInputsNeverCrashThePipeline() throws IOException {
        Files.createDirectories(WORK);
        List<Long> seeds = Arrays.stream(System.getProperty("lumen.fuzz.seeds", "").split(","))
                .filter(s -> !s.isBlank()).map(s -> Long.parseLong(s.strip())).toList();
        long inputs = Long.getLong("lumen.fuzz.inputs", 20_000);
        PipelineFuzzer.Settings settings = new PipelineFuzzer.Settings(
                Long.getLong("lumen.fuzz.seed", 16),
                inputs,
                seeds,
                Duration.ofMillis(Long.getLong("lumen.fuzz.limit.ms", 250)),
                Integer.getInteger("lumen.fuzz.depth", 400),
                Arrays.stream(System.getProperty("lumen.fuzz.weights", WEIGHTS).split(",")).mapToInt(w -> Integer.parseInt(w.strip())).toArray(),
                Integer.getInteger("lumen.fuzz.minimize", 300),
                Integer.getInteger("lumen.fuzz.threads", Math.min(2, Runtime.getRuntime().availableProcessors())),
                WORK,
                System.out,
                Duration.ofSeconds(60));
        Figures figures = new PipelineFuzzer(settings).fuzz();
        String report = figures.report();
        System.out.println(report);
        Files.writeString(WORK.resolve("report.txt"), report);
        assertEquals(0, figures.failures().size(), report);
        if (seeds.isEmpty()) {
            assertEquals(inputs, figures.inputs());
            // not vacuous: every command is exercised, and mutated programs still run to the end
            for (Command c : Command.values()) {
                assertTrue(figures.count(c) > 0, () -> "no " + c.label() + " inputs\n" + report);
            }
            assertTrue(figures.count(Verdict.OK) > inputs / 50, () -> "hardly an input works any more\n" + report);
            assertTrue(figures.count(Verdict.RUNTIME_ERROR) > 0, () -> "no run failed at run time\n" + report);
        }
    }
}
