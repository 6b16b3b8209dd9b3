package picnet.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Activation;
import java.util.ArrayList;
import java.util.List;
import picnet.worker.model.layers.Module;

/**
 * E: a residual down-sampling encoder whose five feature maps the generator reuses, and two
 * distribution heads: {@code prior} (after {@code infer_prior0..L-1}, from the visible part) and
 * {@code posterior} (directly, from the hole's content).
 */
public final class ResEncoder extends Module {
    private final ResBlockEncoderOptimized block0;
    private final List<ResBlock> encoders = new ArrayList<>();
    private final List<ResBlock> inferPrior = new ArrayList<>();
    private final ResBlock prior;
    private final ResBlock posterior;
    private final int zNc;

    public ResEncoder(PicnetConfig cfg) {
        float a = PicnetConfig.SLOPE;
        zNc = cfg.zNc();
        block0 = child("block0", new ResBlockEncoderOptimized(3, cfg.ngf(), a));
        for (int i = 0; i < cfg.layers() - 1; i++) {
            int in = cfg.width(i);
            encoders.add(child("encoder" + i, new ResBlock(in, cfg.width(i + 1), in, false, true, a)));
        }
        int top = cfg.width(cfg.layers() - 1);
        for (int i = 0; i < cfg.encoderL(); i++) {
            inferPrior.add(child("infer_prior" + i, new ResBlock(top, top, top, false, false, a)));
        }
        prior = child("prior", new ResBlock(top, 2 * cfg.zNc(), top, false, false, a));
        posterior = child("posterior", new ResBlock(top, 2 * cfg.zNc(), top, false, false, a));
    }

    /** A diagonal Gaussian over the latent map. */
    public record Distribution(NDArray mu, NDArray std) {}

    /** Features f[0..4] of a batch. */
    public List<NDArray> features(NDArray x) {
        List<NDArray> f = new ArrayList<>();
        NDArray h = block0.forward(x);
        f.add(h);
        for (ResBlock e : encoders) {
            h = e.forward(h);
            f.add(h);
        }
        return f;
    }

    /** The one path (test time): the prior over z of a masked image, from its deepest feature. */
    public Distribution prior(NDArray deepest) {
        NDArray h = deepest;
        for (ResBlock b : inferPrior) {
            h = b.forward(h);
        }
        return split(prior.forward(h));
    }

    public Distribution posterior(NDArray deepest) {
        return split(posterior.forward(deepest));
    }

    private Distribution split(NDArray out) {
        NDArray mu = out.get(new NDIndex(":, 0:{}", zNc));
        NDArray raw = out.get(new NDIndex(":, {}:", zNc));
        return new Distribution(mu, softplus(raw));
    }

    /** {@code log(1 + exp(x))}, computed without overflow. */
    static NDArray softplus(NDArray x) {
        return Activation.relu(x).add(x.abs().neg().exp().add(1).log());
    }

}
