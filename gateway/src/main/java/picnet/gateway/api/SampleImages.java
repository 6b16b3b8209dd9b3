package picnet.gateway.api;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.awt.image.BufferedImage;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import picnet.common.images.ImageFiles;
import picnet.common.images.ImageLimits;
import picnet.common.images.ImageScaling;
import picnet.common.images.SamplePatches;
import picnet.common.jobs.JobEvent;
import picnet.gateway.jobs.JobState;

/**
 * A sample's PNG file, made on a worker executor: the job's original image with the sample's patch pasted
 * in, byte for byte the PNG the worker would have made of the whole sample. The decoded originals of the
 * last few jobs asked for are kept (8-bit, 3 bytes a pixel: 36 MB for 12 megapixels), and a decode in
 * progress is shared, so the samples of one job decode its photo once. The PNG files made are kept too, up
 * to a total size, the last asked for first: encoding a 12-megapixel PNG takes most of a second, and a
 * sample's file never changes. Used on the gateway's event loop only.
 */
public final class SampleImages {
    private final WorkerExecutor executor;
    private final ImageLimits limits;
    private final Map<String, Future<BufferedImage>> originals;
    private final Map<String, Future<byte[]>> made = new LinkedHashMap<>(16, 0.75f, true);
    private final long keptPngBytes;
    private long madeBytes;

    /** @param keptPngBytes total size of the PNG files kept (0 keeps none) */
    public SampleImages(WorkerExecutor executor, ImageLimits limits, int keptOriginals, long keptPngBytes) {
        this.executor = executor;
        this.limits = limits;
        this.keptPngBytes = keptPngBytes;
        this.originals = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Future<BufferedImage>> eldest) {
                return size() > keptOriginals;
            }
        };
    }

    /**
     * The sample's PNG: as it travelled when it is a whole sample (events written before patches), else
     * the original with the patch. Fails with a 404 {@link ApiError} when the job's original is unknown
     * (its queued event was written before originals travelled with it).
     */
    public Future<byte[]> png(JobState job, JobState.Sample sample) {
        if (sample.png() != null) {
            return Future.succeededFuture(sample.png());
        }
        return kept(job, sample, 0, () -> withPatch(job, sample, (original, patch) ->
                SamplePatches.samplePng(original, patch.png(), patch.x(), patch.y(), limits)));
    }

    /** The sample's PNG at most {@code width} pixels wide (a thumbnail for the page's tiles). */
    public Future<byte[]> png(JobState job, JobState.Sample sample, int width) {
        return kept(job, sample, width, () -> {
            if (sample.png() != null) {
                byte[] whole = sample.png();
                return executor.executeBlocking(() -> thumbnail(ImageFiles.readRgb8(whole, limits), width), false);
            }
            return withPatch(job, sample, (original, patch) -> thumbnail(SamplePatches.paste(original,
                    ImageFiles.readRgb8(patch.png(), limits), patch.x(), patch.y()), width));
        });
    }

    /** Total size of the PNG files kept now. */
    long keptBytes() {
        return madeBytes;
    }

    /** The kept (or being made) file of the sample at {@code width} (0: full size), else what {@code make} makes. */
    private Future<byte[]> kept(JobState job, JobState.Sample sample, int width, Supplier<Future<byte[]>> make) {
        String key = job.id() + "/" + sample.index() + "/" + width;
        Future<byte[]> kept = made.get(key);
        if (kept != null) {
            return kept;
        }
        Future<byte[]> making = make.get();
        made.put(key, making);
        making.onComplete(result -> {
            if (made.get(key) != making) {
                return; // dropped while it was being made
            }
            if (result.failed()) {
                made.remove(key);
                return;
            }
            madeBytes += result.result().length;
            trim();
        });
        return making;
    }

    /** Forgets the files asked for longest ago until the rest fit; files still being made are not counted. */
    private void trim() {
        Iterator<Future<byte[]>> eldestFirst = made.values().iterator();
        while (madeBytes > keptPngBytes && eldestFirst.hasNext()) {
            Future<byte[]> file = eldestFirst.next();
            if (file.succeeded()) {
                madeBytes -= file.result().length;
                eldestFirst.remove();
            }
        }
    }

    private static byte[] thumbnail(BufferedImage sample, int width) {
        return ImageFiles.encodePng(ImageScaling.toWidth(sample, width));
    }

    private Future<byte[]> withPatch(JobState job, JobState.Sample sample,
                                     BiFunction<BufferedImage, JobEvent.Patch, byte[]> make) {
        JobEvent.Patch patch = sample.patch();
        if (patch == null || job.original() == null) {
            return Future.failedFuture(ApiError.notFound("sample " + sample.index() + " of job " + job.id()
                    + " cannot be rebuilt: the event log holds " + (patch == null ? "no image for it"
                    : "no original image for the job")));
        }
        return original(job).compose(image -> executor.executeBlocking(() -> make.apply(image, patch), false));
    }

    private Future<BufferedImage> original(JobState job) {
        Future<BufferedImage> kept = originals.get(job.id());
        if (kept != null) {
            return kept;
        }
        byte[] file = job.original();
        Future<BufferedImage> decoding = executor.executeBlocking(() -> ImageFiles.readRgb8(file, limits), false);
        originals.put(job.id(), decoding);
        decoding.onFailure(e -> originals.remove(job.id(), decoding));
        return decoding;
    }
}
