package picnet.deploy.cli;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picnet.worker.model.ModelLoader;
import picnet.worker.model.PicnetNetworks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Convert the authors' checkpoints (latest_net_{E,G,D}.pth, legacy or zip) into a picnet model directory.")
final class ImportCommand implements Callable<Integer> {
    @Option(names = "--from", required = true, description = "Directory with latest_net_E.pth, latest_net_G.pth, latest_net_D.pth.")
    Path from;

    @Mixin
    ModelOutputOptions output;

    @Option(names = "--size", defaultValue = "256", description = "Image size the checkpoints were trained at (default: ${DEFAULT-VALUE}).")
    int size;

    @Override
    public Integer call() {
        try (PicnetNetworks nets = ModelLoader.load(from, Device.cpu(), size)) {
            ModelLoader.save(nets, output.to, output.modelName(), output.dtype(),
                    Map.of("importedFrom", from.toAbsolutePath().toString()));
            System.out.println("wrote model '" + output.modelName() + "' to " + output.to);
        }
        return 0;
    }
}
