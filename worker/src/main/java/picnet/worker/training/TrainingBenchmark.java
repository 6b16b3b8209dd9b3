package picnet.worker.training;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import picnet.worker.data.Seeds;
import picnet.worker.model.PicnetConfig;
import picnet.worker.model.PicnetNetworks;

/**
 * Seconds per full training step (both paths, D step, generator step, both Adam updates) with random
 * weights on a synthetic batch with a centre hole: one warm-up step, then the median of the timed ones.
 */
public final class TrainingBenchmark {
    private TrainingBenchmark() {}

    public record Result(int batch, double medianSeconds, double[] runs) {
        public double imagesPerSecond() {
            return batch / medianSeconds;
        }
    }

    public static List<Result> run(Device device, int size, int[] batches, int repeats, Consumer<String> log) {
        List<Result> results = new ArrayList<>();
        try (PicnetNetworks nets = PicnetNetworks.random(PicnetConfig.released(size), device, 1);
                TrainingStep step = new TrainingStep(nets, new LearningRateSchedule(AdamOptimizer.LR, 1_000_000, 0))) {
            for (int b : batches) {
                try (NDManager scope = nets.manager().newSubManager()) {
                    Shape image = new Shape(b, 3, size, size);
                    Shape latent = Previews.latentShape(nets, b);
                    NDArray truth = scope.create(Seeds.gaussian(Seeds.random(1, 0, b), (int) image.size()), image)
                            .clip(-1f, 1f);
                    NDArray mask = scope.ones(image);
                    mask.set(new ai.djl.ndarray.index.NDIndex(":, :, {}:{}, {}:{}", size / 4, 3 * size / 4,
                            size / 4, 3 * size / 4), 0f);
                    NDArray epsP = scope.create(Seeds.gaussian(Seeds.random(1, 1, b), (int) latent.size()), latent);
                    NDArray epsQ = scope.create(Seeds.gaussian(Seeds.random(1, 2, b), (int) latent.size()), latent);
                    step.run(0, truth, mask, epsP, epsQ); // warm-up
                    double[] runs = new double[repeats];
                    for (int r = 0; r < repeats; r++) {
                        long start = System.nanoTime();
                        step.run(r + 1, truth, mask, epsP, epsQ);
                        runs[r] = (System.nanoTime() - start) / 1e9;
                        log.accept(String.format("batch %d run %d: %.2f s/step", b, r + 1, runs[r]));
                    }
                    double[] sorted = runs.clone();
                    Arrays.sort(sorted);
                    results.add(new Result(b, sorted[sorted.length / 2], runs));
                }
            }
        }
        return results;
    }
}
