package picnet.worker.model;

/**
 * The architecture's sizes, as the authors' options name them: {@code ngf} base width, {@code zNc}
 * latent channels, {@code imgF} widest layer, {@code layers} down/up-sampling steps,
 * {@code encoderL} infer_prior blocks, {@code outputScale} image scales the generator emits.
 */
public record PicnetConfig(int size, int ngf, int zNc, int imgF, int layers, int encoderL, int outputScale) {
    public static final float SLOPE = 0.1f;

    /** The released models' configuration (CelebA-HQ, Paris, Places2), at a given image size. */
    public static PicnetConfig released(int size) {
        return new PicnetConfig(size, 32, 128, 128, 5, 6, 4);
    }

    public PicnetConfig {
        if (size < 96 || size % 32 != 0) {
            throw new IllegalArgumentException("image size must be a multiple of 32 and at least 96, got " + size);
        }
        if (layers != 5 || outputScale != 4) {
            throw new IllegalArgumentException("only layers=5 and outputScale=4 (the released architecture) are supported");
        }
    }

    /** Width of encoder level i (0 = block0): ngf * 2^i capped at imgF. */
    int width(int level) {
        return Math.min(ngf << level, imgF);
    }

    /** How many input pixels one latent cell spans (2^layers): every image side must be a multiple of it. */
    public int stride() {
        return 1 << layers;
    }

    /** Side of the latent map (size / 2^layers). */
    public int latentSide() {
        return size >> layers;
    }
}
