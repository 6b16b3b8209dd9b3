package picnet.worker.jobs;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import io.vertx.kafka.client.producer.KafkaProducer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picnet.common.jobs.Topics;

/**
 * What every job-taking worker verticle does with its request topic: joins a consumer group on it, runs
 * at most {@link #capacity()} jobs at once, pauses its partitions while full and keeps polling (so it
 * stays in the group however long a job takes: {@code max.poll.interval.ms} only bounds a stuck event
 * loop), and commits a job's record only after the job's terminal event was acknowledged. A job whose
 * events could not be written is read again; jobs of a revoked partition are abandoned. Subclasses say
 * which topic and group, how to decode a record and how to run a job.
 *
 * @param <J> the job record type
 */
abstract class JobConsumerVerticle<J> extends VerticleBase {

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final Map<String, RunningJob> running = new LinkedHashMap<>();
    private final OffsetTracker offsets = new OffsetTracker();
    private final Set<Integer> ownedPartitions = ConcurrentHashMap.newKeySet();
    protected WorkerConfig settings;
    protected Topics topics;
    protected KafkaProducer<String, byte[]> producer;
    protected ControlLog control;
    /** For short blocking work: decoding records, listing folders. */
    protected WorkerExecutor io;
    private KafkaConsumer<String, byte[]> consumer;
    private boolean paused;
    private boolean assignmentChanged = true;
    private volatile boolean stopping;
    private Future<?> lastPoll = Future.succeededFuture();

    /** The request topic this verticle consumes. */
    protected abstract String requestTopic();

    /** Its consumer group. */
    protected abstract String groupId();

    /** A short word for client ids, thread names and logs ("requests", "trainings"). */
    protected abstract String purpose();

    /** Jobs run at once. */
    protected abstract int capacity();

    /** Decodes a record (on the io executor); throws IllegalArgumentException for a malformed one. */
    protected abstract J decode(byte[] value);

    /** Runs a job on this verticle's context; {@code abandoned} turns true when it must stop without a trace. */
    protected abstract Future<JobRunner.Outcome> run(J job, BooleanSupplier abandoned);

    /** After Kafka, the producer and the control log are up: open executors, runners. */
    protected abstract void startJobs();

    /** Once consuming: timers and the like. */
    protected void consuming() {}

    /** First thing on stop: cancel timers. */
    protected void beforeStop() {}

    /** After the consumer and producer closed: close executors and what {@link #startJobs} opened. */
    protected abstract Future<?> stopJobs();

    @Override
    public final Future<?> start() {
        settings = WorkerConfig.from(config());
        topics = settings.kafka().topics();
        return settings.kafka().ensureTopics(vertx, settings.startTimeoutMs())
                .compose(v -> {
                    producer = KafkaProducer.create(vertx, WorkerKafka.producer(settings));
                    producer.exceptionHandler(e -> log.debug("event producer: {}", e.toString()));
                    control = new ControlLog(vertx, settings, topics.control());
                    return control.start();
                })
                .compose(v -> {
                    io = vertx.createSharedWorkerExecutor("picnet-worker-io-" + settings.workerId(), 1, 1,
                            TimeUnit.MINUTES);
                    startJobs();
                    consumer = KafkaConsumer.create(vertx, WorkerKafka.requestConsumer(settings, groupId(), purpose()));
                    consumer.partitionsAssignedHandler(this::assigned);
                    consumer.partitionsRevokedHandler(this::revoked);
                    consumer.exceptionHandler(e -> log.warn("{} consumer: {}", purpose(), e.toString()));
                    return consumer.subscribe(requestTopic());
                })
                .onSuccess(v -> {
                    log.info("worker {} takes {} (group {}, capacity {})", settings.workerId(), requestTopic(),
                            groupId(), capacity());
                    consuming();
                    poll();
                });
    }

    @Override
    public final Future<?> stop() {
        stopping = true;
        beforeStop();
        List<Future<?>> ends = new ArrayList<>();
        running.values().forEach(job -> {
            job.abandoned = true;
            ends.add(job.end);
        });
        Future<?> jobsEnded = Future.join(ends).timeout(30, TimeUnit.SECONDS).recover(e -> Future.succeededFuture());
        return jobsEnded
                .compose(v -> lastPoll.transform(polled -> Future.succeededFuture()))
                .compose(v -> consumer != null ? consumer.close() : Future.succeededFuture())
                .eventually(() -> producer != null ? producer.close(5_000) : Future.succeededFuture())
                .eventually(() -> control != null ? control.close() : Future.succeededFuture())
                .eventually(this::stopJobs)
                .eventually(() -> io != null ? io.close() : Future.succeededFuture());
    }

