package picnet.worker.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Milliseconds per sample of whole completions (encoder once, G and D per sample, ranking) at the
 * model's size with a generated hole ({@link #mask}). A candidate and a baseline configuration run
 * alternately in one process, so their ratio holds even on a noisy machine: one warm-up each, then the
 * median of {@code repeats} timed runs.
 */
public final class SamplingBenchmark {
    private SamplingBenchmark() {}

    public record Result(int samples, double candidateMs, double baselineMs) {
        public double speedup() {
            return baselineMs / candidateMs;
        }
    }

    public static List<Result> compare(Completer candidate, Completer baseline, MaskKind holes, int[] sampleCounts,
            int repeats, Consumer<String> log) {
        List<Result> results = new ArrayList<>();
        for (int n : sampleCounts) {
            CompletionRequest request = request(candidate.modelSize(), holes, n);
            run(candidate, request);
            run(baseline, request);
            double[] c = new double[repeats];
            double[] b = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                c[r] = run(candidate, request) / n;
                b[r] = run(baseline, request) / n;
                log.accept(String.format("N=%d run %d: %.1f ms/sample, baseline %.1f", n, r + 1, c[r], b[r]));
            }
            results.add(new Result(n, median(c), median(b)));
        }
        return results;
    }

    /**
     * Draws {@code samples} more samples in completions of 50 and returns the resident memory in MiB
     * after the first completion and after the last (a leak shows as growth).
     */
    public static long[] residentGrowth(Completer completer, int samples) {
        CompletionRequest request = request(completer.modelSize(), MaskKind.CENTER, Math.min(50, samples));
        run(completer, request);
        long before = residentMiB();
        for (int done = request.samples(); done < samples; done += request.samples()) {
            run(completer, request);
        }
        return new long[] {before, residentMiB()};
    }

    static long residentMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    private static double run(Completer completer, CompletionRequest request) {
        long start = System.nanoTime();
        completer.complete(request, SampleListener.NONE, () -> false);
        return (System.nanoTime() - start) / 1e6;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static CompletionRequest request(int size, MaskKind holes, int n) {
        return new CompletionRequest(syntheticImage(size), mask(holes, size), n, Math.min(10, n), 7);
    }

    /** The benchmark's hole of this kind: the generator's draw for seed 0. */
    public static HoleMask mask(MaskKind kind, int size) {
        return MaskGenerator.generate(kind, size, size, 0);
    }

    /** A smooth colourful image, so the benchmark does not depend on any file. */
    public static RgbImage syntheticImage(int size) {
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
