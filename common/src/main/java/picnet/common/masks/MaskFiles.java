package picnet.common.masks;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.nio.file.Path;
import picnet.common.images.DecodedImage;
import picnet.common.images.ImageDecoder;
import picnet.common.images.ImageFiles;
import picnet.common.images.ImageLimits;
import picnet.common.images.InvalidImageException;

/**
 * User mask files: WHITE = HOLE. A pixel is a hole when its luminance (ITU-R BT.601 weights, as
 * PIL's "L" conversion) is at least 128 on the 0..255 scale. Alpha is ignored.
 */
public final class MaskFiles {
    private MaskFiles() {
    }

    /**
     * @throws InvalidImageException when the bytes are not a usable PNG/JPEG or exceed {@code limits}
     */
    public static HoleMask read(byte[] bytes, ImageLimits limits) {
        DecodedImage image = ImageDecoder.decode(bytes, limits);
        int w = image.width();
        int h = image.height();
        // luminance * 1000 / max >= 128 / 255, kept in integers so 127 vs 128 is decided exactly
        long threshold = 128L * 1000L * image.maxValue();
        boolean[] hole = new boolean[w * h];
        int[] rgb = new int[3 * w];
        for (int y = 0; y < h; y++) {
            image.readRgbRow(y, rgb);
            for (int x = 0; x < w; x++) {
                long luminance = 299L * rgb[3 * x] + 587L * rgb[3 * x + 1] + 114L * rgb[3 * x + 2];
                hole[y * w + x] = luminance * 255 >= threshold;
            }
        }
        return new HoleMask(w, h, hole);
    }

    public static HoleMask read(Path file, ImageLimits limits) {
        return read(ImageFiles.readAll(file), limits);
    }

    /** 8-bit grey PNG: 255 where the hole is, 0 where pixels are known. */
    public static byte[] writePng(HoleMask mask) {
        int w = mask.width();
        BufferedImage image = new BufferedImage(w, mask.height(), BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster raster = image.getRaster();
        int[] row = new int[w];
        for (int y = 0; y < mask.height(); y++) {
            for (int x = 0; x < w; x++) {
                row[x] = mask.isHole(y, x) ? 255 : 0;
            }
            raster.setSamples(0, y, w, 1, 0, row);
        }
        return ImageFiles.encodePng(image);
    }

    public static void writePng(HoleMask mask, Path file) {
        ImageFiles.writeAll(file, writePng(mask));
    }
}
