package picnet.deploy.cli;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picnet.worker.bench.SamplingBenchmark;
import picnet.worker.model.ModelLoader;
import picnet.worker.model.PicnetConfig;
import picnet.worker.model.PicnetNetworks;
import picnet.worker.sampling.DiverseSampler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks.",
        subcommands = {BenchCommand.Sampling.class})
final class BenchCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("picnet bench: name a benchmark: sampling");
        return PicnetCli.BAD_INPUT;
    }

    @Command(name = "sampling", mixinStandardHelpOptions = true,
            description = "Milliseconds per sample of whole completions (encoder once per image, G+D per sample, ranking).")
    static final class Sampling implements Callable<Integer> {
        @Option(names = "--model", description = "Model directory (default: random weights of the released architecture).")
        Path model;

        @Option(names = "--size", defaultValue = "256", description = "Image size for random weights (default: ${DEFAULT-VALUE}).")
        int size;

        @Option(names = "--samples", split = ",", defaultValue = "1,10,50", description = "Sample counts N (default: ${DEFAULT-VALUE}).")
        int[] samples;

        @Option(names = "--repeats", defaultValue = "3", description = "Timed runs per N after one warm-up (default: ${DEFAULT-VALUE}).")
        int repeats;

        @Option(names = "--batch", defaultValue = "" + DiverseSampler.DEFAULT_BATCH, description = "Samples per forward (default: ${DEFAULT-VALUE}).")
        int batch;

        @Mixin
        DeviceOption device;

        @Override
        public Integer call() {
            Device d = device.resolve();
            PicnetNetworks nets = model != null ? ModelLoader.load(model, d, size)
                    : PicnetNetworks.random(PicnetConfig.released(size), d, 1);
            System.out.printf("device %s, engine %s %s, %d intra-op threads, batch %d, size %d%n", d,
                    Engine.getInstance().getEngineName(), Engine.getInstance().getVersion(),
                    Runtime.getRuntime().availableProcessors(), batch, nets.config().size());
            try (DiverseSampler sampler = new DiverseSampler(nets, batch)) {
                List<SamplingBenchmark.Result> results = SamplingBenchmark.run(sampler, samples, repeats, System.err::println);
                System.out.println("N     ms/sample (median)   samples/s");
                for (SamplingBenchmark.Result r : results) {
                    System.out.printf("%-5d %-20.1f %.2f%n", r.samples(), r.medianMsPerSample(), r.samplesPerSecond());
                }
            }
            return 0;
        }
    }
}
