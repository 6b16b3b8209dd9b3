package picnet.worker.model;

import ai.djl.ndarray.NDArray;
import picnet.worker.model.layers.SpectralConvTranspose2d;

/**
 * The up-sampling residual block: main = [norm] act, conv3x3(in->hidden), [norm] act,
 * convT3x3(hidden->out, stride 2); shortcut = convT3x3(in->out, stride 2). Keys as in
 * {@link ResidualBranches}; norms at {@code model.0} and {@code model.3}.
 */
public final class ResBlockDecoder extends ResidualBranches<SpectralConvTranspose2d> {
    public ResBlockDecoder(int in, int out, int hidden, boolean instanceNorm, float slope) {
        super(in, hidden, instanceNorm, slope, new SpectralConvTranspose2d(hidden, out), new SpectralConvTranspose2d(in, out));
    }

    public NDArray forward(NDArray x) {
        return main(x).add(shortcut(x));
    }
}
