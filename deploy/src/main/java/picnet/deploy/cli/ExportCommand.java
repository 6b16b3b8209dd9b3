package picnet.deploy.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picnet.worker.checkpoint.Safetensors;
import picnet.worker.training.CheckpointExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a training checkpoint's networks as a servable picnet model directory.")
final class ExportCommand implements Callable<Integer> {
    @Option(names = "--checkpoint", required = true, description = "A checkpoint file, or a run directory (its newest checkpoint).")
    Path checkpoint;

    @Option(names = "--to", required = true, description = "Model directory to write.")
    Path to;

    @Option(names = "--name", description = "Model name (default: the target directory's name).")
    String name;

    @Option(names = "--half", description = "Store the weights in half precision.")
    boolean half;

    @Option(names = "--average", defaultValue = "1", description = "Export the mean weights of the newest N checkpoints up to "
            + "--checkpoint instead of the last one's (default: ${DEFAULT-VALUE}).")
    int average;

    @Override
    public Integer call() {
        String modelName = name != null ? name : to.getFileName().toString();
        Safetensors.Dtype dtype = half ? Safetensors.Dtype.F16 : Safetensors.Dtype.F32;
        long step = average == 1 ? CheckpointExport.export(checkpoint, to, modelName, dtype)
                : CheckpointExport.exportAverage(checkpoint, average, to, modelName, dtype);
        System.out.println("wrote model '" + modelName + "' (trained " + step + " steps) to " + to);
        return 0;
    }
}
