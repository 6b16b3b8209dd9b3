package picnet.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import java.util.ArrayList;
import java.util.List;
import picnet.worker.model.layers.Module;
import picnet.worker.model.layers.SpectralConv2d;

/**
 * D (and D_rec, the same architecture): residual down-sampling with self-attention before
 * {@code encoder2}, one more residual block, then act and a 3x3 convolution without padding to a
 * (B, 1, H/32 - 2, W/32 - 2) map of LSGAN scores.
 */
public final class ResDiscriminator extends Module {
    private final ResBlockEncoderOptimized block0;
    private final List<ResBlock> encoders = new ArrayList<>();
    private final ShortLongTermAttention attn2;
    private final ResBlock block1;
    private final SpectralConv2d conv;
    private final int attentionBefore = 2;

    public ResDiscriminator(PicnetConfig cfg) {
        float a = PicnetConfig.SLOPE;
        block0 = child("block0", new ResBlockEncoderOptimized(3, cfg.ngf(), a));
        ShortLongTermAttention attention = null;
        for (int i = 0; i < cfg.layers() - 1; i++) {
            int in = cfg.width(i);
            if (i == attentionBefore) {
                attention = child("attn2", new ShortLongTermAttention(in));
            }
            encoders.add(child("encoder" + i, new ResBlock(in, cfg.width(i + 1), in, false, true, a)));
        }
        attn2 = attention;
        int top = cfg.width(cfg.layers() - 1);
        block1 = child("block1", new ResBlock(top, top, top, false, false, a));
        conv = child("conv", new SpectralConv2d(top, 1, 3, 0));
    }

    public NDArray forward(NDArray x) {
        NDArray h = block0.forward(x);
        for (int i = 0; i < encoders.size(); i++) {
            if (i == attentionBefore) {
                h = attn2.forward(h, null, null).out();
            }
            h = encoders.get(i).forward(h);
        }
        return conv.forward(Activation.leakyRelu(block1.forward(h), PicnetConfig.SLOPE));
    }
}
