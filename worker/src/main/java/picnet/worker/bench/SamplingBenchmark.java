package picnet.worker.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import picnet.common.images.RgbImage;
import picnet.common.masks.HoleMask;
import picnet.common.masks.MaskGenerator;
import picnet.common.masks.MaskKind;
import picnet.worker.sampling.Completer;
import picnet.worker.sampling.CompletionRequest;
import picnet.worker.sampling.SampleListener;

/**
 * Milliseconds per sample of a whole completion (encoder once, G and D per sample, ranking), at the
 * model's size with a center hole, for several sample counts: one warm-up run, then the median of
 * {@code repeats} timed runs.
 */
public final class SamplingBenchmark {
    private SamplingBenchmark() {}

    public record Result(int samples, double medianMsPerSample, double[] msPerSampleRuns) {
        public double samplesPerSecond() {
            return 1000.0 / medianMsPerSample;
        }
    }

    public static List<Result> run(Completer completer, int[] sampleCounts, int repeats, Consumer<String> log) {
        int size = completer.modelSize();
        RgbImage image = syntheticImage(size);
        HoleMask mask = MaskGenerator.generate(MaskKind.CENTER, size, size, 0);
        List<Result> results = new ArrayList<>();
        for (int n : sampleCounts) {
            CompletionRequest request = new CompletionRequest(image, mask, n, Math.min(10, n), 7);
            completer.complete(request, SampleListener.NONE, () -> false); // warm-up
            double[] runs = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                long start = System.nanoTime();
                completer.complete(request, SampleListener.NONE, () -> false);
                runs[r] = (System.nanoTime() - start) / 1e6 / n;
                log.accept(String.format("N=%d run %d: %.1f ms/sample", n, r + 1, runs[r]));
            }
            double[] sorted = runs.clone();
            Arrays.sort(sorted);
            results.add(new Result(n, sorted[sorted.length / 2], runs));
        }
        return results;
    }

    /** A smooth colourful image, so the benchmark does not depend on any file. */
    static RgbImage syntheticImage(int size) {
        float[] v = new float[3 * size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int i = y * size + x;
                v[i] = (float) (0.5 + 0.5 * Math.sin(x * 0.05));
                v[size * size + i] = (float) y / size;
                v[2 * size * size + i] = (float) (0.5 + 0.5 * Math.cos((x + y) * 0.03));
            }
        }
        return new RgbImage(size, size, v);
    }
}
