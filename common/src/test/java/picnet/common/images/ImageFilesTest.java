package picnet.common.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFilesTest {
    private static final ImageLimits LIMITS = ImageLimits.DEFAULT;

    @Test
    void rgbPngDecodesToExactSampleOver255() {
        BufferedImage image = new BufferedImage(3, 2, BufferedImage.TYPE_3BYTE_BGR);
        WritableRaster raster = image.getRaster();
        int[][] rgb = {{0, 1, 2}, {127, 128, 129}, {253, 254, 255}, {10, 200, 30}, {255, 0, 0}, {0, 0, 255}};
        for (int i = 0; i < 6; i++) {
            raster.setPixel(i % 3, i / 3, rgb[i]);
        }

        RgbImage decoded = ImageFiles.read(TestImages.png(image), LIMITS);

        assertEquals(3, decoded.width());
        assertEquals(2, decoded.height());
        for (int i = 0; i < 6; i++) {
            for (int c = 0; c < 3; c++) {
                assertEquals(rgb[i][c] / 255f, decoded.get(c, i / 3, i % 3), "pixel " + i + " channel " + c);
            }
        }
    }

    @Test
    void writePngRoundsClampsAndReadsBackExactly() throws IOException {
        float[] chw = new float[3 * 4];
        float[] reds = {0.5f, -0.2f, 1.3f, Float.NaN};
        System.arraycopy(reds, 0, chw, 0, 4);
        float[] greens = {100 / 255f, 0.002f, 0.998f, 1f};
        System.arraycopy(greens, 0, chw, 4, 4);
        RgbImage image = new RgbImage(4, 1, chw);

        byte[] png = ImageFiles.writePng(image);

        Raster raster = ImageIO.read(new ByteArrayInputStream(png)).getRaster();
        assertEquals(3, raster.getNumBands());
        int[] expectedRed = {128, 0, 255, 0};
        int[] expectedGreen = {100, 1, 254, 255};
        for (int x = 0; x < 4; x++) {
            assertEquals(expectedRed[x], raster.getSample(x, 0, 0), "red at " + x);
            assertEquals(expectedGreen[x], raster.getSample(x, 0, 1), "green at " + x);
            assertEquals(0, raster.getSample(x, 0, 2), "blue at " + x);
        }
        RgbImage back = ImageFiles.read(png, LIMITS);
        assertEquals(128 / 255f, back.get(0, 0, 0));
        assertEquals(100 / 255f, back.get(1, 0, 0));
    }

    @Test
    void greyPngKeepsItsLevelsWithoutGammaConversion() {
        BufferedImage grey = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(0, 0, 0, 128);
        grey.getRaster().setSample(1, 0, 0, 37);

        RgbImage decoded = ImageFiles.read(TestImages.png(grey), LIMITS);

        for (int c = 0; c < 3; c++) {
            assertEquals(128 / 255f, decoded.get(c, 0, 0));
            assertEquals(37 / 255f, decoded.get(c, 0, 1));
        }
    }

    @Test
    void sixteenBitGreyPngIsScaledBy65535() {
        BufferedImage grey = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_GRAY);
        grey.getRaster().setSample(0, 0, 0, 65535);
        grey.getRaster().setSample(1, 0, 0, 1000);

        RgbImage decoded = ImageFiles.read(TestImages.png(grey), LIMITS);

        assertEquals(1f, decoded.get(0, 0, 0));
        assertEquals(1000 / 65535f, decoded.get(2, 0, 1));
    }

    @Test
    void sixteenBitRgbPngIsScaledBy65535() {
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster raster = model.createCompatibleWritableRaster(1, 1);
        raster.setPixel(0, 0, new int[] {65535, 32768, 7});
        BufferedImage image = new BufferedImage(model, raster, false, null);

        RgbImage decoded = ImageFiles.read(TestImages.png(image), LIMITS);

        assertEquals(1f, decoded.get(0, 0, 0));
        assertEquals(32768 / 65535f, decoded.get(1, 0, 0));
        assertEquals(7 / 65535f, decoded.get(2, 0, 0));
    }

    @Test
    void greyWithAlphaPngIgnoresAlpha() {
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false,
                Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
        WritableRaster raster = model.createCompatibleWritableRaster(1, 1);
        raster.setPixel(0, 0, new int[] {200, 0});
        byte[] png = TestImages.png(new BufferedImage(model, raster, false, null));

        RgbImage decoded = ImageFiles.read(png, LIMITS);

        assertEquals(200 / 255f, decoded.get(0, 0, 0));
        assertEquals(200 / 255f, decoded.get(2, 0, 0));
    }

    @Test
    void rgbaPngDropsAlphaWithoutCompositing() {
        BufferedImage image = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        image.getRaster().setPixel(0, 0, new int[] {10, 20, 30, 0});

        RgbImage decoded = ImageFiles.read(TestImages.png(image), LIMITS);

        assertEquals(10 / 255f, decoded.get(0, 0, 0));
        assertEquals(20 / 255f, decoded.get(1, 0, 0));
        assertEquals(30 / 255f, decoded.get(2, 0, 0));
    }

    @Test
    void palettePngUsesThePaletteColours() {
        byte[] r = {(byte) 255, 0, 12, 0};
        byte[] g = {0, (byte) 255, 34, 0};
        byte[] b = {0, 0, 56, (byte) 255};
        IndexColorModel palette = new IndexColorModel(2, 4, r, g, b);
        BufferedImage image = new BufferedImage(4, 1, BufferedImage.TYPE_BYTE_BINARY, palette);
        for (int x = 0; x < 4; x++) {
            image.getRaster().setSample(x, 0, 0, x);
        }
        byte[] png = TestImages.png(image);
        assertEquals(3, png[25], "colour type byte of IHDR should say palette");

        RgbImage decoded = ImageFiles.read(png, LIMITS);

        assertEquals(1f, decoded.get(0, 0, 0));
        assertEquals(0f, decoded.get(1, 0, 0));
        assertEquals(1f, decoded.get(1, 0, 1));
        assertEquals(12 / 255f, decoded.get(0, 0, 2));
        assertEquals(34 / 255f, decoded.get(1, 0, 2));
        assertEquals(56 / 255f, decoded.get(2, 0, 2));
        assertEquals(1f, decoded.get(2, 0, 3));
    }

    @Test
    void jpegRoundTripStaysWithinJpegTolerance() {
        int w = 64;
        int h = 48;
        float[] chw = new float[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                chw[y * w + x] = x / (float) (w - 1);
                chw[w * h + y * w + x] = y / (float) (h - 1);
                chw[2 * w * h + y * w + x] = 0.3f;
            }
        }
        RgbImage original = new RgbImage(w, h, chw);
        BufferedImage asBuffered = toBuffered(ImageFiles.writePng(original));

        RgbImage decoded = ImageFiles.read(TestImages.jpeg(asBuffered, 0.95f), LIMITS);

        assertEquals(w, decoded.width());
        assertEquals(h, decoded.height());
        double worst = 0;
        for (int i = 0; i < chw.length; i++) {
            worst = Math.max(worst, Math.abs(decoded.chw()[i] - chw[i]));
        }
        assertTrue(worst < 0.04, "largest JPEG error " + worst);
    }

    @Test
    void greyJpegBecomesThreeEqualChannels() {
        BufferedImage grey = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                grey.getRaster().setSample(x, y, 0, 180);
            }
        }

        RgbImage decoded = ImageFiles.read(TestImages.jpeg(grey, 0.95f), LIMITS);

        assertEquals(180 / 255f, decoded.get(0, 8, 8), 2 / 255f);
        assertEquals(decoded.get(0, 8, 8), decoded.get(1, 8, 8));
        assertEquals(decoded.get(0, 8, 8), decoded.get(2, 8, 8));
    }

    @Test
    void pathVariantsWriteAndReadFiles(@TempDir Path dir) {
        RgbImage image = new RgbImage(2, 1, new float[] {0, 1, 0.2f, 0.4f, 1, 0});
        Path file = dir.resolve("out.png");

        ImageFiles.writePng(image, file);
        RgbImage back = ImageFiles.read(file, LIMITS);

        assertEquals(51 / 255f, back.get(1, 0, 0));
        assertEquals(1f, back.get(2, 0, 0));
        assertThrows(UncheckedIOException.class, () -> ImageFiles.read(dir.resolve("missing.png"), LIMITS));
    }

    @Test
    void dimensionsComeFromTheHeader(@TempDir Path dir) throws IOException {
        Path png = dir.resolve("wide.png");
        ImageFiles.writePng(new RgbImage(7, 3, new float[3 * 7 * 3]), png);
        Path text = java.nio.file.Files.writeString(dir.resolve("notes.png"), "not an image");

        assertEquals(new ImageDecoder.Dimensions(7, 3), ImageDecoder.dimensions(png));
        assertEquals(21, ImageDecoder.dimensions(png).pixels());
        assertThrows(InvalidImageException.class, () -> ImageDecoder.dimensions(text));
        assertThrows(UncheckedIOException.class, () -> ImageDecoder.dimensions(dir.resolve("missing.png")));
    }

    private static BufferedImage toBuffered(byte[] png) {
        try {
            return ImageIO.read(new ByteArrayInputStream(png));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
