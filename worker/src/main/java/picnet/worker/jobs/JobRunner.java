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
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picnet.common.jobs.ControlRecord;
import picnet.common.jobs.JobCodec;
import picnet.common.jobs.JobEvent;
import picnet.common.jobs.Topics;

/**
 * Runs one job: checks the control log (cancelled? attempts used up?), records the attempt, does the
 * work on the job executor while the work's events go out as they happen, and ends with exactly one
 * terminal event. A failed attempt is retried on the spot up to {@code worker.max-attempts}, except for
 * a {@link BadJobException}, which fails the job at once. The returned outcome says whether the job's
 * record may be committed: only after the terminal event was acknowledged ({@link Outcome#DONE}); an
 * attempt abandoned because this worker stops or lost the partition writes no more events and is not
 * committed ({@link Outcome#ABANDONED}), so another worker redoes it; it is released on the control
 * topic, so it does not count against the job's attempts. Runs on the worker verticle's
 * context; subclasses say what the work is.
 *
 * @param <J> the job record
 * @param <R> what the work returns, turned into the terminal event by {@link #ended}
 */
abstract class JobRunner<J, R> {
    enum Outcome { DONE, ABANDONED }

    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

    private final Context context;
    protected final WorkerConfig config;
    private final Topics topics;
    private final KafkaProducer<String, byte[]> producer;
    private final ControlLog control;
    private final WorkerExecutor executor;

    JobRunner(Context context, WorkerConfig config, Topics topics, KafkaProducer<String, byte[]> producer,
              ControlLog control, WorkerExecutor executor) {
        this.context = context;
        this.config = config;
        this.topics = topics;
        this.producer = producer;
        this.control = control;
        this.executor = executor;
    }

    protected abstract String id(J job);

    /** The {@code total} of the started event. */
    protected abstract int total(J job);

    /**
     * Blocking, on the job executor: the work of one attempt.
     *
     * @param emit sends an event of the job, in order (callable from any thread)
     * @param stop turns true when the job is cancelled or abandoned; the work should return soon after
     * @throws BadJobException when the job itself is wrong and retrying cannot help
     */
    protected abstract R work(J job, int attempt, Consumer<JobEvent> emit, BooleanSupplier stop);

    /** The terminal event of work that returned (it may have stopped because the job was cancelled). */
    protected abstract JobEvent ended(J job, R result);

    Future<Outcome> run(J job, BooleanSupplier abandoned) {
        String id = id(job);
        return control.caughtUp().compose(v -> {
            if (abandoned.getAsBoolean()) {
                return Future.succeededFuture(Outcome.ABANDONED);
            }
            if (control.isCancelled(id)) {
                return finish(JobEvent.cancelled(id, now()));
            }
            int before = control.attempts(id);
            int counted = countedAttempts(id, before);
            if (counted >= config.maxAttempts()) {
                return finish(JobEvent.failed(id, "gave up after " + counted + " attempts: each ended without"
                        + " a result (the worker crashed while running the job)", now()));
            }
            return attempt(job, before + 1, abandoned);
        });
    }

    /** The model the job runs with, named in its {@code started} event; null where that says nothing. */
    protected String servingModel(J job) {
        return null;
    }

    protected boolean isCancelled(J job) {
        return control.isCancelled(id(job));
    }

    private Future<Outcome> attempt(J job, int attempt, BooleanSupplier abandoned) {
        if (abandoned.getAsBoolean()) {
            return Future.succeededFuture(Outcome.ABANDONED);
        }
        String id = id(job);
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        // events made on the executor join the sends on this context, in order, before the work's end does
        Consumer<JobEvent> emit = event -> context.runOnContext(v -> sends.add(send(event)));
        BooleanSupplier stop = () -> abandoned.getAsBoolean() || control.isCancelled(id);
        return sendControl(ControlRecord.attempt(id, attempt, config.workerId(), now()))
                .compose(v -> send(JobEvent.started(id, attempt, config.workerId(), total(job), servingModel(job), now())))
                .compose(v -> executor.executeBlocking(() -> work(job, attempt, emit, stop), false))
                .transform(ar -> Future.all(sends).transform(sent -> {
                    if (sent.failed()) {
                        return Future.failedFuture(sent.cause());
                    }
                    if (abandoned.getAsBoolean()) {
                        // this worker stops or lost the partition: the job is not to blame for this attempt
                        return sendControl(ControlRecord.released(id, attempt, config.workerId(), now()))
                                .transform(released -> Future.succeededFuture(Outcome.ABANDONED));
                    }
                    if (ar.succeeded()) {
                        return finish(ended(job, ar.result()));
                    }
                    Throwable cause = ar.cause();
                    if (control.isCancelled(id)) {
                        return finish(JobEvent.cancelled(id, now()));
                    }
                    if (cause instanceof BadJobException) {
                        return finish(JobEvent.failed(id, cause.getMessage(), now()));
                    }
                    String reason = cause instanceof CancellationException ? "cancelled" : describe(cause);
                    LOG.warn("job {} attempt {}/{} failed: {}", id, attempt, config.maxAttempts(), reason, cause);
                    if (countedAttempts(id, attempt) < config.maxAttempts()) {
                        return attempt(job, attempt + 1, abandoned);
                    }
                    return finish(JobEvent.failed(id, "failed after " + countedAttempts(id, attempt) + " attempts: "
                            + reason, now()));
                }));
    }

    /** Attempts up to {@code attempt} that count against the job: those not released by a stopping worker. */
    private int countedAttempts(String id, int attempt) {
        return attempt - control.released(id);
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

    protected static long now() {
        return System.currentTimeMillis();
    }

    /** The job itself is wrong (bad image bytes, unknown model, no such dataset): retrying cannot help. */
    static final class BadJobException extends RuntimeException {
        BadJobException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
