package picnet.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import java.util.ArrayList;
import java.util.List;
import picnet.worker.model.layers.Module;

/**
 * G: from z and the encoder's features, up-samples through residual decoders with instance norm,
 * applies the short+long term attention at 1/8 of the image size, and emits an image at each of the
 * four finest scales; each image is fed, concatenated, into the next decoder.
 */
public final class ResGenerator extends Module {
    private final ResBlock generator;
    private final List<ResBlockDecoder> decoders = new ArrayList<>();
    private final List<Output> outputs = new ArrayList<>();
    private final ShortLongTermAttention attn1;

    public ResGenerator(PicnetConfig cfg) {
        float a = PicnetConfig.SLOPE;
        int top = cfg.width(cfg.layers() - 1);
        generator = child("generator", new ResBlock(cfg.zNc(), top, top, false, false, a));
        int firstOutput = cfg.layers() - cfg.outputScale(); // decoder index whose output is the coarsest image
        ShortLongTermAttention attention = null;
        for (int i = 0; i < cfg.layers(); i++) {
            int level = cfg.layers() - 1 - i;
            int in = cfg.width(level + 1) + (i > firstOutput ? 3 : 0);
            int out = cfg.width(level);
            decoders.add(child("decoder" + i, new ResBlockDecoder(in, out, out, true, a)));
            if (i == firstOutput) {
                attention = child("attn1", new ShortLongTermAttention(out));
            }
            if (i >= firstOutput) {
                outputs.add(child("out" + i, new Output(out, a)));
            }
        }
        attn1 = attention;
    }

    /** Images at the four scales (coarse to fine) and the attention map. */
    public record Result(List<NDArray> images, NDArray attention) {}

    /**
     * @param z (B, zNc, h, w) latent sample
     * @param deepest encoder feature f[4] (B, 128, h, w)
     * @param encoderFeature f[2], the feature the attention copies from (B, 128, 8h, 8w)
     * @param mask (B, 1, 8h, 8w) mask at that scale, 1 = known
     */
    public Result forward(NDArray z, NDArray deepest, NDArray encoderFeature, NDArray mask) {
        NDArray h = deepest.add(generator.forward(z));
        List<NDArray> images = new ArrayList<>();
        NDArray attention = null;
        for (int i = 0; i < decoders.size(); i++) {
            if (!images.isEmpty()) {
                h = NDArrays.concat(new NDList(h, images.get(images.size() - 1)), 1);
            }
            h = decoders.get(i).forward(h);
            if (attn1 != null && i == decoders.size() - outputs.size()) {
                ShortLongTermAttention.Result r = attn1.forward(h, encoderFeature, mask);
                h = r.out();
                attention = r.attention();
            }
            if (i >= decoders.size() - outputs.size()) {
                images.add(outputs.get(images.size()).forward(h));
            }
        }
        return new Result(images, attention);
    }
}
