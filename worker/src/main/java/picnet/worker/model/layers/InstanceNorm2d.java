package picnet.worker.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** {@code InstanceNorm2d(affine=True, eps=1e-5)}: per sample and channel, biased variance, no running stats. */
public final class InstanceNorm2d extends Module implements Layer {
    static final float EPS = 1e-5f;
    private final Parameter weight;
    private final Parameter bias;
    private final int channels;

    public InstanceNorm2d(int channels) {
        this.channels = channels;
        weight = parameter("weight", new Shape(channels));
        bias = parameter("bias", new Shape(channels));
    }

    public NDArray forward(NDArray x) {
        NDManager scope = x.getManager();
        return instanceNorm(x, weight.view(scope).reshape(1, channels, 1, 1), bias.view(scope).reshape(1, channels, 1, 1));
    }

    /** The op itself: {@code (x - mean) / sqrt(var + eps) * gamma + beta} over H and W. */
    public static NDArray instanceNorm(NDArray x, NDArray gamma, NDArray beta) {
        NDArray centred = x.sub(spatialMean(x));
        NDArray variance = spatialMean(centred.square());
        return centred.div(variance.add(EPS).sqrt()).mul(gamma).add(beta);
    }

    /**
     * Mean over H and W, kept as (B, C, 1, 1). DJL's PyTorch engine reduces one axis at a time; two
     * reductions (rather than a reshape) keep channels-last inputs from being copied.
     */
    private static NDArray spatialMean(NDArray x) {
        return x.mean(new int[] {3}, true).mean(new int[] {2}, true);
    }
}
