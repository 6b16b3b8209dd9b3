package picnet.deploy.cli;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import picnet.deploy.launch.ServiceLauncher;
import picnet.worker.jobs.WorkerConfig;
import picnet.worker.sampling.DiverseSampler;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What a worker serves, how much it takes on, and whether and where it trains. */
public final class WorkerOptions {
    @Option(names = "--models", defaultValue = "models", description = "Directory of model directories to serve (default: ${DEFAULT-VALUE}).")
    Path models;

    @Option(names = "--default-model", description = "Model used when a job names none (default: the first by name).")
    String defaultModel;

    @Option(names = "--capacity", defaultValue = "1", description = "Jobs this worker runs at once (default: ${DEFAULT-VALUE}).")
    int capacity;

    @Option(names = "--batch", defaultValue = "" + DiverseSampler.DEFAULT_BATCH, description = "Samples per forward (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--runs", defaultValue = "runs",
            description = "Training runs folder: <runs>/<job id>/checkpoints, previews. Put it on shared storage to let another machine resume a run (default: ${DEFAULT-VALUE}).")
    Path runs;

    @Option(names = "--datasets", defaultValue = "datasets",
            description = "Folder that training jobs' relative dataset paths resolve against (default: ${DEFAULT-VALUE}).")
    Path datasets;

    @Option(names = "--no-training", negatable = false,
            description = "Serve completions only: take no training jobs.")
    boolean noTraining;

    @Mixin
    DeviceOption device;

    /**
     * The worker's configuration: Kafka, capacity and these options.
     *
     * @throws IllegalArgumentException for a folder option that names something other than a folder
     */
    JsonObject config(String kafka, int partitions) {
        requireFolder("--runs", runs);
        requireFolder("--datasets", datasets);
        return ServiceLauncher.workerConfig(kafka, capacity, partitions)
                .put(WorkerConfig.WORKER_TRAINING, !noTraining)
                .put(WorkerConfig.WORKER_RUNS_DIR, runs.toAbsolutePath().toString())
                .put(WorkerConfig.WORKER_DATASETS_DIR, datasets.toAbsolutePath().toString());
    }

    private static void requireFolder(String option, Path path) {
        if (Files.exists(path) && !Files.isDirectory(path)) {
            throw new IllegalArgumentException(option + " " + path + ": not a folder");
        }
    }
}
