package picnet.worker.jobs;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import io.vertx.kafka.client.producer.RecordMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picnet.common.images.ImageFiles;
import picnet.common.images.ImageLimits;
import picnet.common.images.InvalidImageException;
import picnet.common.images.RgbImage;
import picnet.common.jobs.CompletionJob;
import picnet.common.jobs.ControlRecord;
import picnet.common.jobs.JobCodec;
import picnet.common.jobs.JobEvent;
import picnet.common.jobs.RankedSample;
import picnet.common.jobs.Topics;
import picnet.common.masks.HoleMask;
import picnet.common.masks.MaskFiles;
import picnet.worker.sampling.Completer;
import picnet.worker.sampling.CompletionRequest;
import picnet.worker.sampling.ScoredSample;
import picnet.worker.sampling.SizeStrategy;

/**
 * Runs one completion job: checks the control log (cancelled? attempts used up?), records the attempt,
 * samples on the sampling executor while each sample goes out as an event, and ends with exactly one
 * terminal event. The returned outcome says whether the job's record may be committed: only after the
 * terminal event was acknowledged ({@link Outcome#DONE}); an attempt abandoned because this worker
 * stops or lost the partition writes nothing more and is not committed ({@link Outcome#ABANDONED}), so
 * another worker redoes it. Runs on the worker verticle's context.
 */
final class JobRunner {
    enum Outcome { DONE, ABANDONED }

    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

    private final Context context;
    private final WorkerConfig config;
    private final Topics topics;
    private final KafkaProducer<String, byte[]> producer;
    private final ControlLog control;
    private final WorkerExecutor executor;
    private final CompleterPool pool;
    private final CompleterProvider provider;

    JobRunner(Context context, WorkerConfig config, Topics topics, KafkaProducer<String, byte[]> producer,
              ControlLog control, WorkerExecutor executor, CompleterPool pool, CompleterProvider provider) {
        this.context = context;
        this.config = config;
        this.topics = topics;
        this.producer = producer;
        this.control = control;
        this.executor = executor;
        this.pool = pool;
        this.provider = provider;
    }

    Future<Outcome> run(CompletionJob job, BooleanSupplier abandoned) {
        return control.caughtUp().compose(v -> {
            if (abandoned.getAsBoolean()) {
                return Future.succeededFuture(Outcome.ABANDONED);
            }
            if (control.isCancelled(job.id())) {
                return finish(JobEvent.cancelled(job.id(), now()));
            }
            int before = control.attempts(job.id());
            if (before >= config.maxAttempts()) {
                return finish(JobEvent.failed(job.id(), "gave up after " + before + " attempts: each ended without"
                        + " a result (the worker stopped or crashed while running the job)", now()));
            }
            return attempt(job, before + 1, abandoned);
        });
    }

    private Future<Outcome> attempt(CompletionJob job, int attempt, BooleanSupplier abandoned) {
        if (abandoned.getAsBoolean()) {
            return Future.succeededFuture(Outcome.ABANDONED);
        }
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        BooleanSupplier stop = () -> abandoned.getAsBoolean() || control.isCancelled(job.id());
        return sendControl(ControlRecord.attempt(job.id(), attempt, config.workerId(), now()))
                .compose(v -> send(JobEvent.started(job.id(), attempt, config.workerId(), job.samples(), now())))
                .compose(v -> executor.executeBlocking(() -> sample(job, sends, stop), false))
                .transform(ar -> Future.all(sends).transform(sent -> {
                    if (sent.failed()) {
                        return Future.failedFuture(sent.cause());
                    }
                    if (abandoned.getAsBoolean()) {
                        return Future.succeededFuture(Outcome.ABANDONED);
                    }
                    if (ar.succeeded()) {
                        return finish(JobEvent.succeeded(job.id(), ar.result(), now()));
                    }
                    Throwable cause = ar.cause();
                    if (control.isCancelled(job.id())) {
                        return finish(JobEvent.cancelled(job.id(), now()));
                    }
                    if (cause instanceof BadJobException) {
                        return finish(JobEvent.failed(job.id(), cause.getMessage(), now()));
                    }
                    String reason = cause instanceof CancellationException ? "cancelled" : describe(cause);
                    LOG.warn("job {} attempt {}/{} failed: {}", job.id(), attempt, config.maxAttempts(), reason);
                    if (attempt < config.maxAttempts()) {
                        return attempt(job, attempt + 1, abandoned);
                    }
                    return finish(JobEvent.failed(job.id(), "failed after " + attempt + " attempts: " + reason, now()));
                }));
    }

    /** Blocking: decodes the inputs, samples, and sends each sample as it is made. */
    private List<RankedSample> sample(CompletionJob job, List<Future<RecordMetadata>> sends, BooleanSupplier stop) {
        String model = job.model() != null ? job.model() : provider.defaultModel();
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
            List<ScoredSample> best = completer.complete(request, (s, done, total) -> {
                byte[] png = ImageFiles.writePng(s.image());
                checkSampleFits(png.length, s.image());
                JobEvent sampleEvent = JobEvent.sample(job.id(), s.index(), s.score(), png, now());
                JobEvent progress = JobEvent.progress(job.id(), done, total, now());
                context.runOnContext(v -> {
                    sends.add(send(sampleEvent));
                    sends.add(send(progress));
                });
            }, stop);
            return best.stream().map(s -> new RankedSample(s.index(), s.score())).toList();
        } finally {
            pool.release(model, completer);
        }
    }

    /** Room left in a record for the rest of a sample event (JSON fields, Kafka's record overhead). */
    static final int SAMPLE_EVENT_OVERHEAD = 64 * 1024;

    /**
     * A sample travels base64-encoded in one record of at most {@link Topics#MAX_RECORD_BYTES}: a PNG over
     * three quarters of that cannot be sent, and retrying would not help, so the job fails with the reason.
     */
    static void checkSampleFits(int pngBytes, RgbImage image) {
        long encoded = 4L * ((pngBytes + 2) / 3) + SAMPLE_EVENT_OVERHEAD;
        if (encoded > Topics.MAX_RECORD_BYTES) {
            throw new BadJobException("a " + image.width() + "x" + image.height() + " sample is a "
                    + pngBytes / (1024 * 1024) + " MiB PNG, too large for a " + Topics.MAX_RECORD_BYTES / (1024 * 1024)
                    + " MiB event record; send a smaller image", null);
        }
    }

    private Future<Outcome> finish(JobEvent terminal) {
        return send(terminal).map(Outcome.DONE);
    }

    private Future<RecordMetadata> send(JobEvent event) {
        return producer.send(KafkaProducerRecord.create(topics.events(), event.jobId(), JobCodec.encode(event)));
    }

    private Future<RecordMetadata> sendControl(ControlRecord record) {
        return producer.send(KafkaProducerRecord.create(topics.control(), record.jobId(), JobCodec.encode(record)));
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
    }

    private static long now() {
        return System.currentTimeMillis();
    }

    /** The job itself is wrong (bad image bytes, unknown model): retrying cannot help. */
    static final class BadJobException extends RuntimeException {
        BadJobException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
