package picnet.worker.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picnet.common.images.RgbImage;
import picnet.common.masks.HoleMask;
import picnet.worker.model.ModelLoader;
import picnet.worker.model.PicnetConfig;
import picnet.worker.model.layers.SpectralMode;

/** The mirrored border: its arithmetic with the real engine, and what it does for the shipped model. */
class MirrorMarginTest {
    @Test
    void isAnEighthOfTheModelRoundedToHalfTheStride() {
        assertEquals(16, MirrorMargin.forModel(PicnetConfig.released(128)).width());
        assertEquals(32, MirrorMargin.forModel(PicnetConfig.released(256)).width());
        assertEquals(16, MirrorMargin.forModel(PicnetConfig.released(96)).width());
        assertEquals(48, MirrorMargin.forModel(PicnetConfig.released(384)).width());
    }

    @Test
    void reflectsWithoutRepeatingTheEdgeAndCutsBackToTheInput() {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            NDArray x = m.arange(12f).reshape(1, 1, 3, 4);
            NDArray padded = new MirrorMargin(2).around(x);
            assertEquals(new Shape(1, 1, 7, 8), padded.getShape());
            // rows 2 1 | 0 1 2 | 1 0, columns 2 1 | 0 1 2 3 | 2 1
            assertArrayEquals(new float[] {10, 9, 8, 9, 10, 11, 10, 9}, padded.get("0, 0, 0, :").toFloatArray());
            assertArrayEquals(new float[] {2, 1, 0, 1, 2, 3, 2, 1}, padded.get("0, 0, 2, :").toFloatArray());
            assertArrayEquals(new float[] {6, 5, 4, 5, 6, 7, 6, 5}, padded.get("0, 0, 5, :").toFloatArray());
            assertArrayEquals(new float[] {2, 1, 0, 1, 2, 3, 2, 1}, padded.get("0, 0, 6, :").toFloatArray());
            assertArrayEquals(x.toFloatArray(), new MirrorMargin(2).inside(padded).toFloatArray());
            assertSame(x, MirrorMargin.NONE.around(x));
            assertThrows(IllegalArgumentException.class, () -> new MirrorMargin(3).around(x));
        }
    }

    @Test
    void appliesOnlyToHolesNearAnEdge() {
        MirrorMargin margin = new MirrorMargin(16);
        assertSame(MirrorMargin.NONE, margin.forHole(box(128, 32, 32, 96, 96)));
        assertSame(MirrorMargin.NONE, margin.forHole(box(128, 16, 16, 112, 112)));
        assertSame(margin, margin.forHole(box(128, 15, 40, 60, 60)));
        assertSame(margin, margin.forHole(box(128, 40, 40, 60, 113)));
        assertSame(MirrorMargin.NONE, margin.forHole(new HoleMask(128, 128, new boolean[128 * 128])));
    }

    /**
     * The shipped model on a smooth picture with strips 10 pixels wide along its edges, a wallpaper's
     * case: the border brings its fill closer to the truth, most of all at the outermost pixels.
     */
    @Test
    void theShippedModelFillsHolesAtTheEdgesBetterWithTheBorder() {
        int size = 128;
        RgbImage image = smooth(size);
        HoleMask mask = edgeStrips(size, 10);
        CompletionRequest request = new CompletionRequest(image, mask, 4, 4, 3);
        double[] withBorder;
        double[] without;
        Path shipped = Path.of("..", "models", "scenery");
        try (DiverseSampler sampler = new DiverseSampler(ModelLoader.load(shipped, Device.cpu(), 256), 2)) {
            withBorder = edgeErrors(sampler.complete(request, SampleListener.NONE, () -> false), image, mask);
        }
        try (DiverseSampler sampler = new DiverseSampler(ModelLoader.load(shipped, Device.cpu(), 256), 2,
                SpectralMode.FROZEN_CHANNELS_LAST, MirrorMargin.NONE)) {
            without = edgeErrors(sampler.complete(request, SampleListener.NONE, () -> false), image, mask);
        }
        // stage 17: 0.015 against 0.025 at the edge, 0.009 against 0.014 over the strips
        assertTrue(withBorder[0] < 0.8 * without[0], "outermost pixels: " + withBorder[0] + " vs " + without[0]);
        assertTrue(withBorder[1] < 0.9 * without[1], "whole strips: " + withBorder[1] + " vs " + without[1]);
    }

    /** Mean |sample - truth| (0..1) over the samples' hole pixels within 2 pixels of the edge, and over the whole hole. */
    private static double[] edgeErrors(List<ScoredSample> samples, RgbImage truth, HoleMask mask) {
        int n = truth.width() * truth.height();
        double[] sum = new double[2];
        int[] count = new int[2];
        for (ScoredSample s : samples) {
            for (int p = 0; p < n; p++) {
                if (!mask.hole()[p]) {
                    continue;
                }
                int x = p % truth.width();
                int y = p / truth.width();
                boolean outer = x < 2 || y < 2 || x >= truth.width() - 2 || y >= truth.height() - 2;
                for (int c = 0; c < 3; c++) {
                    double e = Math.abs(s.image().chw()[c * n + p] - truth.chw()[c * n + p]);
                    sum[1] += e;
                    count[1]++;
                    if (outer) {
                        sum[0] += e;
                        count[0]++;
                    }
                }
            }
        }
        return new double[] {sum[0] / count[0], sum[1] / count[1]};
    }

    private static RgbImage smooth(int size) {
        float[] v = new float[3 * size * size];
        int n = size * size;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double u = x / (double) size;
                double w = y / (double) size;
                v[y * size + x] = (float) (0.55 + 0.25 * Math.sin(3 * u + 1.5 * w));
                v[n + y * size + x] = (float) (0.35 + 0.2 * Math.cos(2 * w - u));
                v[2 * n + y * size + x] = (float) (0.7 + 0.2 * Math.sin(2.5 * u * w + 1));
            }
        }
        return new RgbImage(size, size, v);
    }

    /** Strips {@code width} wide along the middle half of each edge. */
    private static HoleMask edgeStrips(int size, int width) {
        boolean[] hole = new boolean[size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                boolean alongX = x >= size / 4 && x < 3 * size / 4;
                boolean alongY = y >= size / 4 && y < 3 * size / 4;
                hole[y * size + x] = (alongX && (y < width || y >= size - width)) || (alongY && (x < width || x >= size - width));
            }
        }
        return new HoleMask(size, size, hole);
    }

    private static HoleMask box(int size, int x0, int y0, int x1, int y1) {
        boolean[] hole = new boolean[size * size];
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                hole[y * size + x] = true;
            }
        }
        return new HoleMask(size, size, hole);
    }
}