    /** The request partitions this worker owns now (for tests and operators). */
    public Set<Integer> assignedPartitions() {
        return Set.copyOf(ownedPartitions);
    }

    /** Jobs running now (event loop only). */
    protected int busy() {
        return running.size();
    }

    protected boolean stopping() {
        return stopping;
    }

    private void poll() {
        if (stopping) {
            return;
        }
        lastPoll = syncPause()
                .compose(v -> consumer.poll(Duration.ofMillis(settings.pollMs())))
                .onComplete(ar -> {
                    if (ar.succeeded()) {
                        for (int i = 0; i < ar.result().size(); i++) {
                            accept(ar.result().recordAt(i));
                        }
                    } else if (!stopping) {
                        log.warn("polling {} failed: {}", requestTopic(), ar.cause().toString());
                    }
                    if (!stopping) {
                        vertx.setTimer(ar.succeeded() ? 1 : 1000, t -> poll());
                    }
                });
    }

    /** Pauses every assigned partition while full, resumes them when a slot frees; polling goes on. */
    private Future<Void> syncPause() {
        boolean full = running.size() >= capacity();
        if (full == paused && !assignmentChanged) {
            return Future.succeededFuture();
        }
        paused = full;
        assignmentChanged = false;
        return consumer.assignment()
                .compose(assigned -> assigned.isEmpty() ? Future.<Void>succeededFuture()
                        : full ? consumer.pause(assigned) : consumer.resume(assigned))
                .recover(e -> {
                    assignmentChanged = true;
                    return Future.succeededFuture();
                });
    }

    private void accept(KafkaConsumerRecord<String, byte[]> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        if (stopping || running.size() >= capacity()) {
            consumer.seek(partition, record.offset()); // read it again when a slot is free
            return;
        }
        offsets.begin(record.partition(), record.offset());
        String key = record.partition() + "@" + record.offset();
        RunningJob slot = new RunningJob(record.partition());
        running.put(key, slot);
        // a completion record holds the image files: decode it off the event loop
        slot.end = io.executeBlocking(() -> decode(record.value()), false)
                .transform(decoded -> {
                    if (decoded.failed()) {
                        log.error("skipping a malformed job record {}@{}: {}", partition, record.offset(),
                                decoded.cause().getMessage());
                        return commit(record.partition(), record.offset());
                    }
                    return run(decoded.result(), () -> slot.abandoned).transform(ar -> {
                        if (ar.succeeded() && ar.result() == JobRunner.Outcome.DONE) {
                            return commit(record.partition(), record.offset());
                        }
                        if (ar.failed()) {
                            log.error("a job of {}@{} could not write its events ({}); it will be read again",
                                    partition, record.offset(), ar.cause().toString());
                            if (!stopping && !slot.abandoned) {
                                consumer.seek(partition, record.offset());
                            }
                        }
                        return Future.<Void>succeededFuture();
                    });
                })
                .onComplete(done -> running.remove(key));
    }

    /** Commits what the finished record allows; stop() waits for it, so a clean stop loses no commit. */
    private Future<Void> commit(int partition, long offset) {
        OptionalLong next = offsets.finish(partition, offset);
        if (next.isEmpty()) {
            return Future.succeededFuture();
        }
        TopicPartition tp = new TopicPartition(requestTopic(), partition);
        return consumer.commit(Map.of(tp, new OffsetAndMetadata(next.getAsLong(), "")))
                .<Void>mapEmpty()
                .recover(e -> {
                    log.warn("committing {}@{} failed: {}", tp, next.getAsLong(), e.toString());
                    return Future.succeededFuture();
                });
    }

    private void assigned(Set<TopicPartition> partitions) {
        assignmentChanged = true;
        partitions.forEach(tp -> ownedPartitions.add(tp.getPartition()));
        log.info("worker {} was assigned {}", settings.workerId(), partitions);
    }

    private void revoked(Set<TopicPartition> partitions) {
        assignmentChanged = true;
        for (TopicPartition tp : partitions) {
            ownedPartitions.remove(tp.getPartition());
            offsets.drop(tp.getPartition());
            running.values().stream().filter(j -> j.partition == tp.getPartition())
                    .forEach(j -> j.abandoned = true);
        }
    }

    private static final class RunningJob {
        final int partition;
        volatile boolean abandoned;
        Future<?> end = Future.succeededFuture();

        RunningJob(int partition) {
            this.partition = partition;
        }
    }
}
