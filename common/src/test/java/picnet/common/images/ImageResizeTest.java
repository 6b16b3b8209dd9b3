package picnet.common.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import picnet.common.masks.HoleMask;

class ImageResizeTest {
    private static RgbImage constant(int w, int h, float r, float g, float b) {
        float[] chw = new float[3 * w * h];
        Arrays.fill(chw, 0, w * h, r);
        Arrays.fill(chw, w * h, 2 * w * h, g);
        Arrays.fill(chw, 2 * w * h, 3 * w * h, b);
        return new RgbImage(w, h, chw);
    }

    private static RgbImage greyRow(float... values) {
        float[] chw = new float[3 * values.length];
        for (int c = 0; c < 3; c++) {
            System.arraycopy(values, 0, chw, c * values.length, values.length);
        }
        return new RgbImage(values.length, 1, chw);
    }

    /** Channel values {@code (i * multiplier mod modulus) / modulus} over the planes' flat index: no two neighbours alike. */
    private static RgbImage scrambled(int w, int h, long multiplier, int modulus) {
        float[] chw = new float[3 * w * h];
        for (int i = 0; i < chw.length; i++) {
            chw[i] = (float) ((i * multiplier) % modulus) / modulus;
        }
        return new RgbImage(w, h, chw);
    }

    @Test
    void aRegionOfAResizeIsExactlyTheCropOfTheWholeResize() {
        RgbImage image = scrambled(37, 23, 7919, 1000);
        picnet.common.masks.Box region = new picnet.common.masks.Box(13, 4, 70, 31);
        for (int[] size : new int[][] {{100, 40}, {90, 35}}) {
            RgbImage whole = ImageResize.resize(image, size[0], size[1]);
            assertArrayEquals(whole.crop(region).chw(), ImageResize.resizeRegion(image, size[0], size[1], region).chw());
        }
        RgbImage down = ImageResize.resize(image, 20, 10);
        picnet.common.masks.Box small = new picnet.common.masks.Box(3, 2, 17, 9);
        assertArrayEquals(down.crop(small).chw(), ImageResize.resizeRegion(image, 20, 10, small).chw());
    }

    @Test
    void constantImageStaysExactlyConstant() {
        RgbImage image = constant(37, 23, 0.3f, 0.7f, 0.123f);
        for (int[] size : new int[][] {{10, 7}, {50, 40}, {37, 5}, {100, 23}, {1, 1}}) {
            RgbImage out = ImageResize.resize(image, size[0], size[1]);
            assertEquals(size[0], out.width());
            assertEquals(size[1], out.height());
            for (int y = 0; y < out.height(); y++) {
                for (int x = 0; x < out.width(); x++) {
                    assertEquals(0.3f, out.get(0, y, x));
                    assertEquals(0.7f, out.get(1, y, x));
                    assertEquals(0.123f, out.get(2, y, x));
                }
            }
        }
    }

