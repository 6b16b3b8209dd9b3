package picnet.worker.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.List;
import picnet.worker.model.layers.BilinearResize;

/**
 * The test-time path of PICNet: encode the masked image once, then generate from any number of
 * latent samples. Tensors are NCHW in [-1, 1]; masks have 1 = known pixel.
 */
public final class PicnetInference {
    /** Scale of the attention layer relative to the image (1/8 for the released architecture). */
    static final int ATTENTION_STRIDE = 8;

    private PicnetInference() {}

    /** What the encoder computes once per image and every sample reuses. */
    public record Encoded(List<NDArray> features, ResEncoder.Distribution prior, NDArray attentionMask) {
        public NDArray deepest() {
            return features.get(features.size() - 1);
        }

        /** The feature the long-term attention copies from (f[2]). */
        public NDArray attentionFeature() {
            return features.get(2);
        }
    }

    /**
     * @param maskedImage (B, 3, H, W) {@code mask * image}
     * @param mask (B, C, H, W), 1 = known; the first channel is used
     */
    public static Encoded encode(PicnetNetworks nets, NDArray maskedImage, NDArray mask) {
        List<NDArray> features = nets.encoder().features(maskedImage);
        ResEncoder.Distribution prior = nets.encoder().prior(features.get(features.size() - 1));
        return new Encoded(features, prior, attentionMask(mask));
    }

    /** The mask at the attention's scale: first channel, bilinear with aligned corners. */
    public static NDArray attentionMask(NDArray mask) {
        long h = mask.getShape().get(2);
        long w = mask.getShape().get(3);
        return BilinearResize.alignCorners(mask.get(new NDIndex(":, 0:1")),
                (int) (h / ATTENTION_STRIDE), (int) (w / ATTENTION_STRIDE));
    }

    /** {@code mu + std * eps}, owned by the manager of {@code eps}. */
    public static NDArray sample(ResEncoder.Distribution d, NDArray eps) {
        return eps.mul(d.std()).add(d.mu());
    }

    /**
     * Generates from a batch of latents for one or more encoded images; when {@code z} has a larger batch
     * than the encoding (several samples of one image), the encoder's tensors are repeated to match.
     */
    public static ResGenerator.Result generate(PicnetNetworks nets, Encoded encoded, NDArray z) {
        long samples = z.getShape().get(0);
        NDManager scope = z.getManager();
        return nets.generator().forward(z, repeat(encoded.deepest(), samples, scope),
                repeat(encoded.attentionFeature(), samples, scope), repeat(encoded.attentionMask(), samples, scope));
    }

    /** {@code (1 - mask) * generated + mask * maskedImage}: known pixels are kept exactly. */
    public static NDArray composite(NDArray generated, NDArray maskedImage, NDArray mask) {
        return mask.neg().add(1).mul(generated).add(mask.mul(maskedImage));
    }

    /**
     * {@code x} repeated to {@code batch} along the batch axis, owned by {@code scope}: the encoding
     * lives as long as its request, while everything computed from it per batch must go with the batch.
     */
    static NDArray repeat(NDArray x, long batch, NDManager scope) {
        long b = x.getShape().get(0);
        if (b != batch && b != 1) {
            throw new IllegalArgumentException("cannot repeat a batch of " + b + " to " + batch);
        }
        NDArray alias = x.reshape(x.getShape());
        alias.attach(scope);
        return b == batch ? alias : alias.repeat(0, batch);
    }
}
