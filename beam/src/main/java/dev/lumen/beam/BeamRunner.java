package dev.lumen.beam;

import dev.lumen.launcher.batch.BatchJob;
import dev.lumen.launcher.batch.BatchResult;
import dev.lumen.launcher.batch.PipelineRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;

/**
 * {@code lumen batch --runner beam} (run.md §10.1): the inputs as a Beam pipeline's elements, each run by
 * {@link RunCellFn} on a worker, the results' lines written by {@code TextIO} to a temporary folder and read back.
 * The pipeline runs where its options say, as any Beam pipeline's: the direct runner by default,
 * {@code --runner=FlinkRunner} (with {@code --flinkMaster=[local]}, an embedded Flink cluster), or any other runner
 * on the class path. The runs go to the job's store, which workers elsewhere reach only when it is a bucket.
 */
public final class BeamRunner implements PipelineRunner {
    @Override
    public String name() {
        return "beam";
    }

    @Override
    public List<BatchResult> run(BatchJob job, List<String> pipelineOptions) throws Exception {
        PipelineOptions options = PipelineOptionsFactory.fromArgs(pipelineOptions.toArray(String[]::new))
                .withValidation().create();
        options.setJobName("lumen-batch-" + job.cell().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "-"));
        Path results = Files.createTempDirectory("lumen-batch-");
        try {
            List<KV<Integer, String>> elements = new ArrayList<>();
            for (BatchJob.Line line : job.inputs()) {
                elements.add(KV.of(line.number(), line.text()));
            }
            Pipeline pipeline = Pipeline.create(options);
            pipeline.apply("inputs", Create.of(elements).withCoder(KvCoder.of(VarIntCoder.of(), StringUtf8Coder.of())))
                    .apply("run " + job.cell(), ParDo.of(new RunCellFn(job)))
                    .apply("results", TextIO.write().to(results.resolve("part").toString()).withSuffix(".jsonl"));
            PipelineResult.State state = pipeline.run().waitUntilFinish();
            if (state != PipelineResult.State.DONE) {
                throw new IOException("the pipeline ended " + state);
            }
            return read(results);
        } finally {
            delete(results);
        }
    }

    private static List<BatchResult> read(Path folder) throws IOException {
        List<BatchResult> results = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".jsonl")).sorted().toList()) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        results.add(BatchResult.of(line));
                    }
                }
            }
        }
        return results;
    }

    private static void delete(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
