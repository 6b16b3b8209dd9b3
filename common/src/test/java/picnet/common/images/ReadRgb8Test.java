package picnet.common.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import org.junit.jupiter.api.Test;

/** {@link ImageFiles#readRgb8} gives the very raster that decoding to floats and writing a PNG would. */
class ReadRgb8Test {
    private static final ImageLimits LIMITS = ImageLimits.DEFAULT;

    @Test
    void anRgbPngAndAJpegGiveTheRasterOfTheFloatPath() {
        BufferedImage noise = TestImages.noise(37, 23, 5);
        assertSameAsFloatPath(TestImages.png(noise));
        assertSameAsFloatPath(TestImages.jpeg(noise, 0.9f));
    }

    @Test
    void sixteenBitAndGreyPngsGiveTheRasterOfTheFloatPath() {
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster raster = model.createCompatibleWritableRaster(3, 1);
        raster.setPixels(0, 0, 3, 1, new int[] {65535, 32768, 7, 128, 129, 130, 0, 1, 65534});
        assertSameAsFloatPath(TestImages.png(new BufferedImage(model, raster, false, null)));
        BufferedImage grey = new BufferedImage(4, 2, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setPixels(0, 0, 4, 2, new int[] {0, 1, 127, 128, 200, 254, 255, 3});
        assertSameAsFloatPath(TestImages.png(grey));
    }

    private static void assertSameAsFloatPath(byte[] file) {
        BufferedImage expected = ImageFiles.toRgb8(ImageFiles.read(file, LIMITS));
        BufferedImage actual = ImageFiles.readRgb8(file, LIMITS);
        assertEquals(expected.getType(), actual.getType());
        int w = expected.getWidth();
        int h = expected.getHeight();
        assertArrayEquals(expected.getRaster().getPixels(0, 0, w, h, (int[]) null),
                actual.getRaster().getPixels(0, 0, w, h, (int[]) null));
        assertArrayEquals(ImageFiles.encodePng(expected), ImageFiles.encodePng(actual), "the same PNG file");
    }
}
