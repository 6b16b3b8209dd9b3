package picnet.deploy.cli;

import java.nio.file.Path;
import picnet.worker.sampling.DiverseSampler;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What a worker serves and how much it takes on. */
public final class WorkerOptions {
    @Option(names = "--models", defaultValue = "models", description = "Directory of model directories to serve (default: ${DEFAULT-VALUE}).")
    Path models;

    @Option(names = "--default-model", description = "Model used when a job names none (default: the first by name).")
    String defaultModel;

    @Option(names = "--capacity", defaultValue = "1", description = "Jobs this worker runs at once (default: ${DEFAULT-VALUE}).")
    int capacity;

    @Option(names = "--batch", defaultValue = "" + DiverseSampler.DEFAULT_BATCH, description = "Samples per forward (default: ${DEFAULT-VALUE}).")
    int batch;

    @Mixin
    DeviceOption device;
}
