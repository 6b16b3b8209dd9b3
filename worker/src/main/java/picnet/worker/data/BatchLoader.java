package picnet.worker.data;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decodes and augments batches on background threads, at most {@code prefetch} batches ahead of
 * the trainer (a bounded window), and hands them out in step order. Because a batch is a pure
 * function of its step, the result does not depend on the thread count or timing.
 */
public final class BatchLoader implements AutoCloseable {
    private final TrainingDataset data;
    private final int batchSize;
    private final int prefetch;
    private final ExecutorService pool;
    private final Deque<Future<TrainingBatch>> window = new ArrayDeque<>();
    private long nextToSubmit;

    public BatchLoader(TrainingDataset data, int batchSize, long firstStep, int threads, int prefetch) {
        if (batchSize < 1 || threads < 1 || prefetch < 1) {
            throw new IllegalArgumentException("batch size, threads and prefetch must be positive");
        }
        this.data = data;
        this.batchSize = batchSize;
        this.prefetch = prefetch;
        this.nextToSubmit = firstStep;
        AtomicInteger id = new AtomicInteger();
        pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "picnet-data-" + id.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        fill();
    }

    /** The next step's batch, waiting for it if the workers are behind. */
    public TrainingBatch next() {
        Future<TrainingBatch> head = window.removeFirst();
        fill();
        try {
            return head.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for training data", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("loading training data failed: " + e.getCause(), e.getCause());
        }
    }

    /** Builds a batch on the calling thread (previews, tests). */
    public static TrainingBatch load(TrainingDataset data, int batchSize, long step) {
        List<TrainingDataset.Sample> samples = new ArrayList<>(batchSize);
        for (int i = 0; i < batchSize; i++) {
            samples.add(data.sample(step * batchSize + i));
        }
        return TrainingBatch.of(step, samples, data.size());
    }

    private void fill() {
        while (window.size() < prefetch) {
            long step = nextToSubmit++;
            window.addLast(pool.submit(() -> load(data, batchSize, step)));
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
