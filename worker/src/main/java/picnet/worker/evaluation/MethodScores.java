package picnet.worker.evaluation;

import picnet.common.metrics.HoleL1ByDistance;
import picnet.common.metrics.ImageScores;

/**
 * One method's measures on one image: the sample the authors would report ({@code best}, chosen by
 * {@link ImageScores#bestIndex}), the mean over the kept samples, and the diversity among them
 * (0 for a deterministic baseline, which has one result; {@code diversityLpips} is null without an
 * LPIPS network). {@code bestByDistance} splits the best sample's hole L1 by distance from the hole's edge.
 */
public record MethodScores(int results, int bestRank, ImageScores best, ImageScores mean,
        double diversityL1, double diversityMsSsim, Double diversityLpips, HoleL1ByDistance bestByDistance) {

    /** A deterministic method: its one result is both the best and the mean. */
    public static MethodScores single(ImageScores scores, HoleL1ByDistance byDistance) {
        return new MethodScores(1, 1, scores, scores, 0, 0, null, byDistance);
    }
}
