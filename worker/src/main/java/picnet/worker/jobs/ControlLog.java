package picnet.worker.jobs;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picnet.common.jobs.ControlRecord;
import picnet.common.jobs.JobCodec;
import picnet.common.kafka.WholeTopic;

/**
 * The whole control topic as this worker has read it: which jobs were cancelled, how many attempts
 * each job has had, and which of them were released (given back by a worker that stopped, so they do
 * not count against the job). Every worker reads all of it from the beginning (no group), so a job redelivered to
 * another worker is seen with its earlier attempts. {@link #caughtUp()} waits until every record that
 * existed when it was called has been read, so a decision taken after it sees all earlier records.
 */
final class ControlLog {
    private static final Logger LOG = LoggerFactory.getLogger(ControlLog.class);

    private final Vertx vertx;
    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final Duration pollTimeout;
    private final Set<String> cancelled = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> attempts = new ConcurrentHashMap<>();
    private final Map<String, Set<Integer>> released = new ConcurrentHashMap<>();
    private Set<TopicPartition> partitions = Set.of();
    private volatile boolean closed;
    private Future<?> lastPoll = Future.succeededFuture();

    ControlLog(Vertx vertx, WorkerConfig config, String topic) {
        this.vertx = vertx;
        this.topic = topic;
        this.pollTimeout = Duration.ofMillis(Math.min(config.pollMs(), 200));
        this.consumer = KafkaConsumer.create(vertx, WorkerKafka.reader(config, "control"));
    }

    /** Assigns every partition of the control topic, reads from the beginning, and catches up. */
    Future<Void> start() {
        return WholeTopic.assignFromBeginning(consumer, topic)
                .onSuccess(assigned -> {
                    partitions = assigned;
                    poll();
                })
                .compose(v -> caughtUp());
    }

    boolean isCancelled(String jobId) {
        return cancelled.contains(jobId);
    }

    /** The highest attempt number of the job so far (attempts are numbered on from it). */
    int attempts(String jobId) {
        return attempts.getOrDefault(jobId, 0);
    }

    /** How many of the job's attempts were released rather than failed or lost in a crash. */
    int released(String jobId) {
        Set<Integer> r = released.get(jobId);
        return r == null ? 0 : r.size();
    }

    /**
     * Completes once everything written to the control topic before this call has been read. Records are
     * applied in the poll's own handler, so a position at the end means they have been applied.
     */
    Future<Void> caughtUp() {
        return WholeTopic.reachEnd(vertx, consumer, partitions, () -> closed, "the control log");
    }

    Future<Void> close() {
        closed = true;
        return lastPoll.transform(polled -> consumer.close());
    }

    private void poll() {
        if (closed) {
            return;
        }
        lastPoll = consumer.poll(pollTimeout).onComplete(ar -> {
            if (ar.succeeded()) {
                for (int i = 0; i < ar.result().size(); i++) {
                    apply(ar.result().recordAt(i));
                }
            } else if (!closed) {
                LOG.warn("reading the control topic failed: {}", ar.cause().toString());
            }
            if (!closed) {
                vertx.setTimer(ar.succeeded() ? 1 : 1000, t -> poll());
            }
        });
    }

    private void apply(KafkaConsumerRecord<String, byte[]> record) {
        ControlRecord control;
        try {
            control = JobCodec.decodeControl(record.value());
        } catch (IllegalArgumentException e) {
            LOG.warn("skipping a malformed control record at offset {}: {}", record.offset(), e.getMessage());
            return;
        }
        if (ControlRecord.CANCEL.equals(control.type())) {
            cancelled.add(control.jobId());
        } else if (ControlRecord.ATTEMPT.equals(control.type()) && control.attempt() != null) {
            attempts.merge(control.jobId(), control.attempt(), Math::max);
        } else if (ControlRecord.RELEASED.equals(control.type()) && control.attempt() != null) {
            released.computeIfAbsent(control.jobId(), id -> ConcurrentHashMap.newKeySet()).add(control.attempt());
        }
    }
}
