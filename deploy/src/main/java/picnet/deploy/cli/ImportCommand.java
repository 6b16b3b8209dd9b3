package picnet.deploy.cli;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picnet.worker.checkpoint.Safetensors;
import picnet.worker.model.ModelLoader;
import picnet.worker.model.PicnetNetworks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Convert the authors' checkpoints (latest_net_{E,G,D}.pth, legacy or zip) into a picnet model directory.")
final class ImportCommand implements Callable<Integer> {
    @Option(names = "--from", required = true, description = "Directory with latest_net_E.pth, latest_net_G.pth, latest_net_D.pth.")
    Path from;

    @Option(names = "--to", required = true, description = "Model directory to write (e.g. models/celeba).")
    Path to;

    @Option(names = "--name", description = "Model name (default: the target directory's name).")
    String name;

    @Option(names = "--size", defaultValue = "256", description = "Image size the checkpoints were trained at (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--half", description = "Store the weights in half precision (about half the size on disk).")
    boolean half;

    @Override
    public Integer call() {
        try (PicnetNetworks nets = ModelLoader.load(from, Device.cpu(), size)) {
            String modelName = name != null ? name : to.getFileName().toString();
            ModelLoader.save(nets, to, modelName, half ? Safetensors.Dtype.F16 : Safetensors.Dtype.F32,
                    Map.of("importedFrom", from.toAbsolutePath().toString()));
            System.out.println("wrote model '" + modelName + "' to " + to);
        }
        return 0;
    }
}
