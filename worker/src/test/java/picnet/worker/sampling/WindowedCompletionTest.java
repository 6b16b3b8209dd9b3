package picnet.worker.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picnet.common.images.RgbImage;
import picnet.common.masks.Box;
import picnet.common.masks.HoleMask;
import picnet.worker.model.PicnetConfig;
import picnet.worker.model.PicnetNetworks;

/**
 * A 12-megapixel photo through the real engine (a small random-weight model): whatever the strategy, the
 * result has the photo's size, every known pixel is bit-identical and the hole is filled.
 */
class WindowedCompletionTest {
    static final int SIZE = 96;
    static final int W = 4000;
    static final int H = 3000;
    static DiverseSampler sampler;
    static RgbImage photo;

    @BeforeAll
    static void load() {
        sampler = new DiverseSampler(PicnetNetworks.random(PicnetConfig.released(SIZE), Device.cpu(), 11), 2);
        photo = DiverseSamplerTest.gradient(W, H);
    }

    @AfterAll
    static void close() {
        sampler.close();
        photo = null;
    }

    @Test
    void aSmallHoleInTheMiddleIsCropped() {
        check(new Box(2000, 1500, 2060, 1540), SizeStrategy.AUTO, SizeStrategy.CROP);
    }

    @Test
    void aSmallHoleNearACornerIsCroppedWithAWindowInsideThePhoto() {
        check(new Box(3950, 2960, 3995, 2999), SizeStrategy.CROP, SizeStrategy.CROP);
    }

    @Test
    void theWholePhotoCanBeResized() {
        check(new Box(2000, 1500, 2060, 1540), SizeStrategy.RESIZE, SizeStrategy.RESIZE);
    }

    /**
     * The seam of a resized completion: across the hole's edge (last known pixel to first hole pixel)
     * the mean step is at most a quarter of what a hard paste of the same enlarged completion gives,
     * and within the completion's own step between neighbours just inside the hole.
     */
    @Test
    void theSeamOfAnEnlargedCompletionIsBlended() {
        // on model pixel edges (4000 / 96 * 42 = 1750, 3000 / 96 * 40 = 1250), so that the model's hole
        // ends where the photo's does, and a hard paste shows the completion's step there
        Box hole = new Box(1750, 1250, 2250, 1750);
        HoleMask mask = CompletionWindowTest.rectangle(W, H, hole);
        WindowedCompletion windowed = new WindowedCompletion(new CompletionRequest(photo, mask, 1, 1, 5,
                SizeStrategy.RESIZE), SIZE);
        CompletionWindow window = windowed.window();
        RgbImage generated = sampler.complete(windowed.modelRequest(), SampleListener.NONE, () -> false).get(0).image();
        RgbImage blended = window.pasteBack(photo, mask, generated);
        Box region = hole.expand(1, W, H);
        RgbImage hard = picnet.common.images.Compositing.pasteKnown(photo.crop(region), mask.crop(region),
                picnet.common.images.ImageResize.resizeRegion(generated, W, H, region));
        double soft = CompletionWindowTest.seamStep(blended, hole, 0, 0);
        double sharp = CompletionWindowTest.seamStep(hard, hole, region.x0(), region.y0());
        assertTrue(sharp > 0.01, "the random model's completion differs from the photo: " + sharp);
        assertTrue(soft <= 0.25 * sharp, "seam step " + soft + " blended vs " + sharp + " pasted");
        double inside = CompletionWindowTest.seamStep(blended, new Box(hole.x0() + 1, hole.y0() + 1, hole.x1() - 1,
                hole.y1() - 1), 0, 0);
        assertTrue(soft <= inside + 1e-3, "seam step " + soft + ", the completion's own " + inside);
    }

    private static void check(Box hole, SizeStrategy requested, SizeStrategy expected) {
        HoleMask mask = CompletionWindowTest.rectangle(W, H, hole);
        CompletionRequest request = new CompletionRequest(photo, mask, 3, 2, 9, requested);
        WindowedCompletion windowed = new WindowedCompletion(request, SIZE);
        assertEquals(expected, windowed.window().applied());
        CompletionWindowTest.assertInside(windowed.window());
        CompletionRequest modelRequest = windowed.modelRequest();
        assertEquals(SIZE, modelRequest.image().width());
        assertEquals(SIZE, modelRequest.mask().height());

        List<Integer> seen = new ArrayList<>();
        List<RgbImage> streamed = new ArrayList<>();
        List<ScoredSample> top = sampler.complete(request, (s, done, total) -> {
            checkPhoto(s.image(), mask, hole);
            seen.add(s.index());
            streamed.add(s.image());
        }, () -> false);
        assertEquals(List.of(0, 1, 2), seen);
        assertEquals(2, top.size());
        assertTrue(top.get(0).score() >= top.get(1).score());
        for (ScoredSample s : top) {
            assertArrayEquals(streamed.get(s.index()).chw(), s.image().chw(), "a returned sample is the streamed one");
        }
        checkPhoto(top.get(0).image(), mask, hole);
        RgbImage best = top.get(0).image();
        double seam = CompletionWindowTest.seamStep(best, hole, 0, 0);
        double inside = CompletionWindowTest.seamStep(best, new Box(hole.x0() + 1, hole.y0() + 1, hole.x1() - 1,
                hole.y1() - 1), 0, 0);
        // within half an 8-bit step (1 / 255) of the completion's own step just inside the hole
        assertTrue(seam <= inside + 2e-3, requested + " " + hole + ": seam step " + seam + ", the completion's own " + inside);
    }

    private static void checkPhoto(RgbImage out, HoleMask mask, Box hole) {
        assertEquals(W, out.width());
        assertEquals(H, out.height());
        float[] in = photo.chw();
        float[] px = out.chw();
        int plane = W * H;
        boolean[] holes = mask.hole();
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < plane; i++) {
                if (!holes[i] && px[c * plane + i] != in[c * plane + i]) {
                    throw new AssertionError("known pixel (" + i % W + ", " + i / W + ") channel " + c + " changed");
                }
            }
        }
        int changed = 0;
        for (int y = hole.y0(); y < hole.y1(); y++) {
            for (int x = hole.x0(); x < hole.x1(); x++) {
                int i = y * W + x;
                if (Math.abs(px[i] - in[i]) + Math.abs(px[plane + i] - in[plane + i])
                        + Math.abs(px[2 * plane + i] - in[2 * plane + i]) > 1e-3) {
                    changed++;
                }
            }
        }
        assertTrue(changed > 0.9 * hole.area(), changed + " of " + hole.area() + " hole pixels changed");
    }
}
