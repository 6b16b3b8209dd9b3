package picnet.worker.evaluation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picnet.common.fill.DiffusionFill;
import picnet.common.fill.MeanColourFill;
import picnet.common.images.ImageFiles;
import picnet.common.images.ImageLimits;
import picnet.common.images.ImageResize;
import picnet.common.images.RgbImage;
import picnet.common.masks.Box;
import picnet.common.masks.HoleMask;
import picnet.common.masks.MaskGenerator;
import picnet.common.masks.MaskKind;
import picnet.common.metrics.Diversity;
import picnet.common.metrics.HoleL1ByDistance;
import picnet.common.metrics.ImageScores;
import picnet.common.metrics.PixelMetrics;
import picnet.worker.sampling.Completer;
import picnet.worker.sampling.CompletionRequest;
import picnet.worker.sampling.SampleListener;
import picnet.worker.sampling.ScoredSample;

/**
 * Completes every image of a test set with a model and with two non-learned baselines, and measures
 * them the way the PICNet paper does (see {@link ImageScores}, {@link Diversity}).
 *
 * <p>Each image is cropped to its centred square and resized to {@code options.size()} (the paper's
 * 256x256 by default), so every measure is on the whole image of that size. A model of another size
 * completes it as a served request: the {@link picnet.worker.sampling.SizeStrategy#AUTO} strategy fits
 * the hole's window to the model and pastes the result back, known pixels untouched. For image
 * {@code i} (in the sorted order of {@code ImageSources}) and each mask kind, the mask is
 * {@code MaskGenerator.generate(kind, size, size, seed + i)} and the model's sampling seed is also
 * {@code seed + i}: a run is repeatable. The model draws {@code samples} completions and keeps the
 * {@code top} best by its discriminator; measures are taken over those kept samples. The baselines
 * ({@link MeanColourFill}, {@link DiffusionFill}) give one deterministic result each.
 *
 * <p>Diversity inside the hole, over all pairs of kept samples: L1 on the hole pixels, 1 - MS-SSIM on
 * the hole's bounding box, and LPIPS on that box grown to at least {@link #LPIPS_MIN_SIDE} pixels a
 * side (LPIPS networks need some context) when an LPIPS network is given. Each method's reported result
 * also has its hole L1 split by distance from the hole's edge ({@link HoleL1ByDistance}).
 */
public final class Evaluator {
    public static final String MODEL = "model";
    public static final String MEAN_FILL = "meanFill";
    public static final String DIFFUSION_FILL = "diffusionFill";
    public static final int LPIPS_MIN_SIDE = 32;
    static final int MIN_SIZE = 32;
    static final int MAX_SIZE = 2048;

    /**
     * @param examples how many (image, mask) pairs, the first ones, get pictures in the report
     * @param size the side of the square images measured
     */
    public record Options(List<MaskKind> masks, int samples, int top, long seed, int examples, int size) {
        public static final int PAPER_SIZE = 256;

        public Options {
            if (masks.isEmpty()) {
                throw new IllegalArgumentException("no mask kinds to evaluate");
            }
            if (samples < 1 || samples > CompletionRequest.MAX_SAMPLES) {
                throw new IllegalArgumentException("samples must be in 1.." + CompletionRequest.MAX_SAMPLES + ", got " + samples);
            }
            if (top < 1 || top > samples) {
                throw new IllegalArgumentException("top must be in 1.." + samples + ", got " + top);
            }
            if (size < MIN_SIZE || size > MAX_SIZE) {
                throw new IllegalArgumentException("size must be in " + MIN_SIZE + ".." + MAX_SIZE + ", got " + size);
            }
            if (examples < 0) {
                throw new IllegalArgumentException("examples must not be negative, got " + examples);
            }
            masks = List.copyOf(masks);
        }
    }

    /** Hears after each (image, mask) pair. */
    public interface Progress {
        void onImage(ImageResult result, int done, int total);

        Progress NONE = (result, done, total) -> {};
    }

    private final Completer completer;
    private final Lpips lpips;
    private final Options options;

    /** @param lpips null to leave LPIPS out */
    public Evaluator(Completer completer, Lpips lpips, Options options) {
        this.completer = completer;
        this.lpips = lpips;
        this.options = options;
    }

