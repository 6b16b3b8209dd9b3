package picnet.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import picnet.worker.model.layers.Module;
import picnet.worker.model.layers.Parameter;
import picnet.worker.model.layers.PlainConv2d;

/**
 * The short+long term attention layer ({@code Auto_Attn} in the authors' keys). Self-attention over
 * the decoder feature ("short term"); with an encoder feature {@code pre} and the mask, it also copies
 * encoder features into the hole by the same attention ("long term") and fuses both with a residual
 * block. Without {@code pre} (in the discriminator) only the self-attention is applied.
 */
public final class ShortLongTermAttention extends Module {
    /** The residual block inside the layer uses PyTorch's default LeakyReLU slope. */
    static final float INNER_SLOPE = 0.01f;

    private final PlainConv2d queryConv;
    private final Parameter gamma;
    private final Parameter alpha;
    private final ResBlock model;

    public ShortLongTermAttention(int channels) {
        queryConv = child("query_conv", new PlainConv2d(channels, channels / 4));
        gamma = parameter("gamma", new Shape(1));
        alpha = parameter("alpha", new Shape(1));
        model = child("model", new ResBlock(2 * channels, channels, channels, false, false, INNER_SLOPE));
    }

    /** The layer's output and its (B, N, N) attention map. */
    public record Result(NDArray out, NDArray attention) {}

    /** @param mask (B, 1, H, W), 1 = known pixel, or null together with {@code pre} */
    public Result forward(NDArray x, NDArray pre, NDArray mask) {
        NDManager scope = x.getManager();
        Shape s = x.getShape();
        long b = s.get(0);
        long c = s.get(1);
        long n = s.get(2) * s.get(3);
        NDArray q = queryConv.forward(x).reshape(b, c / 4, n);
        NDArray attention = q.transpose(0, 2, 1).matMul(q).softmax(-1);
        NDArray attentionT = attention.transpose(0, 2, 1);
        NDArray out = x.reshape(b, c, n).matMul(attentionT).reshape(s).mul(gamma.view(scope)).add(x);
        if (pre == null) {
            return new Result(out, attention);
        }
        NDArray context = pre.reshape(b, c, n).matMul(attentionT).reshape(s);
        NDArray flow = context.mul(alpha.view(scope)).mul(mask.neg().add(1)).add(pre.mul(mask));
        return new Result(model.forward(NDArrays.concat(new NDList(out, flow), 1)), attention);
    }
}
