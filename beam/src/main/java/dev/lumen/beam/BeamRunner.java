package dev.lumen.beam;

import dev.lumen.launcher.batch.BatchJob;
import dev.lumen.launcher.batch.BatchResult;
import dev.lumen.launcher.batch.PipelineRunner;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;

/**
 * {@code lumen batch --runner beam} (run.md §10.1): the inputs as a Beam pipeline's elements, each run by
 * {@link RunCellFn} on a worker, the results' lines written by {@code TextIO} under the pipeline's
 * {@code --tempLocation} (a folder here when it has none) and read back.
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
        options.setJobName("lumen-batch-" + job.cell().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "-"));
        FileSystems.setDefaultPipelineOptions(options);
        // the results go where the workers and this process both reach: --tempLocation, else a folder here
        Path here = options.getTempLocation() == null ? Files.createTempDirectory("lumen-batch-") : null;
        String base = here == null ? options.getTempLocation() : here.toString();
        String prefix = base.replaceAll("/+$", "") + "/lumen-results-" + UUID.randomUUID() + "/part";
        try {
            List<KV<Integer, String>> elements = new ArrayList<>();
            for (BatchJob.Line line : job.inputs()) {
                elements.add(KV.of(line.number(), line.text()));
            }
            Pipeline pipeline = Pipeline.create(options);
            pipeline.apply("inputs", Create.of(elements).withCoder(KvCoder.of(VarIntCoder.of(), StringUtf8Coder.of())))
                    .apply("run " + job.cell(), ParDo.of(new RunCellFn(job)))
                    .apply("results", TextIO.write().to(prefix).withSuffix(".jsonl"));
            PipelineResult.State state = pipeline.run().waitUntilFinish();
            if (state != PipelineResult.State.DONE) {
                throw new IOException("the pipeline ended " + state);
            }
            return read(prefix);
        } finally {
            List<ResourceId> written = new ArrayList<>();
            for (MatchResult.Metadata file : FileSystems.match(prefix + "*").metadata()) {
                written.add(file.resourceId());
            }
            // and the folder they were in, on a file system that has folders
            written.add(FileSystems.matchNewResource(prefix, false).getCurrentDirectory());
            FileSystems.delete(written, MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
            if (here != null) {
                Files.deleteIfExists(here);
            }
        }
    }

    private static List<BatchResult> read(String prefix) throws IOException {
        List<BatchResult> results = new ArrayList<>();
        for (MatchResult.Metadata file : FileSystems.match(prefix + "*.jsonl").metadata()) {
            try (BufferedReader reader = new BufferedReader(Channels.newReader(FileSystems.open(file.resourceId()),
                    StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (!line.isBlank()) {
                        results.add(BatchResult.of(line));
                    }
                }
            }
        }
        return results;
    }
}
