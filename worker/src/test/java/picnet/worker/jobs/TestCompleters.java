package picnet.worker.jobs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import picnet.common.images.RgbImage;
import picnet.common.masks.Box;
import picnet.common.masks.HoleMask;
import picnet.worker.sampling.CompletedRegion;
import picnet.worker.sampling.CompletedSample;
import picnet.worker.sampling.Completer;
import picnet.worker.sampling.CompletionRequest;
import picnet.worker.sampling.RegionListener;

/**
 * The one stand-in for the model in the job-system tests: real, deterministic, seeded work shaped like
 * PICNet sampling. Sample {@code i} of seed {@code s} fills the hole (a region: the hole's bounding box)
 * from a random generator seeded with (s, i) and scores itself from the same generator, so a redone job
 * gives identical samples. It reports each sample to the listener as it is made, sleeps {@code perSample} per sample, stops between samples
 * when cancelled, and throws on every attempt for {@link #POISON_SEED}. Tests rely only on the
 * {@link Completer} contract, so the real model can replace it.
 */
public final class TestCompleters {
    public static final String DEFAULT_MODEL = "places2-test";
    public static final String OTHER_MODEL = "celeba-test";
    /** A job with this seed throws on every attempt. */
    public static final long POISON_SEED = 666_666L;
    /** The size strategy of the last request a test completer received. */
    static final java.util.concurrent.atomic.AtomicReference<picnet.worker.sampling.SizeStrategy> LAST_STRATEGY =
            new java.util.concurrent.atomic.AtomicReference<>();

    private TestCompleters() {}

    public static CompleterProvider provider(Duration perSample) {
        return new CompleterProvider() {
            @Override
            public Completer open(String modelName) {
                if (!modelNames().contains(modelName)) {
                    throw new IllegalArgumentException("unknown model '" + modelName + "'; known: " + modelNames());
                }
                return new SeededCompleter(perSample);
            }

            @Override
            public List<String> modelNames() {
                return List.of(DEFAULT_MODEL, OTHER_MODEL);
            }

            @Override
            public String defaultModel() {
                return DEFAULT_MODEL;
            }
        };
    }

    static final class SeededCompleter implements Completer {
        private final Duration perSample;

        SeededCompleter(Duration perSample) {
            this.perSample = perSample;
        }

        @Override
        public List<CompletedSample> completeRegions(CompletionRequest request, RegionListener listener,
                                                     BooleanSupplier cancelled) {
            LAST_STRATEGY.set(request.strategy());
            if (request.seed() == POISON_SEED) {
                throw new IllegalStateException("poisoned input: the generator produced NaN");
            }
            List<CompletedSample> all = new ArrayList<>();
            for (int i = 0; i < request.samples(); i++) {
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException("cancelled after " + i + " samples");
                }
                sleep(perSample);
                CompletedSample sample = draw(request, i);
                all.add(sample);
                listener.onSample(sample, i + 1, request.samples());
            }
            all.sort(Comparator.comparingDouble(CompletedSample::score).reversed());
            return List.copyOf(all.subList(0, request.top()));
        }

        /** The hole's bounding box of the image, its hole pixels filled. */
        private static CompletedSample draw(CompletionRequest request, int index) {
            SplittableRandom random = new SplittableRandom(request.seed() * 1_000_003L + index);
            HoleMask mask = request.mask();
            Box box = mask.holeBounds();
            RgbImage region = request.image().crop(box);
            float[] out = region.chw();
            int plane = box.width() * box.height();
            float[] colour = {(float) random.nextDouble(), (float) random.nextDouble(), (float) random.nextDouble()};
            for (int y = box.y0(); y < box.y1(); y++) {
                for (int x = box.x0(); x < box.x1(); x++) {
                    if (mask.isHole(y, x)) {
                        int p = (y - box.y0()) * box.width() + x - box.x0();
                        for (int c = 0; c < 3; c++) {
                            float noise = (float) (random.nextDouble() * 0.1);
                            out[c * plane + p] = Math.min(1f, colour[c] + noise);
                        }
                    }
                }
            }
            double score = Math.round(random.nextDouble() * 1e6) / 1e6;
            return new CompletedSample(index, score, new CompletedRegion(box, region));
        }

        @Override
        public int modelSize() {
            return 256;
        }

        @Override
        public void close() {}

        private static void sleep(Duration duration) {
            try {
                Thread.sleep(duration.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted");
            }
        }
    }
}
