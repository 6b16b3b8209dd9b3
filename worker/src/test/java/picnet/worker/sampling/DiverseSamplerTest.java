package picnet.worker.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picnet.common.images.RgbImage;
import picnet.common.masks.HoleMask;
import picnet.common.masks.MaskGenerator;
import picnet.common.masks.MaskKind;
import picnet.worker.model.PicnetConfig;
import picnet.worker.model.PicnetNetworks;

/** Diverse sampling with the real engine, on a small random-weight model. */
public class DiverseSamplerTest {
    static final int SIZE = 96;
    static DiverseSampler sampler;
    static DiverseSampler singleBatchSampler;

    @BeforeAll
    static void load() {
        sampler = new DiverseSampler(PicnetNetworks.random(PicnetConfig.released(SIZE), Device.cpu(), 11), 4);
        singleBatchSampler = new DiverseSampler(PicnetNetworks.random(PicnetConfig.released(SIZE), Device.cpu(), 11), 1);
    }

    @AfterAll
    static void close() {
        sampler.close();
        singleBatchSampler.close();
    }

    public static RgbImage gradient(int w, int h) {
        float[] v = new float[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                v[y * w + x] = (float) x / w;
                v[w * h + y * w + x] = (float) y / h;
                v[2 * w * h + y * w + x] = 0.5f;
            }
        }
        return new RgbImage(w, h, v);
    }

    /**
     * A model-size draw carries the generator's whole output, its own known pixels included, and that
     * output is what goes back into the photo ({@link ModelSample}).
     */
    @Test
    void theGeneratorsWholeOutputGoesBackIntoThePhoto() {
        int side = 2 * SIZE;
        RgbImage photo = gradient(side, side);
        HoleMask mask = MaskGenerator.generate(MaskKind.IRREGULAR, side, side, 3);
        CompletionRequest request = new CompletionRequest(photo, mask, 3, 3, 8);
        WindowedCompletion windowed = new WindowedCompletion(request, SIZE);
        CompletionRequest modelRequest = windowed.modelRequest();

        List<ModelSample> draws = sampler.sampleAtModelSize(modelRequest, (s, done, total) -> {}, () -> false);
        List<CompletedSample> regions = sampler.completeRegions(request, (s, done, total) -> {}, () -> false);

        assertEquals(3, draws.size());
        float[] input = modelRequest.image().chw();
        boolean[] hole = modelRequest.mask().hole();
        int plane = SIZE * SIZE;
        for (int k = 0; k < draws.size(); k++) {
            float[] output = draws.get(k).output().chw();
            double knownDifference = 0;
            int known = 0;
            for (int i = 0; i < 3 * plane; i++) {
                if (!hole[i % plane]) {
                    knownDifference += Math.abs(output[i] - input[i]);
                    known++;
                }
            }
            assertTrue(knownDifference / known > 1e-3, "draw " + k + " kept the input's known pixels: "
                    + knownDifference / known);
            assertEquals(draws.get(k).index(), regions.get(k).index());
            assertArrayEquals(windowed.complete(draws.get(k)).pixels().chw(), regions.get(k).region().pixels().chw());
        }
    }

    @Test
    void returnsTheTopKRankedByScoreWithKnownPixelsUntouched() {
        RgbImage image = gradient(SIZE, SIZE);
        HoleMask mask = MaskGenerator.generate(MaskKind.CENTER, SIZE, SIZE, 0);
        List<ScoredSample> seen = new ArrayList<>();
        List<ScoredSample> top = sampler.complete(new CompletionRequest(image, mask, 7, 3, 5),
                (s, done, total) -> {
                    assertEquals(seen.size() + 1, done);
                    assertEquals(7, total);
                    seen.add(s);
                }, () -> false);
        assertEquals(7, seen.size());
        assertEquals(3, top.size());
        double best = seen.stream().mapToDouble(ScoredSample::score).max().orElseThrow();
        assertEquals(best, top.get(0).score());
        assertTrue(top.get(0).score() >= top.get(1).score() && top.get(1).score() >= top.get(2).score());
        for (ScoredSample s : top) {
            float[] out = s.image().chw();
            int n = SIZE * SIZE;
            int changed = 0;
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < n; i++) {
                    if (!mask.hole()[i]) {
                        assertEquals(image.chw()[c * n + i], out[c * n + i], 1.5e-6f, "known pixel changed");
                    } else if (Math.abs(out[c * n + i] - image.chw()[c * n + i]) > 1e-3) {
                        changed++;
                    }
                }
            }
            assertTrue(changed > mask.holeCount(), "the hole was not filled");
        }
        // samples are different from each other (pluralistic)
        assertFalse(java.util.Arrays.equals(seen.get(0).image().chw(), seen.get(1).image().chw()));
    }

    @Test
    void theSameSeedGivesTheSameSamplesWhateverTheBatchSize() {
        RgbImage image = gradient(SIZE, SIZE);
        HoleMask mask = MaskGenerator.generate(MaskKind.REGULAR, SIZE, SIZE, 3);
        List<ScoredSample> a = sampler.complete(new CompletionRequest(image, mask, 5, 5, 42), SampleListener.NONE, () -> false);
        List<ScoredSample> b = singleBatchSampler.complete(new CompletionRequest(image, mask, 5, 5, 42), SampleListener.NONE, () -> false);
        List<ScoredSample> c = sampler.complete(new CompletionRequest(image, mask, 5, 5, 43), SampleListener.NONE, () -> false);
        for (int i = 0; i < 5; i++) {
            assertEquals(a.get(i).index(), b.get(i).index());
            assertArrayEquals(a.get(i).image().chw(), b.get(i).image().chw(), 1e-4f);
        }
        assertFalse(java.util.Arrays.equals(a.get(0).image().chw(), c.get(0).image().chw()));
    }

    @Test
    void otherSizesAreResizedForTheModelAndReturnedAtTheirOwnSize() {
        RgbImage image = gradient(150, 100);
        HoleMask mask = MaskGenerator.generate(MaskKind.CENTER, 150, 100, 0);
        List<ScoredSample> top = sampler.complete(new CompletionRequest(image, mask, 2, 1, 1), SampleListener.NONE, () -> false);
        RgbImage out = top.get(0).image();
        assertEquals(150, out.width());
        assertEquals(100, out.height());
        for (int i = 0; i < 150 * 100; i++) {
            if (!mask.hole()[i]) {
                assertEquals(image.chw()[i], out.chw()[i], "known pixel changed at " + i);
            }
        }
    }

    @Test
    void completionsLeaveNoArraysBehind() {
        try (PicnetNetworks nets = PicnetNetworks.random(PicnetConfig.released(SIZE), Device.cpu(), 3);
                DiverseSampler s = new DiverseSampler(nets, 3)) {
            RgbImage image = gradient(SIZE, SIZE);
            HoleMask mask = MaskGenerator.generate(MaskKind.IRREGULAR, SIZE, SIZE, 2);
            s.complete(new CompletionRequest(image, mask, 4, 2, 1), SampleListener.NONE, () -> false);
            int before = nets.manager().getManagedArrays().size();
            for (int i = 0; i < 5; i++) {
                s.complete(new CompletionRequest(image, mask, 7, 3, i), SampleListener.NONE, () -> false);
            }
            assertEquals(before, nets.manager().getManagedArrays().size(), "native arrays accumulated across completions");
        }
    }

    @Test
    void cancellationStopsBetweenBatches() {
        RgbImage image = gradient(SIZE, SIZE);
        HoleMask mask = MaskGenerator.generate(MaskKind.CENTER, SIZE, SIZE, 0);
        List<ScoredSample> seen = new ArrayList<>();
        assertThrows(CancellationException.class, () -> sampler.complete(new CompletionRequest(image, mask, 12, 12, 1),
                (s, done, total) -> seen.add(s), () -> seen.size() >= 4));
        assertEquals(4, seen.size());
    }
}
