package picnet.common.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import picnet.common.masks.Box;

class RgbImageTest {
    /** 3x2 image whose value encodes channel, row and column: c*100 + y*10 + x. */
    private static RgbImage coded() {
        float[] chw = new float[18];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 2; y++) {
                for (int x = 0; x < 3; x++) {
                    chw[(c * 2 + y) * 3 + x] = c * 100 + y * 10 + x;
                }
            }
        }
        return new RgbImage(3, 2, chw);
    }

    @Test
    void cropKeepsChannelsAligned() {
        RgbImage crop = coded().crop(new Box(1, 1, 3, 2));
        assertEquals(2, crop.width());
        assertEquals(1, crop.height());
        assertArrayEquals(new float[] {11, 12, 111, 112, 211, 212}, crop.chw());
    }

    @Test
    void pasteWritesThePatchAndCopies() {
        RgbImage base = coded();
        RgbImage patch = new RgbImage(1, 1, new float[] {-1, -2, -3});
        RgbImage out = base.paste(patch, 2, 1);
        assertEquals(-1f, out.get(0, 1, 2));
        assertEquals(-3f, out.get(2, 1, 2));
        assertEquals(12f, base.get(0, 1, 2), "the original is untouched");
        assertEquals(211f, out.get(2, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> base.paste(patch, 3, 0));
    }
}
