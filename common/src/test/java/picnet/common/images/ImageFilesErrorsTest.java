package picnet.common.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;

class ImageFilesErrorsTest {
    private static final ImageLimits LIMITS = ImageLimits.DEFAULT;

    private static String failure(byte[] bytes, ImageLimits limits) {
        InvalidImageException e = assertThrows(InvalidImageException.class, () -> ImageFiles.read(bytes, limits));
        assertFalse(e.getMessage().contains("\n"), "message should be one line: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void emptyFile() {
        assertEquals("empty file (0 bytes)", failure(new byte[0], LIMITS));
    }

    @Test
    void randomBytes() {
        byte[] bytes = new byte[1000];
        new Random(7).nextBytes(bytes);
        bytes[0] = 0x12;
        assertEquals("not a PNG or JPEG image", failure(bytes, LIMITS));
    }

    @Test
    void gifIsNamed() {
        byte[] gif = encodeGif();
        assertEquals("not a PNG or JPEG image (it looks like a GIF)", failure(gif, LIMITS));
    }

    @Test
    void pngSignatureFollowedByGarbage() {
        byte[] bytes = new byte[200];
        new Random(3).nextBytes(bytes);
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        System.arraycopy(signature, 0, bytes, 0, signature.length);
        assertTrue(failure(bytes, LIMITS).startsWith("truncated or corrupt image data"));
    }

    @Test
    void pngCutInHalf() {
        byte[] png = TestImages.png(TestImages.noise(100, 80, 5));
        String message = failure(Arrays.copyOf(png, png.length / 2), LIMITS);
        assertTrue(message.startsWith("truncated or corrupt image data"), message);
    }

    @Test
    void jpegCutInHalf() {
        byte[] jpeg = TestImages.jpeg(TestImages.noise(200, 150, 5), 0.9f);
        assertEquals(200, ImageFiles.read(jpeg, LIMITS).width(), "the uncut file must decode");
        String message = failure(Arrays.copyOf(jpeg, jpeg.length / 2), LIMITS);
        assertTrue(message.startsWith("truncated or corrupt image data"), message);
    }

    @Test
    void hugeClaimedDimensionsAreRefusedFromTheHeaderAlone() {
        byte[] bomb = TestImages.withClaimedSize(TestImages.png(TestImages.noise(1, 1, 1)), 30000, 30000);
        // Decoding 900 million pixels would take gigabytes and many seconds; the header check does not.
        String message = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> failure(bomb, LIMITS));
        assertEquals("image is 30000x30000 = 900000000 pixels, the limit is 50000000", message);
    }

    @Test
    void sideLimitIsCheckedSeparatelyFromPixelCount() {
        byte[] wide = TestImages.png(TestImages.noise(120, 2, 1));
        assertEquals("image is 120x2, its side of 120 pixels exceeds the limit of 100",
                failure(wide, new ImageLimits(100, 1_000_000)));
        assertEquals("image is 120x2 = 240 pixels, the limit is 200", failure(wide, new ImageLimits(1000, 200)));
        assertEquals(120, ImageFiles.read(wide, new ImageLimits(120, 240)).width(), "limits are inclusive");
    }

    @Test
    void jpegLimitsAreCheckedToo() {
        byte[] jpeg = TestImages.jpeg(TestImages.noise(64, 32, 2), 0.9f);
        assertEquals("image is 64x32 = 2048 pixels, the limit is 1000", failure(jpeg, new ImageLimits(1000, 1000)));
    }

    @Test
    void cmykJpegIsRejectedClearly() throws IOException {
        WritableRaster cmyk = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 16, 16, 4, null);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                cmyk.setPixel(x, y, new int[] {x * 16, y * 16, 40, 0});
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(cmyk, null, null), null);
        }
        writer.dispose();

        assertEquals("CMYK images are not supported, save the image as RGB", failure(bytes.toByteArray(), LIMITS));
    }

    private static byte[] encodeGif() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            assertTrue(ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_INDEXED), "gif", bytes));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return bytes.toByteArray();
    }
}
