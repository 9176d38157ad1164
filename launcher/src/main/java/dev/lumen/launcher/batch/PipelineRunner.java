package dev.lumen.launcher.batch;

import java.util.List;

/**
 * A runner of batches on an engine of distributed processing ({@code lumen batch --runner NAME}, run.md §10.1),
 * found by {@link java.util.ServiceLoader} when its module is on the class path: {@code beam}, Apache Beam's.
 */
public interface PipelineRunner {
    /** The name {@code --runner} gives. */
    String name();

    /**
     * Runs {@code job}: every input through the cell, each on a worker with a {@link CellRunner}; returns the
     * results in any order.
     *
     * @param pipelineOptions the runner's own options (Beam's {@code --runner=FlinkRunner} and the like)
     * @throws IllegalArgumentException when the pipeline options are not the runner's
     */
    List<BatchResult> run(BatchJob job, List<String> pipelineOptions) throws Exception;
}
