package picnet.worker.jobs;

import io.vertx.core.Context;
import io.vertx.core.WorkerExecutor;
import io.vertx.kafka.client.producer.KafkaProducer;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import picnet.common.images.ImageFiles;
import picnet.common.images.ImageLimits;
import picnet.common.images.InvalidImageException;
import picnet.common.images.RgbImage;
import picnet.common.jobs.CompletionJob;
import picnet.common.jobs.JobEvent;
import picnet.common.jobs.RankedSample;
import picnet.common.jobs.Topics;
import picnet.common.masks.Box;
import picnet.common.masks.HoleMask;
import picnet.common.masks.MaskFiles;
import picnet.worker.sampling.CompletedRegion;
import picnet.worker.sampling.CompletedSample;
import picnet.worker.sampling.Completer;
import picnet.worker.sampling.CompletionRequest;
import picnet.worker.sampling.SizeStrategy;

/**
 * Runs one completion job (see {@link JobRunner}): samples on the sampling executor, and each sample goes
 * out as a {@code sample} event (the PNG of the region it changed and where it goes, not the whole photo)
 * and a {@code progress} event as soon as it exists; ends {@code succeeded} with the ranked top.
 */
final class CompletionJobRunner extends JobRunner<CompletionJob, List<RankedSample>> {
    private final CompleterPool pool;
    private final CompleterProvider provider;

    CompletionJobRunner(Context context, WorkerConfig config, Topics topics, KafkaProducer<String, byte[]> producer,
                        ControlLog control, WorkerExecutor executor, CompleterPool pool, CompleterProvider provider) {
        super(context, config, topics, producer, control, executor);
        this.pool = pool;
        this.provider = provider;
    }

    @Override
    protected String id(CompletionJob job) {
        return job.id();
    }

    @Override
    protected int total(CompletionJob job) {
        return job.samples();
    }

    /** The job's model, or the worker's default when it names none. */
    @Override
    protected String servingModel(CompletionJob job) {
        return job.model() != null ? job.model() : provider.defaultModel();
    }

    @Override
    protected JobEvent ended(CompletionJob job, List<RankedSample> ranking) {
        return JobEvent.succeeded(job.id(), ranking, now());
    }

    /** Blocking: decodes the inputs, samples, and sends each sample as it is made. */
    @Override
    protected List<RankedSample> work(CompletionJob job, int attempt, Consumer<JobEvent> emit, BooleanSupplier stop) {
        String model = servingModel(job);
        CompletionRequest request;
        Completer completer;
        try {
            RgbImage image = ImageFiles.read(job.image(), ImageLimits.DEFAULT);
            HoleMask mask = MaskFiles.read(job.mask(), ImageLimits.DEFAULT);
            request = new CompletionRequest(image, mask, job.samples(), job.top(), job.seed(),
                    SizeStrategy.parse(job.strategyOrDefault()));
            completer = pool.take(model);
        } catch (InvalidImageException | IllegalArgumentException e) {
            throw new BadJobException(e.getMessage(), e);
        }
        try {
            List<CompletedSample> best = completer.completeRegions(request, (s, done, total) -> {
                emit.accept(JobEvent.sample(job.id(), s.index(), s.score(), patch(s.region()), now()));
                emit.accept(JobEvent.progress(job.id(), done, total, now()));
            }, stop);
            return best.stream().map(s -> new RankedSample(s.index(), s.score())).toList();
        } finally {
            pool.release(model, completer);
        }
    }

    /** A sample's completed region as it travels: its PNG and where it goes in the original. */
    static JobEvent.Patch patch(CompletedRegion region) {
        byte[] png = ImageFiles.writePng(region.pixels());
        checkPatchFits(png.length, region.region());
        return new JobEvent.Patch(region.region().x0(), region.region().y0(), png);
    }

    /** Room left in a record for the rest of a sample event (JSON fields, Kafka's record overhead). */
    static final int SAMPLE_EVENT_OVERHEAD = 64 * 1024;

    /**
     * A sample's patch travels base64-encoded in one record of at most {@link Topics#MAX_RECORD_BYTES}: a
     * PNG over three quarters of that (only a giant, noisy hole makes one) cannot be sent, and retrying
     * would not help, so the job fails with the reason.
     */
    static void checkPatchFits(int pngBytes, Box region) {
        if (!fitsAnEvent(pngBytes)) {
            throw new BadJobException("the " + region.width() + "x" + region.height() + " completed region of a sample"
                    + " is a " + pngBytes / (1024 * 1024) + " MiB PNG, too large for a "
                    + Topics.MAX_RECORD_BYTES / (1024 * 1024) + " MiB event record; use a smaller hole or image", null);
        }
    }

    /** Whether a PNG of this size, base64-encoded, fits one event record with the event's other fields. */
    static boolean fitsAnEvent(int pngBytes) {
        return 4L * ((pngBytes + 2) / 3) + SAMPLE_EVENT_OVERHEAD <= Topics.MAX_RECORD_BYTES;
    }
}
