package picnet.worker.sampling;

import java.util.Comparator;
import picnet.common.images.RgbImage;

/**
 * One completion at the input's size, known pixels untouched. {@code index} is the order in which it
 * was drawn (stable for a seed); {@code score} is the mean discriminator score, higher is better.
 */
public record ScoredSample(int index, double score, RgbImage image) {
    /** Best first: higher score, then earlier draw. */
    public static final Comparator<ScoredSample> RANKING =
            Comparator.comparingDouble(ScoredSample::score).reversed().thenComparingInt(ScoredSample::index);
}
