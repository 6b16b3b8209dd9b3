package picnet.gateway.api;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
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
 * progress is shared, so the samples of one job decode its photo once. Used on the gateway's event loop only.
 */
public final class SampleImages {
    private final WorkerExecutor executor;
    private final ImageLimits limits;
    private final Map<String, Future<BufferedImage>> originals;

    public SampleImages(WorkerExecutor executor, ImageLimits limits, int keptOriginals) {
        this.executor = executor;
        this.limits = limits;
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
        return withPatch(job, sample, (original, patch) ->
                SamplePatches.samplePng(original, patch.png(), patch.x(), patch.y(), limits));
    }

    /** The sample's PNG at most {@code width} pixels wide (a thumbnail for the page's tiles). */
    public Future<byte[]> png(JobState job, JobState.Sample sample, int width) {
        if (sample.png() != null) {
            byte[] whole = sample.png();
            return executor.executeBlocking(() -> thumbnail(ImageFiles.readRgb8(whole, limits), width), false);
        }
        return withPatch(job, sample, (original, patch) -> thumbnail(SamplePatches.paste(original,
                ImageFiles.readRgb8(patch.png(), limits), patch.x(), patch.y()), width));
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
