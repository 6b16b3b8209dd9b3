package picnet.deploy.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picnet.worker.training.CheckpointExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a training checkpoint's networks as a servable picnet model directory.")
final class ExportCommand implements Callable<Integer> {
    @Option(names = "--checkpoint", required = true, description = "A checkpoint file, or a run directory (its newest checkpoint).")
    Path checkpoint;

    @Mixin
    ModelOutputOptions output;

    @Option(names = "--average", defaultValue = "1", description = "Export the mean weights of the newest N checkpoints up to "
            + "--checkpoint instead of the last one's (default: ${DEFAULT-VALUE}).")
    int average;

    @Override
    public Integer call() {
        String modelName = output.modelName();
        long step = average == 1 ? CheckpointExport.export(checkpoint, output.to, modelName, output.dtype())
                : CheckpointExport.exportAverage(checkpoint, average, output.to, modelName, output.dtype());
        System.out.println("wrote model '" + modelName + "' (trained " + step + " steps) to " + output.to);
        return 0;
    }
}
