package picnet.deploy.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import me.tongfei.progressbar.ProgressBar;
import picnet.common.images.ImageFiles;
import picnet.common.images.ImageLimits;
import picnet.common.images.RgbImage;
import picnet.common.masks.HoleMask;
import picnet.common.masks.MaskFiles;
import picnet.common.masks.MaskGenerator;
import picnet.common.masks.MaskKind;
import picnet.worker.model.ModelLoader;
import picnet.worker.sampling.CompletionRequest;
import picnet.worker.sampling.CompletionWriter;
import picnet.worker.sampling.DiverseSampler;
import picnet.worker.sampling.SampleListener;
import picnet.worker.sampling.ScoredSample;
import picnet.worker.sampling.SizeStrategy;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "complete", mixinStandardHelpOptions = true,
        description = "Fill the hole of an image with many different completions and keep the best ranked by the discriminator.")
final class CompleteCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "Model directory (picnet format or the authors' checkpoints).")
    Path model;

    @Option(names = "--image", required = true, description = "PNG or JPEG image.")
    Path image;

    @ArgGroup(exclusive = true, multiplicity = "1")
    MaskSource mask;

    static final class MaskSource {
        @Option(names = "--mask", description = "Mask PNG, white = hole, same size as the image.")
        Path file;

        @Option(names = "--mask-type", description = "Generate a mask: ${COMPLETION-CANDIDATES}.", converter = MaskKindConverter.class)
        MaskKind kind;
    }

    @Option(names = "--samples", defaultValue = "50", description = "Completions to draw, 1..100 (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--top", defaultValue = "10", description = "Best completions to keep (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--seed", description = "Seed; the same seed gives the same completions (default: random, printed).")
    Long seed;

    @Option(names = "--strategy", defaultValue = "auto", converter = SizeStrategyConverter.class,
            description = "How an image of another size than the model's is fitted to it: auto, resize (the whole image),"
                    + " crop (a window around the hole) (default: ${DEFAULT-VALUE}).")
    SizeStrategy strategy;

    @Option(names = "--out", required = true, description = "Output directory.")
    Path out;

    @Option(names = "--batch", defaultValue = "" + DiverseSampler.DEFAULT_BATCH, description = "Samples per forward (default: ${DEFAULT-VALUE}).")
    int batch;

    @Mixin
    DeviceOption device;

    @Override
    public Integer call() {
        RgbImage input = ImageFiles.read(image, ImageLimits.DEFAULT);
        long s = seed != null ? seed : ThreadLocalRandom.current().nextLong(1L << 48);
        HoleMask holes = mask.file != null
                ? MaskFiles.read(mask.file, ImageLimits.DEFAULT)
                : MaskGenerator.generate(mask.kind, input.width(), input.height(), s);
        CompletionRequest request = new CompletionRequest(input, holes, samples, Math.min(top, samples), s, strategy);
        List<ScoredSample> ranked;
        try (DiverseSampler sampler = new DiverseSampler(ModelLoader.load(model, device.resolve(), 256), batch);
                ProgressReporter progress = ProgressReporter.create("completing", samples)) {
            ranked = sampler.complete(request, progress, () -> false);
        }
        List<Path> files = CompletionWriter.write(out, request, ranked, model.getFileName().toString());
        System.out.printf("seed %d: wrote %d files to %s (best score %.4f)%n", s, files.size(), out, ranked.get(0).score());
        return 0;
    }

    static final class SizeStrategyConverter implements ITypeConverter<SizeStrategy> {
        @Override
        public SizeStrategy convert(String value) {
            return SizeStrategy.parse(value);
        }
    }
}
