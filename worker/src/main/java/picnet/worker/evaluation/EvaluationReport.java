package picnet.worker.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import picnet.common.masks.MaskKind;
import picnet.common.metrics.HoleL1ByDistance;
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

    /**
     * One method over a set of images; {@code diversityLpips} is null without an LPIPS network.
     * {@code bestByDistance}: the best results' hole L1 per band of distance from the hole's edge, pooled
     * over the images' pixels.
     */
    public record MethodSummary(int images, Means best, Means mean, double diversityL1, double diversityMsSsim,
            Double diversityLpips, List<DistanceBand> bestByDistance) {}

    /**
     * One band of {@link HoleL1ByDistance}: its distances in pixels ("2-4": above 2, up to 4), its share of
     * the hole pixels, and the hole L1 over its pixels (null when it has none).
     */
    public record DistanceBand(String distance, double pixelShare, Double holeL1) {
        static List<DistanceBand> of(HoleL1ByDistance pooled) {
            long all = Arrays.stream(pooled.pixels()).sum();
            double[] l1 = pooled.l1();
            List<String> names = HoleL1ByDistance.bandNames();
            List<DistanceBand> bands = new ArrayList<>(names.size());
            for (int i = 0; i < names.size(); i++) {
                bands.add(new DistanceBand(names.get(i), all == 0 ? 0 : (double) pooled.pixels()[i] / all,
                        Double.isNaN(l1[i]) ? null : l1[i]));
            }
            return bands;
        }
    }

    /**
     * A paired difference over the same images and masks: its mean and the half-width of its 95% interval
     * (Student's t over the per-image differences; null for fewer than two pairs).
     */
    public record Difference(double mean, Double halfWidth95, int pairs) {
        /** {@code minuend[i] - subtrahend[i]} over the pairs where both are finite. */
        public static Difference of(double[] minuend, double[] subtrahend) {
            SummaryStatistics d = new SummaryStatistics();
            for (int i = 0; i < minuend.length; i++) {
                if (Double.isFinite(minuend[i]) && Double.isFinite(subtrahend[i])) {
                    d.addValue(minuend[i] - subtrahend[i]);
                }
            }
            long n = d.getN();
            Double halfWidth = n < 2 ? null
                    : new TDistribution(n - 1).inverseCumulativeProbability(0.975) * d.getStandardDeviation() / Math.sqrt(n);
            return new Difference(n == 0 ? Double.NaN : d.getMean(), halfWidth, (int) n);
        }

        /** "+0.79 ± 0.59" with {@code plusMinus} between; the mean alone without an interval. */
        public String format(String plusMinus) {
            return String.format(Locale.ROOT, "%+.2f", mean)
                    + (halfWidth95 == null ? "" : String.format(Locale.ROOT, " %s %.2f", plusMinus, halfWidth95));
        }
    }

    /** The model's best kept sample minus one baseline, inside the hole; below zero L1 and above zero PSNR favour the model. */
    public record Comparison(Difference holeL1, Difference holePsnr) {}

    /**
     * For each mask kind and {@link #ALL}, for each baseline: {@link Comparison}. Pairing the two results of
     * each image removes what the images share (some are hard for every fill), so these intervals say
     * whether a gap between means is larger than the differences between images would make by chance.
     * Pairs with an infinite PSNR are left out of the PSNR difference.
     */
    public Map<String, Map<String, Comparison>> comparisons() {
        return perMaskKind(EvaluationReport::compare);
    }

    /** {@link ComparisonByDifficulty} for each mask kind and {@link #ALL}: per baseline, the model on its easiest to hardest third. */
    public Map<String, Map<String, List<ComparisonByDifficulty.Third>>> comparisonsByDifficulty() {
        return perMaskKind(ComparisonByDifficulty::of);
    }

    private static Map<String, Comparison> compare(List<ImageResult> chosen) {
        Map<String, Comparison> out = new LinkedHashMap<>();
        if (chosen.isEmpty()) {
            return out;
        }
        for (String baseline : chosen.get(0).methods().keySet()) {
            if (!baseline.equals(Evaluator.MODEL)) {
                out.put(baseline, new Comparison(difference(chosen, baseline, ImageScores::holeL1),
                        difference(chosen, baseline, ImageScores::holePsnr)));
            }
        }
        return out;
    }

    private static Difference difference(List<ImageResult> chosen, String baseline, ToDoubleFunction<ImageScores> pick) {
        return Difference.of(chosen.stream().mapToDouble(r -> pick.applyAsDouble(r.methods().get(Evaluator.MODEL).best())).toArray(),
                chosen.stream().mapToDouble(r -> pick.applyAsDouble(r.methods().get(baseline).best())).toArray());
    }

    /** Keyed by mask kind id, then {@link #ALL}; inside, by method, in {@link ImageResult#methods()} order. */
    public Map<String, Map<String, MethodSummary>> summary() {
        return perMaskKind(EvaluationReport::summarise);
    }

    /** Mean TV of the ground truth images, per mask kind and {@link #ALL}: what a fill's TV may be compared with. */
    public Map<String, Double> truthTv() {
        return perMaskKind(chosen -> chosen.stream().mapToDouble(ImageResult::truthTv).average().orElse(Double.NaN));
    }

    /** {@code of} the images of each mask kind, keyed by its id, then of all images under {@link #ALL}. */
    private <T> Map<String, T> perMaskKind(Function<List<ImageResult>, T> of) {
        Map<String, T> out = new LinkedHashMap<>();
        for (MaskKind kind : options.masks()) {
            out.put(kind.id(), of.apply(images.stream().filter(r -> r.mask() == kind).toList()));
        }
        out.put(ALL, of.apply(images));
        return out;
    }

    private static Map<String, MethodSummary> summarise(List<ImageResult> chosen) {
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
                    mean(scores, MethodScores::diversityMsSsim), lpipsMean,
                    DistanceBand.of(HoleL1ByDistance.sum(scores.stream().map(MethodScores::bestByDistance).toList()))));
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
