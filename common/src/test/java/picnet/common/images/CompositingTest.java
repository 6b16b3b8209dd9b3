package picnet.common.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import picnet.common.masks.HoleMask;

class CompositingTest {
    private static final int W = 40;
    private static final int H = 30;

    private static RgbImage random(long seed) {
        Random random = new Random(seed);
        float[] chw = new float[3 * W * H];
        for (int i = 0; i < chw.length; i++) {
            chw[i] = random.nextFloat();
        }
        return new RgbImage(W, H, chw);
    }

    /** A 20x14 rectangular hole at columns 10..29, rows 8..21. */
    private static HoleMask rectangleHole() {
        boolean[] hole = new boolean[W * H];
        for (int y = 8; y < 22; y++) {
            for (int x = 10; x < 30; x++) {
                hole[y * W + x] = true;
            }
        }
        return new HoleMask(W, H, hole);
    }

    private static void assertKnownPixelsBitIdentical(RgbImage original, HoleMask mask, RgbImage out) {
        int plane = W * H;
        for (int i = 0; i < plane; i++) {
            if (!mask.hole()[i]) {
                for (int c = 0; c < 3; c++) {
                    assertEquals(Float.floatToRawIntBits(original.chw()[c * plane + i]),
                            Float.floatToRawIntBits(out.chw()[c * plane + i]), "known pixel " + i);
                }
            }
        }
    }

    @Test
    void pasteKnownTakesGeneratedOnlyInsideTheHole() {
        RgbImage original = random(1);
        RgbImage generated = random(2);
        HoleMask mask = rectangleHole();

        RgbImage out = Compositing.pasteKnown(original, mask, generated);

        assertKnownPixelsBitIdentical(original, mask, out);
        int plane = W * H;
        for (int i = 0; i < plane; i++) {
            if (mask.hole()[i]) {
                for (int c = 0; c < 3; c++) {
                    assertEquals(generated.chw()[c * plane + i], out.chw()[c * plane + i]);
                }
            }
        }
    }

    @Test
    void blendIntoFeathersInsideTheHoleOnly() {
        RgbImage original = RgbImage.blank(W, H);
        float[] ones = new float[3 * W * H];
        java.util.Arrays.fill(ones, 1f);
        RgbImage generated = new RgbImage(W, H, ones);
        HoleMask mask = rectangleHole();
        int feather = 3;

        RgbImage out = Compositing.blendInto(original, mask, generated, feather);

        assertKnownPixelsBitIdentical(original, mask, out);
        // along row 15 from the hole's left edge (column 10) inward: distances 1, 2, 3, 4, ...
        assertEquals(0.25f, out.get(0, 15, 10), 1e-6f);
        assertEquals(0.5f, out.get(1, 15, 11), 1e-6f);
        assertEquals(0.75f, out.get(2, 15, 12), 1e-6f);
        assertEquals(1f, out.get(0, 15, 13));
        assertEquals(1f, out.get(0, 15, 20), "deep inside the hole is fully generated");
        // the corner pixel is 1 from known pixels both ways
        assertEquals(0.25f, out.get(0, 8, 10), 1e-6f);
    }

    @Test
    void blendIntoKeepsRandomKnownPixelsBitIdenticalAndChangesTheHole() {
        RgbImage original = random(3);
        RgbImage generated = random(4);
        HoleMask mask = rectangleHole();

        RgbImage out = Compositing.blendInto(original, mask, generated, 5);

        assertKnownPixelsBitIdentical(original, mask, out);
        int changed = 0;
        int plane = W * H;
        for (int i = 0; i < plane; i++) {
            if (mask.hole()[i] && out.chw()[i] != original.chw()[i]) {
                changed++;
            }
        }
        assertEquals(mask.holeCount(), changed);
    }

    @Test
    void zeroFeatherIsPasteKnown() {
        RgbImage original = random(5);
        RgbImage generated = random(6);
        HoleMask mask = rectangleHole();
        RgbImage a = Compositing.pasteKnown(original, mask, generated);
        RgbImage b = Compositing.blendInto(original, mask, generated, 0);
        for (int i = 0; i < a.chw().length; i++) {
            assertEquals(Float.floatToRawIntBits(a.chw()[i]), Float.floatToRawIntBits(b.chw()[i]));
        }
    }

    @Test
    void differentSizesAreRefused() {
        RgbImage original = random(1);
        RgbImage small = RgbImage.blank(W - 1, H);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Compositing.pasteKnown(original, rectangleHole(), small));
        assertTrue(e.getMessage().contains("39x30"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Compositing.blendInto(original, new HoleMask(W, H - 1, new boolean[W * (H - 1)]), original, 2));
        assertNotEquals(0, rectangleHole().holeCount());
    }
}
