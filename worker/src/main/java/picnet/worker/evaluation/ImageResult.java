package picnet.worker.evaluation;

import java.util.Map;
import picnet.common.masks.MaskKind;

/**
 * Every method's measures on one (image, mask) pair of the test set. {@code methods} is keyed by
 * {@link Evaluator#MODEL}, {@link Evaluator#MEAN_FILL} and {@link Evaluator#DIFFUSION_FILL}, in that order.
 */
public record ImageResult(int index, String file, MaskKind mask, long seed, double holeFraction, double truthTv,
        Map<String, MethodScores> methods) {}
