package picnet.deploy.cli;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picnet.common.images.ImageFiles;
import picnet.common.images.RgbImage;
import picnet.common.masks.HoleMask;
import picnet.common.masks.MaskFiles;
import picnet.common.masks.MaskGenerator;
import picnet.common.masks.MaskKind;
import picnet.gateway.bench.LoadBench;
import picnet.worker.bench.SamplingBenchmark;
import picnet.worker.sampling.CompletionRequest;
import picnet.worker.sampling.SampleListener;
import picnet.worker.model.ModelLoader;
import picnet.worker.model.PicnetConfig;
import picnet.worker.model.PicnetNetworks;
import picnet.worker.model.layers.SpectralMode;
import picnet.worker.sampling.DiverseSampler;
import picnet.worker.sampling.MirrorMargin;
import picnet.worker.training.TrainingBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks.",
        subcommands = {BenchCommand.Sampling.class, BenchCommand.Train.class, BenchCommand.Load.class})
final class BenchCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("picnet bench: name a benchmark: sampling, train, load");
        return PicnetCli.BAD_INPUT;
    }

    @Command(name = "sampling", mixinStandardHelpOptions = true,
            description = "Milliseconds per sample of whole completions (encoder once per image, G+D per sample, "
                    + "D ranking), serving configuration against a baseline in the same process: one z per forward "
                    + "and NCHW (serial), or the serving configuration without the mirrored border (no-border).")
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

        @Option(names = "--layout", defaultValue = "channels-last", description = "Serving memory layout: channels-last or nchw (default: ${DEFAULT-VALUE}).")
        String layout;

        @Option(names = "--mask", defaultValue = "center", converter = MaskKindConverter.class,
                description = "Hole: center, regular or irregular (the generator's draw for seed 0; a hole near the "
                        + "edges is sampled with the mirrored border) (default: ${DEFAULT-VALUE}).")
        MaskKind mask;

        @Option(names = "--baseline", defaultValue = "serial",
                description = "serial (batch 1, NCHW, border as served) or no-border (the serving configuration "
                        + "without the mirrored border) (default: ${DEFAULT-VALUE}).")
        String baselineName;

        @Option(names = "--leak-check", defaultValue = "0", description = "Then draw this many more samples and report resident memory before and after.")
        int leakCheck;

        @Mixin
        DeviceOption device;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Device d = device.resolve();
            PrintWriter out = spec.commandLine().getOut();
            SpectralMode mode = switch (layout) {
                case "channels-last" -> SpectralMode.FROZEN_CHANNELS_LAST;
                case "nchw" -> SpectralMode.FROZEN;
                default -> throw new IllegalArgumentException("--layout must be channels-last or nchw, got " + layout);
            };
            boolean serialBaseline = switch (baselineName) {
                case "serial" -> true;
                case "no-border" -> false;
                default -> throw new IllegalArgumentException("--baseline must be serial or no-border, got " + baselineName);
            };
            try (DiverseSampler candidate = new DiverseSampler(networks(d), batch, mode);
                    DiverseSampler baseline = serialBaseline
                            ? new DiverseSampler(networks(d), 1, SpectralMode.FROZEN)
                            : new DiverseSampler(networks(d), batch, mode, MirrorMargin.NONE)) {
                int borderWidth = candidate.margin().forHole(SamplingBenchmark.mask(mask, candidate.modelSize())).width();
                out.printf("device %s, engine %s %s, %d processors, size %d, %s hole (mirrored border: %s); "
                                + "serving: batch %d, %s; baseline: %s%n",
                        d, Engine.getInstance().getEngineName(), Engine.getInstance().getVersion(),
                        Runtime.getRuntime().availableProcessors(), candidate.modelSize(), mask.id(),
                        borderWidth == 0 ? "none, the hole keeps off the edges" : borderWidth + " px", batch, layout,
                        serialBaseline ? "batch 1, nchw" : "the same without the border");
                List<SamplingBenchmark.Result> results = SamplingBenchmark.compare(candidate, baseline, mask, samples,
                        repeats, System.err::println);
                out.println("N     ms/sample  samples/s  baseline ms/sample  speed-up");
                for (SamplingBenchmark.Result r : results) {
                    out.printf("%-5d %-10.1f %-10.2f %-19.1f %.2fx%n", r.samples(), r.candidateMs(),
                            1000 / r.candidateMs(), r.baselineMs(), r.speedup());
                }
                if (leakCheck > 0) {
                    long[] rss = SamplingBenchmark.residentGrowth(candidate, leakCheck);
                    out.printf("resident memory: %d MiB after the first completion, %d MiB after %d more samples%n",
                            rss[0], rss[1], leakCheck);
                }
            }
            return 0;
        }

        private PicnetNetworks networks(Device d) {
            return model != null ? ModelLoader.load(model, d, size) : PicnetNetworks.random(PicnetConfig.released(size), d, 1);
        }
    }

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Seconds per training step (both paths, D and G steps, Adam) with random weights on a synthetic batch.")
    static final class Train implements Callable<Integer> {
        @Option(names = "--size", defaultValue = "256", description = "Image size (default: ${DEFAULT-VALUE}).")
        int size;

        @Option(names = "--batches", split = ",", defaultValue = "1,4", description = "Batch sizes (default: ${DEFAULT-VALUE}).")
        int[] batches;

        @Option(names = "--repeats", defaultValue = "3", description = "Timed steps per batch size after one warm-up (default: ${DEFAULT-VALUE}).")
        int repeats;

        @Mixin
        DeviceOption device;

        @Override
        public Integer call() {
            Device d = device.resolve();
            System.out.printf("device %s, engine %s %s, %d processors, size %d%n", d, Engine.getInstance().getEngineName(),
                    Engine.getInstance().getVersion(), Runtime.getRuntime().availableProcessors(), size);
            List<TrainingBenchmark.Result> results = TrainingBenchmark.run(d, size, batches, repeats, System.err::println);
            System.out.println("batch  s/step (median)  images/s");
            for (TrainingBenchmark.Result r : results) {
                System.out.printf("%-6d %-16.2f %.2f%n", r.batch(), r.medianSeconds(), r.imagesPerSecond());
            }
            return 0;
        }
    }

    @Command(name = "load", mixinStandardHelpOptions = true,
            description = "Drive a running system through its HTTP/WebSocket API: jobs/s, latency to the first sample and "
                    + "to completion (p50/p95/p99), and the gateway+Kafka overhead against the same sampling run directly.")
    static final class Load implements Callable<Integer> {
        @Option(names = "--gateway", defaultValue = "http://localhost:8080", description = "Gateway URL (default: ${DEFAULT-VALUE}).")
        URI gateway;

        @Option(names = "--clients", defaultValue = "2", description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
        int clients;

        @Option(names = "--jobs", defaultValue = "10", description = "Jobs in all (default: ${DEFAULT-VALUE}).")
        int jobs;

        @Option(names = "--samples", defaultValue = "10", description = "Samples per job (default: ${DEFAULT-VALUE}).")
        int samples;

        @Option(names = "--model", description = "Model name to ask for (default: the gateway's default).")
        String model;

        @Option(names = "--model-dir", description = "The same model's directory, to time the direct run for the overhead figure.")
        Path modelDir;

        @Option(names = "--size", defaultValue = "256", description = "Side of the synthetic test image (default: ${DEFAULT-VALUE}).")
        int size;

        @Override
        public Integer call() throws Exception {
            RgbImage image = SamplingBenchmark.syntheticImage(size);
            HoleMask mask = MaskGenerator.generate(MaskKind.CENTER, size, size, 0);
            LoadBench.Result result = LoadBench.run(new LoadBench.Options(gateway, clients, jobs, samples,
                    ImageFiles.writePng(image), MaskFiles.writePng(mask), model, 7L, Duration.ofMinutes(10)));
            System.out.println(result.describe());
            if (modelDir != null) {
                try (DiverseSampler direct = new DiverseSampler(ModelLoader.load(modelDir, Device.cpu(), size), DiverseSampler.DEFAULT_BATCH)) {
                    CompletionRequest request = new CompletionRequest(image, mask, samples, samples, 7);
                    direct.complete(request, SampleListener.NONE, () -> false);
                    long start = System.nanoTime();
                    direct.complete(request, SampleListener.NONE, () -> false);
                    LoadBench.Overhead o = result.overheadVersus(Duration.ofNanos(System.nanoTime() - start));
                    System.out.printf("  direct run %.0f ms, mean completion %.0f ms: gateway+Kafka overhead %.0f ms (%.1f%%)%n",
                            o.directMs(), o.meanCompletionMs(), o.overheadMs(), 100 * o.overheadFraction());
                }
            }
            return result.failed() == 0 ? 0 : 1;
        }
    }
}
