package picnet.deploy.cli;

import ai.djl.Device;
import ai.djl.engine.Engine;
import picocli.CommandLine.Option;

/** {@code --device gpu|cpu|auto}. */
public final class DeviceOption {
    public enum Choice { auto, cpu, gpu }

    @Option(names = "--device", defaultValue = "auto",
            description = "Where the model runs: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}: a GPU if one is usable).")
    Choice device;

    public Device resolve() {
        int gpus = Engine.getInstance().getGpuCount();
        return switch (device) {
            case cpu -> Device.cpu();
            case gpu -> {
                if (gpus == 0) {
                    throw new IllegalArgumentException("--device gpu: no usable GPU (build with -Pgpu on a CUDA machine)");
                }
                yield Device.gpu();
            }
            case auto -> gpus > 0 ? Device.gpu() : Device.cpu();
        };
    }
}
