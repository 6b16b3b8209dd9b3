package picnet.worker.evaluation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.DoubleStream;

/**
 * The model against each baseline on the easiest, middle and hardest third of the images, where an
 * image's difficulty is the baseline's own hole L1 on it. A mean gap between two fills can come from a
 * few images of one kind; this shows which kind (a fill that loses only on the smoothest pictures, say).
 */
public final class ComparisonByDifficulty {
    public static final List<String> THIRDS = List.of("easiest", "middle", "hardest");

    private ComparisonByDifficulty() {}

    /**
     * One third: its images, the model's and the baseline's mean hole L1 (best kept sample), on how many
     * images the model's is lower, and the paired difference of hole L1 (model minus baseline).
     */
    public record Third(String third, int images, double modelHoleL1, double baselineHoleL1, int modelAhead,
            EvaluationReport.Difference holeL1) {}

    /**
     * Per baseline, its three thirds in {@link #THIRDS} order. Images are sorted by the baseline's hole L1
     * (ties in test-set order) and cut at {@code floor(i * n / 3)}, so a remainder goes to the hardest.
     */
    static Map<String, List<Third>> of(List<ImageResult> chosen) {
        Map<String, List<Third>> out = new LinkedHashMap<>();
        if (chosen.isEmpty()) {
            return out;
        }
        for (String baseline : chosen.get(0).methods().keySet()) {
            if (baseline.equals(Evaluator.MODEL)) {
                continue;
            }
            ToDoubleFunction<ImageResult> baselineL1 = r -> r.methods().get(baseline).best().holeL1();
            List<ImageResult> sorted = chosen.stream().sorted(Comparator.comparingDouble(baselineL1)).toList();
            List<Third> thirds = new ArrayList<>(THIRDS.size());
            int n = sorted.size();
            for (int t = 0; t < THIRDS.size(); t++) {
                List<ImageResult> part = sorted.subList(t * n / THIRDS.size(), (t + 1) * n / THIRDS.size());
                double[] model = part.stream().mapToDouble(r -> r.methods().get(Evaluator.MODEL).best().holeL1()).toArray();
                double[] base = part.stream().mapToDouble(baselineL1).toArray();
                int ahead = 0;
                for (int i = 0; i < model.length; i++) {
                    ahead += model[i] < base[i] ? 1 : 0;
                }
                thirds.add(new Third(THIRDS.get(t), part.size(), mean(model), mean(base), ahead,
                        EvaluationReport.Difference.of(model, base)));
            }
            out.put(baseline, thirds);
        }
        return out;
    }

    private static double mean(double[] values) {
        return DoubleStream.of(values).average().orElse(Double.NaN);
    }
}
