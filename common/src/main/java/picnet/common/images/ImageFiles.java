package picnet.common.images;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Reading PNG/JPEG files into {@link RgbImage} and writing {@link RgbImage} as 8-bit RGB PNG. */
public final class ImageFiles {
    private ImageFiles() {
    }

    /**
     * Decodes a PNG or JPEG. Grey, palette and 16-bit images become RGB in [0, 1]; alpha is dropped.
     *
     * @throws InvalidImageException when the bytes are not a usable PNG/JPEG or exceed {@code limits}
     */
    public static RgbImage read(byte[] bytes, ImageLimits limits) {
        return toRgb(ImageDecoder.decode(bytes, limits));
    }

    /**
     * @throws UncheckedIOException when the file cannot be read at all
     * @throws InvalidImageException when its content is not a usable image
     */
    public static RgbImage read(Path file, ImageLimits limits) {
        return read(readAll(file), limits);
    }

    /** 8-bit RGB PNG; each value is clamped to [0, 1] and stored as {@code Math.round(v * 255)}. */
    public static byte[] writePng(RgbImage image) {
        return encodePng(toRgb8(image));
    }

    /** The 8-bit RGB raster that {@link #writePng(RgbImage)} encodes. */
    public static BufferedImage toRgb8(RgbImage image) {
        int w = image.width();
        int h = image.height();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        WritableRaster raster = out.getRaster();
        int[] row = new int[w];
        float[] chw = image.chw();
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                int base = (c * h + y) * w;
                for (int x = 0; x < w; x++) {
                    row[x] = toByte(chw[base + x]);
                }
                raster.setSamples(0, y, w, 1, c, row);
            }
        }
        return out;
    }

    /**
     * Decodes a PNG or JPEG straight to the 8-bit raster that {@code toRgb8(read(bytes, limits))} would give,
     * value for value, without the float image in between (3 bytes a pixel instead of 12).
     *
     * @throws InvalidImageException when the bytes are not a usable PNG/JPEG or exceed {@code limits}
     */
    public static BufferedImage readRgb8(byte[] bytes, ImageLimits limits) {
        DecodedImage decoded = ImageDecoder.decode(bytes, limits);
        int w = decoded.width();
        int h = decoded.height();
        float max = decoded.maxValue();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        WritableRaster raster = out.getRaster();
        int[] rgb = new int[3 * w];
        int[] row = new int[3 * w];
        for (int y = 0; y < h; y++) {
            decoded.readRgbRow(y, rgb);
            for (int i = 0; i < row.length; i++) {
                row[i] = toByte(rgb[i] / max);
            }
            raster.setPixels(0, y, w, 1, row);
        }
        return out;
    }

    public static void writePng(RgbImage image, Path file) {
        writeAll(file, writePng(image));
    }

    static int toByte(float v) {
        if (!(v > 0f)) {
            return 0; // also NaN
        }
        if (v >= 1f) {
            return 255;
        }
        return Math.round(v * 255f);
    }

    /** Encodes any BufferedImage as PNG; shared with the mask writer. */
    public static byte[] encodePng(BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", bytes)) {
                throw new IllegalStateException("this JVM has no ImageIO PNG writer for " + image);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("PNG encoding failed", e);
        }
        return bytes.toByteArray();
    }

    /** Reads a whole file, refusing files too large for one array instead of failing with OutOfMemoryError. */
    public static byte[] readAll(Path file) {
        try {
            long size = Files.size(file);
            if (size > Integer.MAX_VALUE - 16) {
                throw new InvalidImageException("file is " + size + " bytes, too large to be an acceptable image");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public static void writeAll(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static RgbImage toRgb(DecodedImage decoded) {
        int w = decoded.width();
        int h = decoded.height();
        float max = decoded.maxValue();
        float[] chw = new float[3 * w * h];
        int plane = w * h;
        int[] rgb = new int[3 * w];
        for (int y = 0; y < h; y++) {
            decoded.readRgbRow(y, rgb);
            int base = y * w;
            for (int x = 0; x < w; x++) {
                chw[base + x] = rgb[3 * x] / max;
                chw[plane + base + x] = rgb[3 * x + 1] / max;
                chw[2 * plane + base + x] = rgb[3 * x + 2] / max;
            }
        }
        return new RgbImage(w, h, chw);
    }
}