    @Test
    void checkerboardBlocksAverageToHalf() {
        float[] chw = new float[3 * 16];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 4; x++) {
                    chw[c * 16 + y * 4 + x] = (x + y) % 2;
                }
            }
        }
        RgbImage out = ImageResize.resize(new RgbImage(4, 4, chw), 2, 2);
        for (float v : out.chw()) {
            assertEquals(0.5f, v);
        }
    }

    @Test
    void areaWeightsFollowTheExactFractionalFootprint() {
        // output 0 covers source [0, 1.5), output 1 covers [1.5, 3)
        RgbImage out = ImageResize.resize(greyRow(0f, 0.3f, 0.9f), 2, 1);
        assertEquals((0.3 * 0.5) / 1.5, out.get(0, 0, 0), 1e-6);
        assertEquals((0.3 * 0.5 + 0.9) / 1.5, out.get(1, 0, 1), 1e-6);
    }

    @Test
    void upscalingIsBilinearWithHalfPixelCentres() {
        RgbImage out = ImageResize.resize(greyRow(0f, 1f), 4, 1);
        float[] expected = {0f, 0.25f, 0.75f, 1f}; // torch interpolate(bilinear, align_corners=False)
        for (int x = 0; x < 4; x++) {
            assertEquals(expected[x], out.get(0, 0, x), 1e-6);
        }
    }

    @Test
    void shrinkingFineStripesDoesNotAlias() {
        int w = 4000;
        int h = 30;
        float[] chw = new float[3 * w * h];
        for (int i = 0; i < chw.length; i++) {
            chw[i] = (i % w) % 2; // one-pixel vertical stripes
        }
        RgbImage out = ImageResize.resize(new RgbImage(w, h, chw), 256, 2);
        for (float v : out.chw()) {
            assertEquals(0.5f, v, 0.04f);
        }
    }

    @Test
    void maskShrinkKeepsASinglePixelHole() {
        boolean[] hole = new boolean[1000 * 1000];
        hole[777 * 1000 + 333] = true;

        HoleMask small = ImageResize.resize(new HoleMask(1000, 1000, hole), 256, 256);

        // exactly the output pixels whose footprint [i*1000/256, (i+1)*1000/256) overlaps the source pixel
        for (int y = 0; y < 256; y++) {
            for (int x = 0; x < 256; x++) {
                boolean overlaps = y * 1000 < 778 * 256 && (y + 1) * 1000 > 777 * 256
                        && x * 1000 < 334 * 256 && (x + 1) * 1000 > 333 * 256;
                assertEquals(overlaps, small.isHole(y, x), "(" + x + ", " + y + ")");
            }
        }
        assertTrue(small.holeCount() >= 1 && small.holeCount() <= 4);
    }

    @Test
    void maskShrinkMarksEveryOutputPixelTouchingAHole() {
        // source pixel 1 of 3 is shared by both outputs of a 3 -> 2 shrink
        HoleMask out = ImageResize.resize(new HoleMask(3, 1, new boolean[] {false, true, false}), 2, 1);
        assertArrayEquals(new boolean[] {true, true}, out.hole());
        HoleMask none = ImageResize.resize(new HoleMask(3, 1, new boolean[] {true, false, false}), 2, 1);
        assertArrayEquals(new boolean[] {true, false}, none.hole());
    }

    @Test
    void maskGrowsWithoutSpreading() {
        HoleMask out = ImageResize.resize(new HoleMask(2, 2, new boolean[] {true, false, false, false}), 4, 4);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                assertEquals(x < 2 && y < 2, out.isHole(y, x), "(" + x + ", " + y + ")");
            }
        }
    }

    @Test
    void coverageIsTheHoleFractionOfEachFootprint() {
        float[] coverage = ImageResize.resizeCoverage(new HoleMask(2, 2, new boolean[] {true, false, false, false}), 1, 1);
        assertArrayEquals(new float[] {0.25f}, coverage);
        float[] grown = ImageResize.resizeCoverage(new HoleMask(2, 1, new boolean[] {true, false}), 3, 1);
        assertArrayEquals(new float[] {1f, 0.5f, 0f}, grown, 1e-6f);
    }

    /** A 4x4 mask whose 2x2 blocks hold 1, 2, 3 and 4 hole pixels (top left, top right, bottom left, bottom right). */
    private static HoleMask blocksOfOneToFourHoles() {
        boolean[] h = new boolean[16];
        for (int i : new int[] {0, 2, 3, 8, 9, 12, 10, 11, 14, 15}) {
            h[i] = true;
        }
        return new HoleMask(4, 4, h);
    }

    @Test
    void aMostlyHoleShrinkKeepsOnlyFootprintsAboveTheShare() {
        HoleMask mask = blocksOfOneToFourHoles();
        assertArrayEquals(new boolean[] {false, false, false, true},
                ImageResize.resizeMostlyHole(mask, 2, 2, 0.75).hole());
        assertArrayEquals(new boolean[] {false, false, true, true},
                ImageResize.resizeMostlyHole(mask, 2, 2, 0.5).hole());
        assertArrayEquals(new boolean[] {true, true, true, true}, ImageResize.resize(mask, 2, 2).hole());
    }

    @Test
    void aKnownShrinkAveragesOnlyTheKnownPixelsOfAPartlyHoleFootprint() {
        HoleMask mask = blocksOfOneToFourHoles();
        float[] values = new float[16];
        for (int i = 0; i < 16; i++) {
            values[i] = mask.hole()[i] ? 1f : 0.05f * i;
        }
        values[5] = 0.6f; // the top left block: known 0.05 (pixel 1), 0.2 (4) and 0.6 (5), hole 1 (0)
        RgbImage image = greyRow(values);
        image = new RgbImage(4, 4, image.chw());

        RgbImage known = ImageResize.resizeKnown(image, mask, 2, 2);
        RgbImage plain = ImageResize.resize(image, 2, 2);

        assertEquals((0.05f + 0.2f + 0.6f) / 3, known.get(0, 0, 0), 1e-6f, "three known pixels, the hole's value left out");
        assertEquals((0.05f * 6 + 0.05f * 7) / 2, known.get(1, 0, 1), 1e-6f, "two known pixels");
        assertEquals(0.05f * 13, known.get(2, 1, 0), 1e-6f, "one known pixel");
        assertEquals(plain.get(0, 1, 1), known.get(0, 1, 1), "an all-hole footprint is the plain average");
        assertTrue(Math.abs(plain.get(0, 0, 0) - known.get(0, 0, 0)) > 0.1f, "the plain average mixes in the hole");
    }

    @Test
    void aKnownShrinkOfAnImageWithoutHoleIsThePlainShrink() {
        RgbImage image = scrambled(9, 7, 31, 97);
        assertArrayEquals(ImageResize.resize(image, 4, 3).chw(),
                ImageResize.resizeKnown(image, new HoleMask(9, 7, new boolean[63]), 4, 3).chw());
    }

    @Test
    void aKnownShrinkRefusesToEnlargeOrAMaskOfAnotherSize() {
        RgbImage image = constant(8, 8, 0.5f, 0.5f, 0.5f);
        assertThrows(IllegalArgumentException.class,
                () -> ImageResize.resizeKnown(image, new HoleMask(8, 8, new boolean[64]), 16, 4));
        assertThrows(IllegalArgumentException.class,
                () -> ImageResize.resizeKnown(image, new HoleMask(8, 4, new boolean[32]), 4, 4));
    }

    @Test
    void sameSizeIsACopy() {
        RgbImage image = greyRow(0.1f, 0.2f);
        RgbImage out = ImageResize.resize(image, 2, 1);
        assertArrayEquals(image.chw(), out.chw());
        assertFalse(image.chw() == out.chw());
    }
}
