package picnet.worker.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * {@code F.interpolate(x, size, mode='bilinear', align_corners=True)} as two small matrix products
 * ({@code Ry @ x @ Rx^T}), exact and differentiable.
 */
public final class BilinearResize {
    private BilinearResize() {}

    public static NDArray alignCorners(NDArray x, int outH, int outW) {
        Shape s = x.getShape();
        int inH = (int) s.get(s.dimension() - 2);
        int inW = (int) s.get(s.dimension() - 1);
        if (inH == outH && inW == outW) {
            return x;
        }
        NDManager m = x.getManager();
        NDArray ry = m.create(weights(inH, outH), new Shape(outH, inH));
        NDArray rxT = m.create(weights(inW, outW), new Shape(outW, inW)).transpose();
        return ry.matMul(x).matMul(rxT);
    }

    /** Row i holds the interpolation weights of output i over the inputs. */
    static float[] weights(int in, int out) {
        float[] r = new float[out * in];
        double scale = out > 1 ? (double) (in - 1) / (out - 1) : 0;
        for (int i = 0; i < out; i++) {
            double src = i * scale;
            int lo = Math.min((int) Math.floor(src), in - 1);
            int hi = Math.min(lo + 1, in - 1);
            double frac = src - lo;
            r[i * in + lo] += (float) (1 - frac);
            r[i * in + hi] += (float) frac;
        }
        return r;
    }
}
