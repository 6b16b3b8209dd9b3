package picnet.worker.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import picnet.common.masks.MaskKind;
import picnet.common.metrics.ImageScores;

/**
 * The outcome of an evaluation: every image's measures and their means per mask kind and overall.
 *
 * <p>Aggregation: every measure is averaged over the (image, mask) pairs, as the authors average their
 * per-image numbers. A PSNR of +Infinity (a result identical to the truth) cannot be averaged; such
 * images are left out of the PSNR means only and counted in {@code psnrInfinite}. Known pixels equal
 * the truth in every method's result, so an infinite hole PSNR happens exactly when the whole one is.
 */
public record EvaluationReport(String model, int size, int modelSize, Evaluator.Options options, boolean lpips,
        List<ImageResult> images, List<ReportWriter.Example> examples) {
    public static final String ALL = "all";

    /** Means of one method's per-image measures; PSNR over the finite values only (see the class comment). */
    public record Means(double l1, double psnr, double tv, double ssim, double holeL1, double holePsnr,
            int psnrInfinite) {}

    /** One method over a set of images; {@code diversityLpips} is null without an LPIPS network. */
    public record MethodSummary(int images, Means best, Means mean, double diversityL1, double diversityMsSsim,
            Double diversityLpips) {}

    /** Keyed by mask kind id, then {@link #ALL}; inside, by method, in {@link ImageResult#methods()} order. */
    public Map<String, Map<String, MethodSummary>> summary() {
        Map<String, Map<String, MethodSummary>> out = new LinkedHashMap<>();
        for (MaskKind kind : options.masks()) {
            out.put(kind.id(), summarise(r -> r.mask() == kind));
        }
        out.put(ALL, summarise(r -> true));
        return out;
    }

    /** Mean TV of the ground truth images, per mask kind and {@link #ALL}: what a fill's TV may be compared with. */
    public Map<String, Double> truthTv() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (MaskKind kind : options.masks()) {
            out.put(kind.id(), images.stream().filter(r -> r.mask() == kind).mapToDouble(ImageResult::truthTv)
                    .average().orElse(Double.NaN));
        }
        out.put(ALL, images.stream().mapToDouble(ImageResult::truthTv).average().orElse(Double.NaN));
        return out;
    }

    private Map<String, MethodSummary> summarise(Predicate<ImageResult> which) {
        List<ImageResult> chosen = images.stream().filter(which).toList();
        Map<String, MethodSummary> out = new LinkedHashMap<>();
        if (chosen.isEmpty()) {
            return out;
        }
        for (String method : chosen.get(0).methods().keySet()) {
            List<MethodScores> scores = new ArrayList<>();
            for (ImageResult r : chosen) {
                scores.add(r.methods().get(method));
            }
            Double lpipsMean = scores.get(0).diversityLpips() == null ? null
                    : mean(scores, MethodScores::diversityLpips);
            out.put(method, new MethodSummary(scores.size(), means(scores, MethodScores::best),
                    means(scores, MethodScores::mean), mean(scores, MethodScores::diversityL1),
                    mean(scores, MethodScores::diversityMsSsim), lpipsMean));
        }
        return out;
    }

    private static Means means(List<MethodScores> scores, Function<MethodScores, ImageScores> pick) {
        List<ImageScores> s = scores.stream().map(pick).toList();
        int infinite = (int) s.stream().filter(x -> x.psnr() == Double.POSITIVE_INFINITY).count();
        return new Means(average(s, ImageScores::l1), finiteAverage(s, ImageScores::psnr), average(s, ImageScores::tv),
                average(s, ImageScores::ssim), average(s, ImageScores::holeL1), finiteAverage(s, ImageScores::holePsnr),
                infinite);
    }

    private static double average(List<ImageScores> s, ToDoubleFunction<ImageScores> pick) {
        return s.stream().mapToDouble(pick).average().orElseThrow();
    }

    private static double finiteAverage(List<ImageScores> s, ToDoubleFunction<ImageScores> pick) {
        return s.stream().mapToDouble(pick).filter(Double::isFinite).average().orElse(Double.POSITIVE_INFINITY);
    }

    private static double mean(List<MethodScores> scores, ToDoubleFunction<MethodScores> pick) {
        return scores.stream().mapToDouble(pick).average().orElseThrow();
    }
}
