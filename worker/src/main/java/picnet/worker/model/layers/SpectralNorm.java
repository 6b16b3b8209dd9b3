package picnet.worker.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Spectral normalisation (Miyato et al. 2018) as the reference computes it: W is {@code weight_bar}
 * viewed as (dim0, -1); {@code v = normalize(W^T u)}, {@code u = normalize(W v)},
 * {@code sigma = u . (W v)}, effective weight {@code weight_bar / sigma}. u and v get no gradient;
 * sigma does, through W.
 */
public final class SpectralNorm {
    static final float EPS = 1e-12f;

    private SpectralNorm() {}

    /** {@code x / (|x| + 1e-12)}. */
    public static NDArray normalize(NDArray x) {
        return x.div(x.norm().add(EPS));
    }

    /**
     * Advances u and v by one power iteration (in place, without gradient) when {@code advance},
     * then returns {@code weightBar / sigma}, owned by {@code scope}.
     */
    public static NDArray normalizedWeight(
            Parameter weightBar, Parameter u, Parameter v, boolean advance, NDManager scope) {
        Shape shape = weightBar.shape();
        NDArray w = weightBar.view(scope).reshape(shape.get(0), -1);
        if (advance) {
            try (NDManager iteration = scope.newSubManager()) {
                NDArray frozen = w.stopGradient();
                frozen.attach(iteration);
                NDArray newV = normalize(frozen.transpose().matMul(u.view(iteration)));
                NDArray newU = normalize(frozen.matMul(newV));
                newV.attach(iteration);
                newU.attach(iteration);
                v.value().intern(newV);
                u.value().intern(newU);
            }
        }
        NDArray sigma = w.matMul(v.view(scope)).mul(u.view(scope)).sum();
        return w.div(sigma).reshape(shape);
    }

    /** Advances u and v by {@code steps} power iterations, as {@code steps} training forwards would. */
    public static void iterate(Parameter weightBar, Parameter u, Parameter v, int steps) {
        try (NDManager scope = weightBar.value().getManager().newSubManager()) {
            for (int i = 0; i < steps; i++) {
                normalizedWeight(weightBar, u, v, true, scope);
            }
        }
    }
}
