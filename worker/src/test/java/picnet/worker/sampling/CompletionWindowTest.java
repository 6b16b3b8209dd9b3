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
public class CompletionWindowTest {
    static final int MODEL = 256;

    public static HoleMask rectangle(int w, int h, Box hole) {
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
        }
        CompletionWindow resize = CompletionWindow.choose(mask, SizeStrategy.RESIZE, MODEL);
        assertEquals(SizeStrategy.RESIZE, resize.applied());
        assertEquals(new Box(0, 0, 4000, 3000), resize.window());
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
     * The seam, for a small hole in the middle and one in a corner of a 4000x3000 photo, resized and
     * cropped: the "completion" is the photo's own window shifted by a colour offset. Blended back, the
     * offset is gone and the edge steps are the photo's own, where a plain paste shows the offset.
     */
    @Test
    void aCompletionOffInColourComesBackWithoutASeam() {
        int w = 4000;
        int h = 3000;
        RgbImage photo = DiverseSamplerTest.gradient(w, h);
        float[] offset = {-0.15f, 0.1f, 0.2f};
        for (Box hole : new Box[] {new Box(2000, 1500, 2060, 1540), new Box(3950, 2960, 3995, 2999)}) {
            HoleMask mask = rectangle(w, h, hole);
            for (SizeStrategy strategy : new SizeStrategy[] {SizeStrategy.RESIZE, SizeStrategy.CROP}) {
                CompletionWindow cw = CompletionWindow.choose(mask, strategy, MODEL);
                assertEquals(strategy, cw.applied());
                RgbImage model = cw.modelImage(photo, mask);
                float[] shifted = model.chw().clone();
                for (int i = 0; i < shifted.length; i++) {
                    shifted[i] += offset[i / (MODEL * MODEL)];
                }
                RgbImage generated = new RgbImage(MODEL, MODEL, shifted);
                String what = strategy + " " + hole;

                RgbImage out = cw.pasteBack(photo, mask, generated);

                assertKnownUnchanged(photo, mask, out, what);
                Box region = hole.expand(1, w, h);
                Box inWindow = new Box(region.x0() - cw.window().x0(), region.y0() - cw.window().y0(),
                        region.x1() - cw.window().x0(), region.y1() - cw.window().y0());
                RgbImage hard = picnet.common.images.Compositing.pasteKnown(photo.crop(region), mask.crop(region),
                        picnet.common.images.ImageResize.resizeRegion(generated, cw.window().width(),
                                cw.window().height(), inWindow));
                double natural = seamStep(photo, hole, 0, 0);
                double seam = seamStep(out, hole, 0, 0);
                double pasted = seamStep(hard, hole, region.x0(), region.y0());
                assertTrue(seam < natural + 2e-3, what + ": seam step " + seam + ", the photo's own " + natural);
                assertTrue(pasted > 0.1, what + ": a plain paste steps by " + pasted);
                for (int c = 0; c < 3; c++) {
                    for (int y = hole.y0(); y < hole.y1(); y += 7) {
                        for (int x = hole.x0(); x < hole.x1(); x += 7) {
                            assertEquals(photo.get(c, y, x), out.get(c, y, x), 0.01, what + " inside at " + x + "," + y);
                        }
                    }
                }
            }
        }
    }

    /**
     * Shrunk 4x, a 2-pixel stroke covers at most half of any model pixel's footprint: those pixels are
     * known, with the average of their known pixels (the white under the hole left out), while a wide
     * hole stays a hole up to its partly covered edge. A mask of the thin stroke alone keeps a hole.
     */
    @Test
    void aStrokeThinnerThanAModelPixelIsKnownAtTheModelSize() {
        int side = 512;
        int model = 128;
        boolean[] holes = new boolean[side * side];
        for (Box part : new Box[] {new Box(100, 100, 200, 200), new Box(20, 300, 480, 302)}) {
            for (int y = part.y0(); y < part.y1(); y++) {
                Arrays.fill(holes, y * side + part.x0(), y * side + part.x1(), true);
            }
        }
        HoleMask mask = new HoleMask(side, side, holes);
        float[] chw = DiverseSamplerTest.gradient(side, side).chw().clone();
        for (int i = 0; i < chw.length; i++) {
            if (holes[i % (side * side)]) {
                chw[i] = 1f;
            }
        }
        RgbImage photo = new RgbImage(side, side, chw);
        CompletionWindow cw = CompletionWindow.choose(mask, SizeStrategy.RESIZE, model);

        HoleMask modelMask = cw.modelMask(mask);
        RgbImage modelImage = cw.modelImage(photo, mask);

        assertEquals(new Box(25, 25, 50, 50), modelMask.holeBounds(), "the block, its edges a whole model pixel");
        RgbImage truth = picnet.common.images.ImageResize.resize(DiverseSamplerTest.gradient(side, side), model, model);
        for (int x = 5; x < 120; x++) {
            for (int c = 0; c < 3; c++) {
                // the stroke's rows 300-301 lie in model row 75 (rows 300-303): the known rows 302-303 remain
                double knownRows = (photo.get(c, 302, 4 * x) + photo.get(c, 302, 4 * x + 3)
                        + photo.get(c, 303, 4 * x) + photo.get(c, 303, 4 * x + 3)) / 4;
                assertEquals(knownRows, modelImage.get(c, 75, x), 0.01, "model pixel " + x + ",75");
                assertTrue(modelImage.get(c, 75, x) < 0.99, "no white from under the hole at " + x);
                assertEquals(truth.get(c, 74, x), modelImage.get(c, 74, x), "a pixel without hole is the plain shrink");
            }
        }
        HoleMask strokeOnly = rectangle(side, side, new Box(20, 300, 480, 302));
        assertEquals(new Box(5, 75, 120, 76), cw.modelMask(strokeOnly).holeBounds(),
                "too thin for a model pixel: the conservative shrink");
    }

