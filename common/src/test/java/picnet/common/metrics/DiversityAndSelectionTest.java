package picnet.common.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import picnet.common.images.RgbImage;
import picnet.common.masks.HoleMask;
import picnet.common.masks.MaskGenerator;
import picnet.common.masks.MaskKind;

/** Pairwise diversity and the authors' best-of-samples rule. */
class DiversityAndSelectionTest {
    final HoleMask mask = MaskGenerator.generate(MaskKind.CENTER, 32, 32, 0);

    @Test
    void identicalSamplesHaveNoDiversity() {
        RgbImage a = SsimTest.noise(32, 32, 1);
        List<RgbImage> same = List.of(a, a, a);
        assertEquals(0.0, Diversity.pairwiseL1(same, mask));
        assertEquals(0.0, Diversity.pairwiseMsSsimDistance(same, mask), 1e-12);
        assertEquals(0.0, Diversity.pairwiseL1(List.of(a), mask));
    }

    @Test
    void pairwiseL1IsTheMeanOverUnorderedPairs() {
        // holes filled with 0, 0.25, 0.5: pairs differ by 0.25, 0.5, 0.25 -> mean 1/3 -> 85 in 0..255
        RgbImage base = PixelMetricsTest.constant(32, 32, 0f);
        RgbImage b = base.paste(PixelMetricsTest.constant(16, 16, 0.25f), 8, 8);
        RgbImage c = base.paste(PixelMetricsTest.constant(16, 16, 0.5f), 8, 8);
        assertEquals(85.0, Diversity.pairwiseL1(List.of(base, b, c), mask), 1e-12);
    }

    @Test
    void theBestSampleMinimisesL1MinusPsnrPlusTv() {
        List<ImageScores> scores = List.of(
                new ImageScores(10, 20, 5, 0.5, 40, 8),   // -5
                new ImageScores(12, 30, 6, 0.4, 48, 18),  // -12  <- best although its L1 is worse
                new ImageScores(8, 21, 2, 0.9, 32, 9),    // -11
                new ImageScores(12, 30, 6, 0.7, 48, 18)); // -12, a tie: the first wins
        assertEquals(1, ImageScores.bestIndex(scores));
        ImageScores mean = ImageScores.mean(scores);
        assertEquals(10.5, mean.l1());
        assertEquals(25.25, mean.psnr());
        assertEquals(4.75, mean.tv());
        assertEquals(0.625, mean.ssim(), 1e-12);
        assertEquals(42.0, mean.holeL1());
        assertEquals(13.25, mean.holePsnr());
        assertThrows(IllegalArgumentException.class, () -> ImageScores.bestIndex(List.of()));
    }

    @Test
    void anExactResultIsAlwaysChosen() {
        RgbImage truth = SsimTest.noise(32, 32, 2);
        ImageScores exact = ImageScores.of(truth, truth, mask);
        assertEquals(0.0, exact.l1());
        assertEquals(Double.POSITIVE_INFINITY, exact.psnr());
        assertEquals(0.0, exact.holeL1());
        assertEquals(Double.POSITIVE_INFINITY, exact.holePsnr());
        assertEquals(1.0, exact.ssim(), 1e-12);
        assertEquals(PixelMetrics.tv(truth), exact.tv());
        ImageScores off = ImageScores.of(PixelMetricsTest.plus(truth, 0.01f), truth, mask);
        assertEquals(1, ImageScores.bestIndex(List.of(off, exact)));
    }
}
