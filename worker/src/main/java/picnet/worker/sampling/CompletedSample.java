package picnet.worker.sampling;

import picnet.common.images.RgbImage;

/**
 * One completion as the part of the photo it changes: {@code index} and {@code score} as in
 * {@link ScoredSample}, {@code region} the pixels that differ from the photo (every other pixel is the
 * photo's own).
 */
public record CompletedSample(int index, double score, CompletedRegion region) {
    /** The photo-size sample: a copy of {@code photo} with the region written over it. */
    public ScoredSample on(RgbImage photo) {
        return new ScoredSample(index, score, region.into(photo));
    }
}
