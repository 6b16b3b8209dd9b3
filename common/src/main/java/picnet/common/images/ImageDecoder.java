package picnet.common.images;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Objects;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes PNG and JPEG bytes with javax.imageio, checking the header's dimensions against
 * {@link ImageLimits} before any pixel is decoded. Every failure surfaces as an
 * {@link InvalidImageException}; ImageIO's own exceptions only appear as its cause.
 */
public final class ImageDecoder {
    private static final String CORRUPT = "truncated or corrupt image data";

    private ImageDecoder() {
    }

    public static DecodedImage decode(byte[] bytes, ImageLimits limits) {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(limits, "limits");
        if (bytes.length == 0) {
            throw new InvalidImageException("empty file (0 bytes)");
        }
        ImageFormat format = ImageFormat.sniff(bytes);
        ImageReader reader = readerFor(format);
        try (ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(input, true, true);
            checkHeader(reader, limits);
            PrematureEndWatcher prematureEnd = new PrematureEndWatcher();
            reader.addIIOReadWarningListener(prematureEnd);
            DecodedImage image = new DecodedImage(reader.read(0));
            if (prematureEnd.seen()) {
                throw new InvalidImageException(CORRUPT + " (the file ends before the last pixel)");
            }
            return image;
        } catch (InvalidImageException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // ImageIO readers also throw unchecked exceptions (index, array size, ...) on malformed data.
            throw new InvalidImageException(CORRUPT, e);
        } finally {
            reader.dispose();
        }
    }

    /** A picture's width and height as its header gives them. */
    public record Dimensions(int width, int height) {
        public long pixels() {
            return (long) width * height;
        }
    }

    /**
     * The dimensions of a PNG or JPEG file read from its header, without decoding any pixel.
     *
     * @throws InvalidImageException when the file is not a PNG or JPEG or its header is unreadable
     */
    public static Dimensions dimensions(Path file) {
        byte[] head = new byte[16];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
        ImageReader reader = readerFor(ImageFormat.sniff(Arrays.copyOf(head, read)));
        try (ImageInputStream input = ImageIO.createImageInputStream(file.toFile())) {
            reader.setInput(input, true, true);
            return header(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        } finally {
            reader.dispose();
        }
    }

    private static void checkHeader(ImageReader reader, ImageLimits limits) {
        Dimensions d = header(reader);
        limits.check(d.width(), d.height());
    }

    private static Dimensions header(ImageReader reader) {
        try {
            return new Dimensions(reader.getWidth(0), reader.getHeight(0));
        } catch (IOException | RuntimeException e) {
            throw new InvalidImageException(CORRUPT + " (unreadable header)", e);
        }
    }

    private static ImageReader readerFor(ImageFormat format) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.imageIoName);
        if (!readers.hasNext()) {
            throw new IllegalStateException("this JVM has no ImageIO reader for " + format);
        }
        return readers.next();
    }
}
