package picnet.deploy.cli;

import java.nio.file.Path;
import picnet.worker.checkpoint.Safetensors;
import picocli.CommandLine.Option;

/** {@code --to DIR [--name NAME] [--half]}: where a command that makes a model writes it. */
final class ModelOutputOptions {
    @Option(names = "--to", required = true, description = "Model directory to write (e.g. models/NAME).")
    Path to;

    @Option(names = "--name", description = "Model name (default: the target directory's name).")
    String name;

    @Option(names = "--half", description = "Store the weights in half precision (about half the size on disk).")
    boolean half;

    String modelName() {
        return name != null ? name : to.getFileName().toString();
    }

    Safetensors.Dtype dtype() {
        return half ? Safetensors.Dtype.F16 : Safetensors.Dtype.F32;
    }
}
