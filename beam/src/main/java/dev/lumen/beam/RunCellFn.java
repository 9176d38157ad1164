package dev.lumen.beam;

import dev.lumen.launcher.batch.BatchJob;
import dev.lumen.launcher.batch.BatchResult;
import dev.lumen.launcher.batch.CellRunner;
import dev.lumen.runtime.host.Host;
import dev.lumen.runtime.store.Store;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;

/**
 * The batch's cell on one input per element: a {@link CellRunner.Worker} per instance (Beam gives each thread of a
 * worker its own), on the worker JVM's one engine ({@link WorkerEngines}), its runs in the job's store under the
 * job's variables. The output is the result's line (BatchResult's JSON).
 */
final class RunCellFn extends DoFn<KV<Integer, String>, String> {
    private static final long serialVersionUID = 1L;
    private final BatchJob job;
    private transient Host host;
    private transient CellRunner.Worker worker;

    RunCellFn(BatchJob job) {
        this.job = job;
    }

    @Setup
    public void setup() throws Exception {
        host = new Host(Path.of(job.root()), job.environment(), InputStream.nullInputStream(), System.err);
        worker = Host.with(host, () -> {
            Store store = Store.named(job.storeAddress(), Path.of(job.root()));
            CellRunner runner = new CellRunner(WorkerEngines.engine(job.docHash()), job.source(), job.options(), store,
                    job.docHash(), job.cell(), System.err);
            return runner.worker(job.parameters());
        });
    }

    @ProcessElement
    public void process(@Element KV<Integer, String> input, OutputReceiver<String> out) throws Exception {
        Optional<BatchResult> result = Host.with(host, () -> worker.run(input.getKey(), input.getValue(), () -> false));
        out.output(result.orElseThrow(() -> new IllegalStateException("the run of line " + input.getKey()
                + " was cancelled")).json());
    }

    @Teardown
    public void teardown() {
        if (worker != null) {
            worker.close();
        }
    }
}
