package picnet.common.metrics;

import java.util.List;
import java.util.function.ToDoubleBiFunction;
import picnet.common.images.RgbImage;
import picnet.common.masks.HoleMask;

/**
 * How different the completions of one image are from each other, inside the hole: the mean over
 * all unordered pairs of samples of a distance. Fewer than two samples have no pairs: 0.
 */
public final class Diversity {
    private Diversity() {}

    /** Mean pairwise L1 over the hole pixels, 0..255 ({@link PixelMetrics#l1InHole}). */
    public static double pairwiseL1(List<RgbImage> samples, HoleMask mask) {
        return meanPairwise(samples, (a, b) -> PixelMetrics.l1InHole(a, b, mask));
    }

    /** Mean pairwise {@code 1 - MS-SSIM} on the hole's bounding box ({@link Ssim#msSsimInHole}). */
    public static double pairwiseMsSsimDistance(List<RgbImage> samples, HoleMask mask) {
        return meanPairwise(samples, (a, b) -> 1 - Ssim.msSsimInHole(a, b, mask));
    }

    public static double meanPairwise(List<RgbImage> samples, ToDoubleBiFunction<RgbImage, RgbImage> distance) {
        double sum = 0;
        int pairs = 0;
        for (int i = 0; i < samples.size(); i++) {
            for (int j = i + 1; j < samples.size(); j++) {
                sum += distance.applyAsDouble(samples.get(i), samples.get(j));
                pairs++;
            }
        }
        return pairs == 0 ? 0 : sum / pairs;
    }
}
