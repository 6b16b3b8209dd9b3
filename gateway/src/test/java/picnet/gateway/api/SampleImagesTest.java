package picnet.gateway.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picnet.common.images.ImageFiles;
import picnet.common.images.ImageLimits;
import picnet.common.images.RgbImage;
import picnet.common.jobs.CompletionJob;
import picnet.common.jobs.JobEvent;
import picnet.gateway.jobs.JobState;
import picnet.gateway.jobs.JobStore;

/** Sample files made from an original and a patch are kept up to their total size, the last asked for first. */
@ExtendWith(VertxExtension.class)
class SampleImagesTest {
    private JobState job;
    private Context context;
    private WorkerExecutor executor;

    @BeforeEach
    void setUp(Vertx vertx) {
        JobStore store = new JobStore(10);
        store.apply(JobEvent.queued(new CompletionJob("j", null, 2, 2, 0, noise(96, 64, 1), new byte[1], 0)));
        store.apply(JobEvent.sample("j", 0, 0.9, new JobEvent.Patch(10, 12, noise(20, 16, 2)), 1));
        store.apply(JobEvent.sample("j", 1, 0.8, new JobEvent.Patch(40, 20, noise(20, 16, 3)), 2));
        job = store.get("j").orElseThrow();
        context = vertx.getOrCreateContext();
        executor = vertx.createSharedWorkerExecutor("sample-images-test", 1);
    }

    @Test
    void aFileAskedForAgainIsNotMadeAgain() throws Exception {
        SampleImages images = new SampleImages(executor, ImageLimits.DEFAULT, 1, 1L << 20);
        byte[] full = onContext(() -> images.png(job, job.sample(0)));
        assertSame(full, onContext(() -> images.png(job, job.sample(0))));
        byte[] thumbnail = onContext(() -> images.png(job, job.sample(0), 48));
        assertSame(thumbnail, onContext(() -> images.png(job, job.sample(0), 48)));
        assertEquals(48, ImageFiles.readRgb8(thumbnail, ImageLimits.DEFAULT).getWidth());
        assertEquals(96, ImageFiles.readRgb8(full, ImageLimits.DEFAULT).getWidth());
        assertEquals(full.length + thumbnail.length, onContext(() -> Future.succeededFuture(images.keptBytes())));
    }

    @Test
    void theFileAskedForLongestAgoIsForgottenFirst() throws Exception {
        SampleImages sizing = new SampleImages(executor, ImageLimits.DEFAULT, 1, 0);
        byte[] first = onContext(() -> sizing.png(job, job.sample(0)));
        byte[] second = onContext(() -> sizing.png(job, job.sample(1)));
        assertNotSame(first, onContext(() -> sizing.png(job, job.sample(0))), "0 bytes keeps nothing");
        assertEquals(0L, onContext(() -> Future.succeededFuture(sizing.keptBytes())));

        SampleImages images = new SampleImages(executor, ImageLimits.DEFAULT, 1, Math.max(first.length, second.length));
        byte[] kept0 = onContext(() -> images.png(job, job.sample(0)));
        byte[] kept1 = onContext(() -> images.png(job, job.sample(1)));
        assertSame(kept1, onContext(() -> images.png(job, job.sample(1))), "the last one asked for stays");
        byte[] remade0 = onContext(() -> images.png(job, job.sample(0)));
        assertNotSame(kept0, remade0, "the older one was forgotten to make room");
        assertArrayEquals(first, remade0, "a file made again is the same file");
        assertTrue(onContext(() -> Future.succeededFuture(images.keptBytes())) <= Math.max(first.length, second.length));
    }

    private <T> T onContext(Supplier<Future<T>> call) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        context.runOnContext(v -> call.get().onComplete(ar -> {
            if (ar.succeeded()) {
                result.complete(ar.result());
            } else {
                result.completeExceptionally(ar.cause());
            }
        }));
        return result.get(30, TimeUnit.SECONDS);
    }

    private static byte[] noise(int width, int height, long seed) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        float[] chw = new float[3 * width * height];
        for (int i = 0; i < chw.length; i++) {
            chw[i] = random.nextInt(256) / 255f;
        }
        return ImageFiles.writePng(new RgbImage(width, height, chw));
    }
}
