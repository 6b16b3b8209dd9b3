package picnet.worker.sampling;

import java.util.Comparator;
import picnet.common.images.RgbImage;

/**
 * One draw at the model size, before it goes back into the photo: {@code output} is the generator's
 * whole image for the window, its reconstruction of the known pixels included, and {@code score} is the
 * discriminator's mean score of the output with the known pixels put back (higher is better).
 * {@code index} is the draw order, stable for a seed.
 *
 * <p>The whole output, not that composite, is what {@link CompletionWindow#completeRegion} enlarges:
 * near the hole's edge an enlarged composite mixes the generated pixels with a shrunken copy of the known
 * ones, a blurred step that the blend cannot tell from content, while the output is continuous across the
 * edge, so any colour offset between it and the photo is measured cleanly and blended away. Only hole
 * pixels of the output reach a result.
 */
public record ModelSample(int index, double score, RgbImage output) {
    /** Best first: higher score, then earlier draw. */
    public static final Comparator<ModelSample> RANKING =
            Comparator.comparingDouble(ModelSample::score).reversed().thenComparingInt(ModelSample::index);
}
