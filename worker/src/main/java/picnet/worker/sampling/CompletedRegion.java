package picnet.worker.sampling;

import picnet.common.images.RgbImage;
import picnet.common.masks.Box;

/**
 * The pixels of a photo-size completion that differ from the photo: {@code pixels} belong at
 * {@code region}. Much smaller than the photo when the hole is, and pasting it is a copy, not a blend.
 */
public record CompletedRegion(Box region, RgbImage pixels) {
    public CompletedRegion {
        if (pixels.width() != region.width() || pixels.height() != region.height()) {
            throw new IllegalArgumentException("a " + pixels.width() + "x" + pixels.height() + " image for " + region);
        }
    }

    /** A copy of {@code photo} with this region written over it. */
    public RgbImage into(RgbImage photo) {
        return photo.paste(pixels, region.x0(), region.y0());
    }
}
