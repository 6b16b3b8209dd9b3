package picnet.gateway.kafka;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.KafkaConsumerRecords;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picnet.common.kafka.WholeTopic;

/**
 * Reads a whole topic, every partition, from the beginning, without a consumer group, decodes each
 * record on a worker executor (records may hold images) and hands the results, in order, to a handler on
 * the caller's context. {@link #caughtUp()} completes once every record that
 * existed when it was called has been handled; {@link #awaitHandled} waits for one record the caller
 * just wrote (read-your-writes).
 */
public final class TopicReader<T> {
    private static final Logger LOG = LoggerFactory.getLogger(TopicReader.class);

    private final Vertx vertx;
    private final String topic;
    private final KafkaConsumer<String, byte[]> consumer;
    private final WorkerExecutor decoder;
    private final Function<byte[], T> decode;
    private final Consumer<T> handler;
    private final Duration pollTimeout;
    private final Map<Integer, Long> handled = new HashMap<>();
    private final List<Waiter> waiters = new ArrayList<>();
    private Set<TopicPartition> partitions = Set.of();
    private volatile boolean closed;
    private Future<?> lastPoll = Future.succeededFuture();
    private volatile boolean healthy = true;

    public TopicReader(Vertx vertx, Map<String, String> config, String topic, Duration pollTimeout,
                       WorkerExecutor decoder, Function<byte[], T> decode, Consumer<T> handler) {
        this.vertx = vertx;
        this.topic = topic;
        this.pollTimeout = pollTimeout;
        this.decoder = decoder;
        this.decode = decode;
        this.handler = handler;
        this.consumer = KafkaConsumer.create(vertx, config);
    }

    /** Assigns every partition, starts reading from the beginning and completes once caught up. */
    public Future<Void> start() {
        return WholeTopic.assignFromBeginning(consumer, topic)
                .onSuccess(assigned -> {
                    partitions = assigned;
                    poll();
                })
                .compose(v -> caughtUp());
    }

    /**
     * Completes once every record that existed when it was called has been handled: the position has
     * reached the end, and then the batch last fetched, which may still be decoding, has been handed over.
     */
    public Future<Void> caughtUp() {
        return WholeTopic.reachEnd(vertx, consumer, partitions, () -> closed, "the reader of " + topic)
                .compose(v -> lastPoll.transform(polled -> Future.<Void>succeededFuture()));
    }

    /** Completes when the record at {@code offset} of {@code partition} has been handled. */
    public Future<Void> awaitHandled(int partition, long offset, long timeout, TimeUnit unit) {
        if (handled.getOrDefault(partition, -1L) >= offset) {
            return Future.succeededFuture();
        }
        Promise<Void> promise = Promise.promise();
        waiters.add(new Waiter(partition, offset, promise));
        return promise.future().timeout(timeout, unit);
    }

    /** False after a poll failed, until one succeeds again. */
    public boolean healthy() {
        return healthy;
    }

    public Future<Void> close() {
        closed = true;
        return lastPoll.transform(polled -> consumer.close());
    }

    private void poll() {
        if (closed) {
            return;
        }
        lastPoll = consumer.poll(pollTimeout)
                .compose(records -> decoder.executeBlocking(() -> decodeAll(records), true))
                .onComplete(ar -> {
                    if (ar.succeeded()) {
                        healthy = true;
                        for (Decoded<T> d : ar.result()) {
                            if (d.value != null) {
                                try {
                                    handler.accept(d.value);
                                } catch (RuntimeException e) {
                                    LOG.warn("skipping record {}-{}@{}: {}", topic, d.partition, d.offset, e.toString());
                                }
                            }
                            handled.merge(d.partition, d.offset, Math::max);
                        }
                        releaseWaiters();
                    } else if (!closed) {
                        healthy = false;
                        LOG.warn("reading {} failed: {}", topic, ar.cause().toString());
                    }
                    if (!closed) {
                        vertx.setTimer(ar.succeeded() ? 1 : 1000, t -> poll());
                    }
                });
    }

    private record Decoded<T>(int partition, long offset, T value) {}

    private List<Decoded<T>> decodeAll(KafkaConsumerRecords<String, byte[]> records) {
        List<Decoded<T>> out = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            KafkaConsumerRecord<String, byte[]> r = records.recordAt(i);
            T value = null;
            try {
                value = decode.apply(r.value());
            } catch (RuntimeException e) {
                LOG.warn("skipping a malformed record {}-{}@{}: {}", topic, r.partition(), r.offset(), e.getMessage());
            }
            out.add(new Decoded<>(r.partition(), r.offset(), value));
        }
        return out;
    }

    private void releaseWaiters() {
        for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
            Waiter w = it.next();
            if (w.promise.future().isComplete()) {
                it.remove();
            } else if (handled.getOrDefault(w.partition, -1L) >= w.offset) {
                w.promise.tryComplete();
                it.remove();
            }
        }
    }

    private record Waiter(int partition, long offset, Promise<Void> promise) {}
}
