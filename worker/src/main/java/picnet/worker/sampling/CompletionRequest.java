package picnet.worker.sampling;

import picnet.common.images.RgbImage;
import picnet.common.masks.HoleMask;

/**
 * One image to complete: {@code samples} completions are drawn, the {@code top} best by discriminator
 * score are kept. The same seed gives the same samples. {@code strategy} says how an image of another
 * size than the model's is fitted to it ({@link CompletionWindow}).
 */
public record CompletionRequest(RgbImage image, HoleMask mask, int samples, int top, long seed, SizeStrategy strategy) {
    public static final int MAX_SAMPLES = 100;

    public CompletionRequest {
        if (image.width() != mask.width() || image.height() != mask.height()) {
            throw new IllegalArgumentException("mask is " + mask.width() + "x" + mask.height()
                    + " but the image is " + image.width() + "x" + image.height());
        }
        if (samples < 1 || samples > MAX_SAMPLES) {
            throw new IllegalArgumentException("samples must be in 1.." + MAX_SAMPLES + ", got " + samples);
        }
        if (top < 1 || top > samples) {
            throw new IllegalArgumentException("top must be in 1.." + samples + ", got " + top);
        }
        if (mask.holeCount() == 0) {
            throw new IllegalArgumentException("the mask has no hole (no white pixel)");
        }
        if (strategy == null) {
            strategy = SizeStrategy.AUTO;
        }
    }

    /** A request with {@link SizeStrategy#AUTO}. */
    public CompletionRequest(RgbImage image, HoleMask mask, int samples, int top, long seed) {
        this(image, mask, samples, top, seed, SizeStrategy.AUTO);
    }
}
