package picnet.common.masks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picnet.common.images.ImageLimits;
import picnet.common.images.InvalidImageException;
import picnet.common.images.TestImages;

class MaskFilesTest {
    private static final ImageLimits LIMITS = ImageLimits.DEFAULT;

    private static byte[] greyPng(int... levels) {
        BufferedImage grey = new BufferedImage(levels.length, 1, BufferedImage.TYPE_BYTE_GRAY);
        for (int x = 0; x < levels.length; x++) {
            grey.getRaster().setSample(x, 0, 0, levels[x]);
        }
        return TestImages.png(grey);
    }

    @Test
    void luminanceThresholdIs128AndWhiteIsHole() {
        HoleMask mask = MaskFiles.read(greyPng(0, 127, 128, 255), LIMITS);
        assertArrayEquals(new boolean[] {false, false, true, true}, mask.hole());
    }

    @Test
    void colourMasksUseLuminance() {
        BufferedImage image = new BufferedImage(5, 1, BufferedImage.TYPE_3BYTE_BGR);
        image.getRaster().setPixel(0, 0, new int[] {255, 0, 0}); // luminance 76
        image.getRaster().setPixel(1, 0, new int[] {0, 255, 0}); // 149.7
        image.getRaster().setPixel(2, 0, new int[] {127, 127, 127});
        image.getRaster().setPixel(3, 0, new int[] {128, 128, 128});
        image.getRaster().setPixel(4, 0, new int[] {255, 128, 0}); // 151.4
        HoleMask mask = MaskFiles.read(TestImages.png(image), LIMITS);
        assertArrayEquals(new boolean[] {false, true, false, true, true}, mask.hole());
    }

    @Test
    void sixteenBitThresholdIsTheSameLevel() {
        BufferedImage grey = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_GRAY);
        grey.getRaster().setSample(0, 0, 0, 128 * 257 - 1);
        grey.getRaster().setSample(1, 0, 0, 128 * 257);
        HoleMask mask = MaskFiles.read(TestImages.png(grey), LIMITS);
        assertArrayEquals(new boolean[] {false, true}, mask.hole());
    }

    @Test
    void alphaIsIgnored() {
        BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        image.getRaster().setPixel(0, 0, new int[] {255, 255, 255, 0});
        image.getRaster().setPixel(1, 0, new int[] {0, 0, 0, 255});
        HoleMask mask = MaskFiles.read(TestImages.png(image), LIMITS);
        assertArrayEquals(new boolean[] {true, false}, mask.hole());
    }

    @Test
    void paletteMasksWork() {
        IndexColorModel blackWhite = new IndexColorModel(1, 2, new byte[] {0, (byte) 255},
                new byte[] {0, (byte) 255}, new byte[] {0, (byte) 255});
        BufferedImage image = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_BINARY, blackWhite);
        image.getRaster().setSample(1, 0, 0, 1);
        HoleMask mask = MaskFiles.read(TestImages.png(image), LIMITS);
        assertArrayEquals(new boolean[] {false, true, false}, mask.hole());
    }

    @Test
    void jpegMasksAreAccepted() {
        BufferedImage image = new BufferedImage(32, 16, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 16; y++) {
            for (int x = 16; x < 32; x++) {
                image.getRaster().setSample(x, y, 0, 255);
            }
        }
        HoleMask mask = MaskFiles.read(TestImages.jpeg(image, 0.9f), LIMITS);
        assertFalse(mask.isHole(8, 4));
        assertTrue(mask.isHole(8, 28));
    }

    @Test
    void writtenMasksAreWhiteWhereTheHoleIsAndReadBackIdentically() throws IOException {
        boolean[] hole = new boolean[50 * 20];
        Random random = new Random(9);
        for (int i = 0; i < hole.length; i++) {
            hole[i] = random.nextBoolean();
        }
        HoleMask mask = new HoleMask(50, 20, hole);

        byte[] png = MaskFiles.writePng(mask);

        Raster raster = ImageIO.read(new ByteArrayInputStream(png)).getRaster();
        assertEquals(1, raster.getNumBands());
        for (int i = 0; i < hole.length; i++) {
            assertEquals(hole[i] ? 255 : 0, raster.getSample(i % 50, i / 50, 0));
        }
        assertArrayEquals(hole, MaskFiles.read(png, LIMITS).hole());
    }

    @Test
    void pathVariants(@TempDir Path dir) {
        HoleMask mask = new HoleMask(2, 2, new boolean[] {true, false, false, true});
        Path file = dir.resolve("mask.png");
        MaskFiles.writePng(mask, file);
        assertArrayEquals(mask.hole(), MaskFiles.read(file, LIMITS).hole());
    }

    @Test
    void badFilesAreInvalidImages() {
        assertEquals("empty file (0 bytes)",
                assertThrows(InvalidImageException.class, () -> MaskFiles.read(new byte[0], LIMITS)).getMessage());
        assertEquals("not a PNG or JPEG image", assertThrows(InvalidImageException.class,
                () -> MaskFiles.read("hello, world".getBytes(), LIMITS)).getMessage());
        byte[] bomb = TestImages.withClaimedSize(greyPng(0), 30000, 30000);
        assertTrue(assertThrows(InvalidImageException.class, () -> MaskFiles.read(bomb, LIMITS))
                .getMessage().contains("30000x30000"));
    }
}
