package picnet.common.metrics;

import java.util.List;
import picnet.common.images.RgbImage;
import picnet.common.masks.HoleMask;

/**
 * The paper's per-image measures of one result against its ground truth (see {@link PixelMetrics}
 * and {@link Ssim}): L1, PSNR and SSIM compare the whole result with the truth, TV is the result's own;
 * {@code holeL1} and {@code holePsnr} compare the hole's pixels only.
 */
public record ImageScores(double l1, double psnr, double tv, double ssim, double holeL1, double holePsnr) {

    public static ImageScores of(RgbImage result, RgbImage truth, HoleMask mask) {
        return new ImageScores(PixelMetrics.l1(result, truth), PixelMetrics.psnr(result, truth),
                PixelMetrics.tv(result), Ssim.ssim(result, truth),
                PixelMetrics.l1InHole(result, truth, mask), PixelMetrics.psnrInHole(result, truth, mask));
    }

    /**
     * How the authors pick one of many samples for their table: the one with the smallest
     * {@code L1 - PSNR + TV} (in 0..255 units). It looks at the ground truth, so it is an oracle
     * choice, the best a user could find among the samples.
     */
    public double paperCriterion() {
        return l1 - psnr + tv;
    }

    /** Index of the sample the authors would report: smallest {@link #paperCriterion()}, the first on ties. */
    public static int bestIndex(List<ImageScores> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no samples to choose from");
        }
        int best = 0;
        for (int i = 1; i < samples.size(); i++) {
            if (samples.get(i).paperCriterion() < samples.get(best).paperCriterion()) {
                best = i;
            }
        }
        return best;
    }

    /** Each measure averaged over the samples (a +Infinity PSNR makes the mean PSNR +Infinity). */
    public static ImageScores mean(List<ImageScores> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no samples to average");
        }
        double l1 = 0;
        double psnr = 0;
        double tv = 0;
        double ssim = 0;
        double holeL1 = 0;
        double holePsnr = 0;
        for (ImageScores s : samples) {
            l1 += s.l1;
            psnr += s.psnr;
            tv += s.tv;
            ssim += s.ssim;
            holeL1 += s.holeL1;
            holePsnr += s.holePsnr;
        }
        int n = samples.size();
        return new ImageScores(l1 / n, psnr / n, tv / n, ssim / n, holeL1 / n, holePsnr / n);
    }
}
