package picnet.common.images;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** Smaller copies of 8-bit images for display (thumbnails), not for the model. */
public final class ImageScaling {
    private ImageScaling() {}

    /**
     * The image scaled to {@code width} pixels wide, its aspect kept (height at least 1); the image itself
     * when it is not wider. Halves in bilinear steps first, so that a 12-megapixel photo shrunk to a
     * thumbnail averages its pixels instead of sampling a few of them.
     */
    public static BufferedImage toWidth(BufferedImage image, int width) {
        if (width < 1) {
            throw new IllegalArgumentException("width must be positive, got " + width);
        }
        int height = Math.max(1, (int) Math.round((double) image.getHeight() * width / image.getWidth()));
        BufferedImage current = image;
        while (current.getWidth() > width) {
            int w = Math.max(width, current.getWidth() / 2);
            int h = w == width ? height : Math.max(height, current.getHeight() / 2);
            current = draw(current, w, h);
        }
        return current;
    }

    private static BufferedImage draw(BufferedImage from, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(from, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
