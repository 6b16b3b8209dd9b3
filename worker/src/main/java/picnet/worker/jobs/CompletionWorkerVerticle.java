package picnet.worker.jobs;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picnet.common.jobs.CompletionJob;
import picnet.common.jobs.JobCodec;
import picnet.common.jobs.Topics;
import picnet.common.jobs.WorkerHeartbeat;

/**
 * A completion worker: a member of the workers' consumer group on the completion requests topic. It
 * runs at most {@code worker.capacity} jobs at once on a named sampling executor, pauses its partitions
 * while full and keeps polling (so it stays in the group during long jobs), and commits a job's record
 * only after the job's terminal event was acknowledged (see {@link JobRunner}). It announces its models
 * and load on the heartbeat topic. Configuration: {@link WorkerConfig}.
 *
 * <p>The models come from the {@link CompleterProvider} given to the constructor; the real one is
 * {@code picnet.worker.sampling.ModelCatalog}.
 */
public final class CompletionWorkerVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(CompletionWorkerVerticle.class);

    private final CompleterProvider provider;
    private final Map<String, RunningJob> running = new LinkedHashMap<>();
    private final OffsetTracker offsets = new OffsetTracker();
    private WorkerConfig settings;
    private Topics topics;
    private KafkaProducer<String, byte[]> producer;
    private KafkaConsumer<String, byte[]> consumer;
    private ControlLog control;
    private WorkerExecutor executor;
    private WorkerExecutor io;
    private CompleterPool pool;
    private JobRunner runner;
    private boolean paused;
    private boolean assignmentChanged = true;
    private volatile boolean stopping;
    private final Set<Integer> ownedPartitions = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private long heartbeatTimer = -1;
    private Future<?> lastPoll = Future.succeededFuture();

    public CompletionWorkerVerticle(CompleterProvider provider) {
        this.provider = provider;
    }

    @Override
    public Future<?> start() {
        settings = WorkerConfig.from(config());
        topics = new Topics(settings.topicPrefix());
        return WorkerKafka.ensureTopics(vertx, settings, settings.startTimeoutMs())
                .compose(v -> {
                    producer = KafkaProducer.create(vertx, WorkerKafka.producer(settings));
                    producer.exceptionHandler(e -> LOG.debug("event producer: {}", e.toString()));
                    control = new ControlLog(vertx, settings, topics.control());
                    return control.start();
                })
                .compose(v -> {
                    executor = vertx.createSharedWorkerExecutor("picnet-sampling-" + settings.workerId(),
                            settings.capacity(), settings.maxJobMinutes(), TimeUnit.MINUTES);
                    io = vertx.createSharedWorkerExecutor("picnet-worker-io-" + settings.workerId(), 1, 1,
                            TimeUnit.MINUTES);
                    pool = new CompleterPool(provider);
                    runner = new JobRunner(context, settings, topics, producer, control, executor, pool, provider);
                    consumer = KafkaConsumer.create(vertx, WorkerKafka.requestConsumer(settings));
                    consumer.partitionsAssignedHandler(this::assigned);
                    consumer.partitionsRevokedHandler(this::revoked);
                    consumer.exceptionHandler(e -> LOG.warn("request consumer: {}", e.toString()));
                    return consumer.subscribe(topics.completionRequests());
                })
                .onSuccess(v -> {
                    LOG.info("worker {} started (capacity {})", settings.workerId(), settings.capacity());
                    heartbeatTimer = vertx.setPeriodic(0, settings.heartbeatMs(), t -> heartbeat());
                    poll();
                });
    }

    @Override
    public Future<?> stop() {
        stopping = true;
        if (heartbeatTimer >= 0) {
            vertx.cancelTimer(heartbeatTimer);
        }
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
                .eventually(() -> {
                    if (pool != null) {
                        pool.close();
                    }
                    return (executor != null ? executor.close() : Future.succeededFuture())
                            .eventually(() -> io != null ? io.close() : Future.succeededFuture());
                });
    }

    /** The request partitions this worker owns now (for tests and operators). */
    public Set<Integer> assignedPartitions() {
        return Set.copyOf(ownedPartitions);
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
                        LOG.warn("polling {} failed: {}", topics.completionRequests(), ar.cause().toString());
                    }
                    if (!stopping) {
                        vertx.setTimer(ar.succeeded() ? 1 : 1000, t -> poll());
                    }
                });
    }

    /** Pauses every assigned partition while full, resumes them when a slot frees; polling goes on. */
    private Future<Void> syncPause() {
        boolean full = running.size() >= settings.capacity();
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
        if (stopping || running.size() >= settings.capacity()) {
            consumer.seek(partition, record.offset()); // read it again when a slot is free
            return;
        }
        offsets.begin(record.partition(), record.offset());
        String key = record.partition() + "@" + record.offset();
        RunningJob slot = new RunningJob(record.partition());
        running.put(key, slot);
        // the record holds the image files: decode it off the event loop
        slot.end = io.executeBlocking(() -> JobCodec.decodeJob(record.value()), false)
                .transform(decoded -> {
                    if (decoded.failed()) {
                        LOG.error("skipping a malformed job record {}@{}: {}", partition, record.offset(),
                                decoded.cause().getMessage());
                        return commit(record.partition(), record.offset());
                    }
                    CompletionJob job = decoded.result();
                    return runner.run(job, () -> slot.abandoned).transform(ar -> {
                        if (ar.succeeded() && ar.result() == JobRunner.Outcome.DONE) {
                            return commit(record.partition(), record.offset());
                        }
                        if (ar.failed()) {
                            LOG.error("job {} could not write its events ({}); it will be read again", job.id(),
                                    ar.cause().toString());
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
        TopicPartition tp = new TopicPartition(topics.completionRequests(), partition);
        return consumer.commit(Map.of(tp, new OffsetAndMetadata(next.getAsLong(), "")))
                .<Void>mapEmpty()
                .recover(e -> {
                    LOG.warn("committing {}@{} failed: {}", tp, next.getAsLong(), e.toString());
                    return Future.succeededFuture();
                });
    }

    private void assigned(Set<TopicPartition> partitions) {
        assignmentChanged = true;
        partitions.forEach(tp -> ownedPartitions.add(tp.getPartition()));
        LOG.info("worker {} was assigned {}", settings.workerId(), partitions);
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

    /** Announces models (listed on the io executor: a provider may read a directory) and load. */
    private void heartbeat() {
        int busy = running.size();
        io.executeBlocking(() -> new WorkerHeartbeat(settings.workerId(), List.copyOf(provider.modelNames()),
                        provider.defaultModel(), settings.capacity(), busy, System.currentTimeMillis(),
                        settings.heartbeatMs()), false)
                .compose(beat -> producer.send(KafkaProducerRecord.create(topics.heartbeats(), settings.workerId(),
                        JobCodec.encode(beat))))
                .onFailure(e -> LOG.debug("heartbeat not sent: {}", e.toString()));
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