    /** Evaluates every file, writes {@code report.json}, {@code report.html} and example pictures under {@code out}. */
    public EvaluationReport run(List<Path> files, Path out, String modelName, Progress progress) {
        int size = options.size();
        ReportWriter writer = new ReportWriter(out);
        List<ImageResult> results = new ArrayList<>();
        List<ReportWriter.Example> examples = new ArrayList<>();
        int total = files.size() * options.masks().size();
        for (int i = 0; i < files.size(); i++) {
            RgbImage truth = prepare(ImageFiles.read(files.get(i), ImageLimits.DEFAULT), size);
            for (MaskKind kind : options.masks()) {
                long seed = options.seed() + i;
                HoleMask mask = MaskGenerator.generate(kind, size, size, seed);
                Completed done = evaluateOne(truth, mask, seed);
                ImageResult result = new ImageResult(i, files.get(i).toString(), kind, seed,
                        1 - mask.knownFraction(), PixelMetrics.tv(truth), done.methods());
                results.add(result);
                if (examples.size() < options.examples()) {
                    examples.add(writer.writeExample(result, truth, mask, done.pictures()));
                }
                progress.onImage(result, results.size(), total);
            }
        }
        EvaluationReport report = new EvaluationReport(modelName, size, completer.modelSize(), options, lpips != null, results, examples);
        writer.write(report);
        return report;
    }

    private record Completed(Map<String, MethodScores> methods, Map<String, List<RgbImage>> pictures) {}

    private Completed evaluateOne(RgbImage truth, HoleMask mask, long seed) {
        RgbImage masked = MeanColourFill.fill(truth, mask);
        List<ScoredSample> ranked = completer.complete(
                new CompletionRequest(masked, mask, options.samples(), options.top(), seed), SampleListener.NONE, () -> false);
        List<RgbImage> kept = ranked.stream().map(ScoredSample::image).toList();
        List<ImageScores> scores = kept.stream().map(s -> ImageScores.of(s, truth, mask)).toList();
        int best = ImageScores.bestIndex(scores);
        MethodScores model = new MethodScores(kept.size(), best + 1, scores.get(best), ImageScores.mean(scores),
                Diversity.pairwiseL1(kept, mask), Diversity.pairwiseMsSsimDistance(kept, mask), lpipsDiversity(kept, mask),
                HoleL1ByDistance.of(kept.get(best), truth, mask));
        RgbImage diffusion = DiffusionFill.fill(masked, mask);
        Map<String, MethodScores> methods = new LinkedHashMap<>();
        methods.put(MODEL, model);
        methods.put(MEAN_FILL, single(masked, truth, mask));
        methods.put(DIFFUSION_FILL, single(diffusion, truth, mask));
        Map<String, List<RgbImage>> pictures = new LinkedHashMap<>();
        List<RgbImage> modelPictures = new ArrayList<>();
        modelPictures.add(kept.get(best));
        modelPictures.addAll(kept.subList(0, Math.min(3, kept.size())));
        pictures.put(MODEL, modelPictures);
        pictures.put(MEAN_FILL, List.of(masked));
        pictures.put(DIFFUSION_FILL, List.of(diffusion));
        return new Completed(methods, pictures);
    }

    private static MethodScores single(RgbImage result, RgbImage truth, HoleMask mask) {
        return MethodScores.single(ImageScores.of(result, truth, mask), HoleL1ByDistance.of(result, truth, mask));
    }

    private Double lpipsDiversity(List<RgbImage> kept, HoleMask mask) {
        if (lpips == null) {
            return null;
        }
        Box box = mask.holeBounds();
        int grow = Math.max(0, (LPIPS_MIN_SIDE - Math.min(box.width(), box.height()) + 1) / 2);
        Box region = box.expand(grow, mask.width(), mask.height());
        return Diversity.meanPairwise(kept, (a, b) -> lpips.distance(a.crop(region), b.crop(region)));
    }

    /** The centred square of the image (the larger side trimmed evenly), resized to size x size. */
    public static RgbImage prepare(RgbImage image, int size) {
        int side = Math.min(image.width(), image.height());
        int x0 = (image.width() - side) / 2;
        int y0 = (image.height() - side) / 2;
        RgbImage square = side == image.width() && side == image.height() ? image
                : image.crop(new Box(x0, y0, x0 + side, y0 + side));
        return ImageResize.resize(square, size, size);
    }
}
