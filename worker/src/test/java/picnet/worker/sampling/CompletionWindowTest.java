package picnet.worker.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import picnet.common.images.RgbImage;
import picnet.common.masks.Box;
import picnet.common.masks.HoleMask;

/** Window choice and paste-back, without a model. */
class CompletionWindowTest {
    static final int MODEL = 256;

    static HoleMask rectangle(int w, int h, Box hole) {
        boolean[] holes = new boolean[w * h];
        for (int y = hole.y0(); y < hole.y1(); y++) {
            Arrays.fill(holes, y * w + hole.x0(), y * w + hole.x1(), true);
        }
        return new HoleMask(w, h, holes);
    }

    static void assertInside(CompletionWindow cw) {
        Box win = cw.window();
        Box hole = cw.hole();
        assertTrue(win.x0() >= 0 && win.y0() >= 0 && win.x1() <= cw.imageWidth() && win.y1() <= cw.imageHeight(),
                win + " leaves the image");
        assertTrue(win.x0() <= hole.x0() && win.y0() <= hole.y0() && win.x1() >= hole.x1() && win.y1() >= hole.y1(),
                win + " does not hold " + hole);
    }

    @Test
    void aSmallHoleIsCroppedWithContextAndAutoPicksCrop() {
        Box hole = new Box(2000, 1500, 2060, 1540);
        HoleMask mask = rectangle(4000, 3000, hole);
        for (SizeStrategy s : new SizeStrategy[] {SizeStrategy.AUTO, SizeStrategy.CROP}) {
            CompletionWindow cw = CompletionWindow.choose(mask, s, MODEL);
            assertEquals(SizeStrategy.CROP, cw.applied());
            assertEquals(hole, cw.hole());
            assertEquals(MODEL, cw.window().width(), "side = max(2 * 60, 256)");
            assertEquals(MODEL, cw.window().height());
            assertInside(cw);
            assertEquals(0, cw.featherPixels(), "no enlargement, no feather");
        }
        CompletionWindow resize = CompletionWindow.choose(mask, SizeStrategy.RESIZE, MODEL);
        assertEquals(SizeStrategy.RESIZE, resize.applied());
        assertEquals(new Box(0, 0, 4000, 3000), resize.window());
        assertEquals(16, resize.featherPixels(), "4000 / 256 = 15.6 photo pixels per model pixel");
    }

    @Test
    void aHoleNearACornerOrEdgeShiftsTheWindowInside() {
        for (Box hole : new Box[] {new Box(3950, 2960, 3995, 2999), new Box(0, 0, 30, 70), new Box(1000, 2990, 1400, 3000)}) {
            CompletionWindow cw = CompletionWindow.choose(rectangle(4000, 3000, hole), SizeStrategy.CROP, MODEL);
            assertEquals(SizeStrategy.CROP, cw.applied(), hole.toString());
            assertInside(cw);
            assertEquals(cw.window().width(), cw.window().height());
        }
        CompletionWindow corner = CompletionWindow.choose(rectangle(4000, 3000, new Box(3950, 2960, 3995, 2999)),
                SizeStrategy.AUTO, MODEL);
        assertEquals(new Box(4000 - MODEL, 3000 - MODEL, 4000, 3000), corner.window());
        assertEquals(800, CompletionWindow.choose(rectangle(4000, 3000, new Box(1000, 2990, 1400, 3000)),
                SizeStrategy.CROP, MODEL).window().width(), "twice the hole's longer side");
    }

    @Test
    void aHugeHoleIsResizedByAutoAndByCropWhenItCannotFit() {
        HoleMask big = rectangle(4000, 3000, new Box(500, 400, 3000, 2400));
        assertEquals(SizeStrategy.RESIZE, CompletionWindow.choose(big, SizeStrategy.AUTO, MODEL).applied());
        CompletionWindow crop = CompletionWindow.choose(big, SizeStrategy.CROP, MODEL);
        assertEquals(SizeStrategy.CROP, crop.applied(), "it fits a 3000 square");
        assertEquals(3000, crop.window().width());
        assertInside(crop);
        HoleMask wide = rectangle(4000, 3000, new Box(200, 1000, 3800, 1100));
        assertEquals(SizeStrategy.RESIZE, CompletionWindow.choose(wide, SizeStrategy.CROP, MODEL).applied(),
                "3600 wide does not fit a square of the short side");
        assertNull(CompletionWindow.cropWindow(new Box(200, 1000, 3800, 1100), 4000, 3000, MODEL));
        // AUTO's rule: the window may be at most 1 / 1.5 of the short side
        HoleMask medium = rectangle(4000, 3000, new Box(1000, 1000, 2000, 1500));
        assertEquals(SizeStrategy.CROP, CompletionWindow.choose(medium, SizeStrategy.AUTO, MODEL).applied(), "2000 <= 3000 / 1.5");
        HoleMask larger = rectangle(4000, 3000, new Box(1000, 1000, 2010, 1500));
        assertEquals(SizeStrategy.RESIZE, CompletionWindow.choose(larger, SizeStrategy.AUTO, MODEL).applied(), "2020 > 2000");
    }

    @Test
    void smallImagesAreResized() {
        HoleMask mask = rectangle(150, 100, new Box(60, 40, 70, 50));
        assertEquals(SizeStrategy.RESIZE, CompletionWindow.choose(mask, SizeStrategy.AUTO, MODEL).applied());
        CompletionWindow crop = CompletionWindow.choose(mask, SizeStrategy.CROP, MODEL);
        assertEquals(100, crop.window().width(), "clipped to the short side");
        assertInside(crop);
    }

    /**
     * The seam: pasting an all-1 completion into an all-0 photo shows blendInto's weights. They rise
     * monotonically from the hole's edge inward, reach 1 after the feather, and known pixels stay 0.
     */
    @Test
    void theGeneratedContentFeathersInFromTheHoleEdge() {
        int w = 2000;
        int h = 1500;
        Box hole = new Box(800, 500, 1200, 900);
        HoleMask mask = rectangle(w, h, hole);
        CompletionWindow cw = CompletionWindow.choose(mask, SizeStrategy.RESIZE, MODEL);
        int feather = cw.featherPixels();
        assertEquals(8, feather, "2000 / 256 = 7.8");
        RgbImage photo = RgbImage.blank(w, h);
        float[] ones = new float[3 * MODEL * MODEL];
        Arrays.fill(ones, 1f);
        RgbImage out = cw.pasteBack(photo, mask, new RgbImage(MODEL, MODEL, ones));
        int row = 700;
        for (int c = 0; c < 3; c++) {
            float previous = 0f;
            for (int x = hole.x0() - 5; x < 1000; x++) {
                float v = out.get(c, row, x);
                if (x < hole.x0()) {
                    assertEquals(0f, v, "known pixel at x=" + x);
                    continue;
                }
                assertTrue(v >= previous - 1e-6f, "weights fall at x=" + x);
                assertTrue(v > 0f, "the hole is filled at x=" + x);
                if (x - hole.x0() < feather) {
                    assertTrue(v < 0.95f, "a hard edge at x=" + x);
                }
                previous = v;
            }
            assertEquals(1f, out.get(c, row, 1000), 1e-6f);
        }
        for (int i = 0; i < w * h; i++) {
            if (!mask.hole()[i]) {
                assertEquals(0f, out.chw()[i]);
            }
        }
    }
}
