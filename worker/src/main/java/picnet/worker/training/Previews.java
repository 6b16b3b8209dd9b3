package picnet.worker.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picnet.common.images.RgbImage;
import picnet.worker.data.Seeds;
import picnet.worker.data.TrainingBatch;
import picnet.worker.model.PicnetInference;
import picnet.worker.model.PicnetNetworks;
import picnet.worker.model.ResGenerator;
import picnet.worker.model.layers.SpectralMode;

/**
 * Evaluation-only forwards during training: a preview grid and the reconstruction error in the
 * hole. Spectral norm is frozen while they run, so they never move the power iteration and the
 * training trajectory is the same with or without them.
 */
public final class Previews {
    static final int GAP = 2;

    private Previews() {}

    /**
     * One row per image of {@code batch}: the masked input (hole grey), the reconstruction (posterior
     * mean), {@code samples} completions from the prior (fixed noise), and the original.
     */
    public static RgbImage grid(PicnetNetworks nets, TrainingBatch batch, int samples, long seed) {
        int b = batch.batchSize();
        int s = batch.size();
        List<float[]> columns = new ArrayList<>();
        nets.setSpectralMode(SpectralMode.FROZEN);
        try (NDManager scope = nets.manager().newSubManager()) {
            Tensors in = Tensors.of(scope, batch);
            float[] masked = in.truth.mul(in.mask).add(in.mask.neg().add(1f).mul(0.6f)).toFloatArray();
            columns.add(masked);
            NDArray zeros = scope.zeros(latentShape(nets, b));
            columns.add(composite(TwoPathObjective.paths(nets, in.truth, in.mask, zeros, zeros)
                    .finestReconstruction(), in).toFloatArray());
            PicnetInference.Encoded enc = PicnetInference.encode(nets, in.truth.mul(in.mask), in.mask);
            for (int k = 0; k < samples; k++) {
                Shape latent = latentShape(nets, b);
                NDArray eps = scope.create(Seeds.gaussian(Seeds.random(seed, Seeds.PREVIEW, k), (int) latent.size()), latent);
                ResGenerator.Result out = PicnetInference.generate(nets, enc, PicnetInference.sample(enc.prior(), eps));
                columns.add(composite(out.images().get(out.images().size() - 1), in).toFloatArray());
            }
            columns.add(batch.images());
        } finally {
            nets.setSpectralMode(SpectralMode.ADVANCE);
        }
        return tile(columns, b, s);
    }

    /** Mean |reconstruction - truth| over hole pixels, with the posterior sampled with {@code epsP}. */
    public static double holeL1(PicnetNetworks nets, TrainingBatch batch, float[] epsP) {
        nets.setSpectralMode(SpectralMode.FROZEN);
        try (NDManager scope = nets.manager().newSubManager()) {
            Tensors in = Tensors.of(scope, batch);
            NDArray eps = scope.create(epsP, latentShape(nets, batch.batchSize()));
            NDArray rec = TwoPathObjective.paths(nets, in.truth, in.mask, eps, eps).finestReconstruction();
            NDArray hole = in.mask.neg().add(1f);
            return rec.sub(in.truth).abs().mul(hole).sum().getFloat() / hole.sum().getFloat();
        } finally {
            nets.setSpectralMode(SpectralMode.ADVANCE);
        }
    }

    static Shape latentShape(PicnetNetworks nets, int batch) {
        int side = nets.config().latentSide();
        return new Shape(batch, nets.config().zNc(), side, side);
    }

    private static NDArray composite(NDArray generated, Tensors in) {
        return PicnetInference.composite(generated, in.truth.mul(in.mask), in.mask);
    }

    private record Tensors(NDArray truth, NDArray mask) {
        static Tensors of(NDManager scope, TrainingBatch batch) {
            Shape shape = new Shape(batch.batchSize(), 3, batch.size(), batch.size());
            return new Tensors(scope.create(batch.images(), shape), scope.create(batch.known(), shape));
        }
    }

    /** Columns of (B, 3, S, S) batches in [-1, 1] laid out as rows of images with small grey gaps. */
    private static RgbImage tile(List<float[]> columns, int rows, int s) {
        int cols = columns.size();
        int w = cols * s + (cols + 1) * GAP;
        int h = rows * s + (rows + 1) * GAP;
        float[] out = new float[3 * w * h];
        Arrays.fill(out, 0.5f);
        int per = 3 * s * s;
        for (int c = 0; c < cols; c++) {
            float[] src = columns.get(c);
            for (int r = 0; r < rows; r++) {
                int x0 = GAP + c * (s + GAP);
                int y0 = GAP + r * (s + GAP);
                for (int ch = 0; ch < 3; ch++) {
                    for (int y = 0; y < s; y++) {
                        for (int x = 0; x < s; x++) {
                            float v = (src[r * per + (ch * s + y) * s + x] + 1) / 2;
                            out[(ch * h + y0 + y) * w + x0 + x] = Math.min(1f, Math.max(0f, v));
                        }
                    }
                }
            }
        }
        return new RgbImage(w, h, out);
    }
}