    /**
     * Why the model's whole output goes back, not its composite with the input ({@link ModelSample}): in
     * thin holes of a photo four times the model's size, a colour cast over the whole output is blended
     * away, while the same cast on the hole pixels of a composite leaves the ramp that enlarging smears
     * across the hole's edge.
     */
    @Test
    void aCastOverTheWholeOutputIsBlendedAwayInThinHoles() {
        int side = 512;
        int model = 128;
        RgbImage photo = DiverseSamplerTest.gradient(side, side);
        boolean[] holes = new boolean[side * side];
        for (Box stroke : new Box[] {new Box(40, 100, 470, 106), new Box(60, 300, 420, 310), new Box(250, 30, 258, 480)}) {
            for (int y = stroke.y0(); y < stroke.y1(); y++) {
                Arrays.fill(holes, y * side + stroke.x0(), y * side + stroke.x1(), true);
            }
        }
        HoleMask mask = new HoleMask(side, side, holes);
        CompletionWindow cw = CompletionWindow.choose(mask, SizeStrategy.RESIZE, model);
        float[] input = cw.modelImage(photo, mask).chw();
        boolean[] modelHole = cw.modelMask(mask).hole();
        float[] whole = input.clone();
        float[] composite = input.clone();
        float[] cast = {0.12f, -0.08f, 0.1f};
        int plane = model * model;
        for (int i = 0; i < 3 * plane; i++) {
            whole[i] += cast[i / plane];
            if (modelHole[i % plane]) {
                composite[i] += cast[i / plane];
            }
        }

        RgbImage fromWhole = cw.pasteBack(photo, mask, new RgbImage(model, model, whole));
        RgbImage fromComposite = cw.pasteBack(photo, mask, new RgbImage(model, model, composite));

        double wholeError = picnet.common.metrics.PixelMetrics.l1InHole(fromWhole, photo, mask);
        double compositeError = picnet.common.metrics.PixelMetrics.l1InHole(fromComposite, photo, mask);
        assertTrue(wholeError < 0.1 * compositeError, "hole L1 " + wholeError + " from the whole output, "
                + compositeError + " from a composite");
    }

    static void assertKnownUnchanged(RgbImage photo, HoleMask mask, RgbImage out, String what) {
        int plane = photo.width() * photo.height();
        for (int i = 0; i < 3 * plane; i++) {
            if (!mask.hole()[i % plane] && Float.floatToRawIntBits(out.chw()[i]) != Float.floatToRawIntBits(photo.chw()[i])) {
                throw new AssertionError(what + ": known pixel " + i % plane + " channel " + i / plane + " changed");
            }
        }
    }

    /**
     * Mean absolute step between each edge pixel of the rectangular hole and its known neighbour
     * outside, over the sides that have one; {@code image} may be a crop starting at (offsetX, offsetY).
     */
    static double seamStep(RgbImage image, Box hole, int offsetX, int offsetY) {
        double sum = 0;
        int n = 0;
        int right = offsetX + image.width();
        int bottom = offsetY + image.height();
        for (int c = 0; c < 3; c++) {
            for (int x = hole.x0(); x < hole.x1(); x++) {
                if (hole.y0() > offsetY) {
                    sum += Math.abs(image.get(c, hole.y0() - offsetY, x - offsetX) - image.get(c, hole.y0() - 1 - offsetY, x - offsetX));
                    n++;
                }
                if (hole.y1() < bottom) {
                    sum += Math.abs(image.get(c, hole.y1() - 1 - offsetY, x - offsetX) - image.get(c, hole.y1() - offsetY, x - offsetX));
                    n++;
                }
            }
            for (int y = hole.y0(); y < hole.y1(); y++) {
                if (hole.x0() > offsetX) {
                    sum += Math.abs(image.get(c, y - offsetY, hole.x0() - offsetX) - image.get(c, y - offsetY, hole.x0() - 1 - offsetX));
                    n++;
                }
                if (hole.x1() < right) {
                    sum += Math.abs(image.get(c, y - offsetY, hole.x1() - 1 - offsetX) - image.get(c, y - offsetY, hole.x1() - offsetX));
                    n++;
                }
            }
        }
        return sum / n;
    }
}
