package picnet.deploy.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picnet.worker.model.ModelStorage;
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

    @Option(names = "--compact", description = "Write each weight once, without the alias keys of the authors' state "
            + "dicts: about half the size, and picnet loads it, but the authors' code does not. For moving a model to "
            + "train it elsewhere, e.g. to a GPU host with a limit on what travels.")
    boolean compact;

    @Override
    public Integer call() {
        String modelName = output.modelName();
        ModelStorage storage = new ModelStorage(output.dtype(), !compact);
        long step = average == 1 ? CheckpointExport.export(checkpoint, output.to, modelName, storage)
                : CheckpointExport.exportAverage(checkpoint, average, output.to, modelName, storage);
        System.out.println("wrote model '" + modelName + "' (trained " + step + " steps) to " + output.to);
        return 0;
    }
}
