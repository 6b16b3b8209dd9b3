package picnet.common.images;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * A sample rebuilt from the original image and the patch it changed, on the 8-bit rasters that
 * {@link ImageFiles#readRgb8} gives: the result is, pixel for pixel and byte for byte once encoded, the PNG
 * that {@link ImageFiles#writePng} makes of the whole photo-size sample.
 */
public final class SamplePatches {
    private SamplePatches() {}

    /** A copy of {@code original} with {@code patch} written over it, its top-left corner at (x, y). */
    public static BufferedImage paste(BufferedImage original, BufferedImage patch, int x, int y) {
        int w = original.getWidth();
        int h = original.getHeight();
        if (x < 0 || y < 0 || x + patch.getWidth() > w || y + patch.getHeight() > h) {
            throw new IllegalArgumentException("a " + patch.getWidth() + "x" + patch.getHeight() + " patch at (" + x
                    + ", " + y + ") does not fit in a " + w + "x" + h + " image");
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        byte[] from = ((DataBufferByte) original.getRaster().getDataBuffer()).getData();
        System.arraycopy(from, 0, ((DataBufferByte) out.getRaster().getDataBuffer()).getData(), 0, from.length);
        out.getRaster().setRect(x, y, patch.getRaster());
        return out;
    }

    /**
     * The sample's PNG file: the decoded original (as {@link ImageFiles#readRgb8} gives it) with the patch
     * file's pixels at (x, y).
     *
     * @throws InvalidImageException when the patch is not a usable image
     * @throws IllegalArgumentException when it does not fit in the original
     */
    public static byte[] samplePng(BufferedImage original, byte[] patchPng, int x, int y, ImageLimits limits) {
        return ImageFiles.encodePng(paste(original, ImageFiles.readRgb8(patchPng, limits), x, y));
    }
}
