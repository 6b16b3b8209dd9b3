package picnet.worker.sampling;

import picnet.common.images.RgbImage;

/**
 * One completion at the input's size, known pixels untouched. {@code index} is the order in which it
 * was drawn (stable for a seed); {@code score} is the mean discriminator score, higher is better.
 */
public record ScoredSample(int index, double score, RgbImage image) {
}
