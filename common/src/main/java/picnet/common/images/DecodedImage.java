package picnet.common.images;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/**
 * Decoded pixels exposed as integer RGB samples, whatever the file's colour type was: grey (any bit
 * depth), grey + alpha, palette, RGB, RGBA, 8 or 16 bits. Alpha is dropped, not composited.
 *
 * <p>Samples are read from the raster rather than through {@code BufferedImage.getRGB}, which would
 * push grey images through a linear-to-sRGB conversion and change their values.
 */
public final class DecodedImage {
    private final Raster raster;
    private final IndexColorModel palette;
    private final boolean grey;
    private final int maxValue;

    DecodedImage(BufferedImage image) {
        ColorModel model = image.getColorModel();
        this.raster = image.getRaster();
        if (model instanceof IndexColorModel indexed) {
            palette = indexed;
            grey = false;
            maxValue = 255;
            return;
        }
        palette = null;
        ColorSpace space = model.getColorSpace();
        int colours = model.getNumColorComponents();
        if (space.getType() == ColorSpace.TYPE_CMYK || colours == 4) {
            throw new InvalidImageException("CMYK images are not supported, save the image as RGB");
        }
        if (space.getType() == ColorSpace.TYPE_GRAY && colours == 1) {
            grey = true;
        } else if (space.getType() == ColorSpace.TYPE_RGB && colours == 3) {
            grey = false;
        } else {
            throw new InvalidImageException("unsupported colour model with " + colours + " colour components");
        }
        int bits = raster.getSampleModel().getSampleSize(0);
        for (int band = 1; band < colours; band++) {
            if (raster.getSampleModel().getSampleSize(band) != bits) {
                throw new InvalidImageException("unsupported image layout with different bit depths per channel");
            }
        }
        if (bits < 1 || bits > 16) {
            throw new InvalidImageException("unsupported bit depth " + bits);
        }
        maxValue = (1 << bits) - 1;
    }

    public int width() {
        return raster.getWidth();
    }

    public int height() {
        return raster.getHeight();
    }

    /** The sample value meaning full intensity: 255 for 8-bit and palette images, 65535 for 16-bit. */
    public int maxValue() {
        return maxValue;
    }

    /**
     * Fills {@code rgb} with row {@code y} as interleaved R, G, B samples in [0, {@link #maxValue()}].
     *
     * @param rgb at least {@code 3 * width()} long
     */
    public void readRgbRow(int y, int[] rgb) {
        int w = width();
        int x0 = raster.getMinX();
        int y0 = raster.getMinY() + y;
        if (palette != null) {
            int[] index = raster.getSamples(x0, y0, w, 1, 0, new int[w]);
            for (int x = 0; x < w; x++) {
                rgb[3 * x] = palette.getRed(index[x]);
                rgb[3 * x + 1] = palette.getGreen(index[x]);
                rgb[3 * x + 2] = palette.getBlue(index[x]);
            }
        } else if (grey) {
            int[] level = raster.getSamples(x0, y0, w, 1, 0, new int[w]);
            for (int x = 0; x < w; x++) {
                rgb[3 * x] = level[x];
                rgb[3 * x + 1] = level[x];
                rgb[3 * x + 2] = level[x];
            }
        } else {
            int[] band = new int[w];
            for (int c = 0; c < 3; c++) {
                raster.getSamples(x0, y0, w, 1, c, band);
                for (int x = 0; x < w; x++) {
                    rgb[3 * x + c] = band[x];
                }
            }
        }
    }
}
