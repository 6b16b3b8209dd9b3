package picnet.worker.jobs;

import java.util.HashMap;
import java.util.Map;
import picnet.common.jobs.Topics;
import picnet.common.kafka.WholeTopic;

/** The worker's Kafka client settings and topic creation, in one place. */
final class WorkerKafka {
    private static final String BYTES_SER = "org.apache.kafka.common.serialization.ByteArraySerializer";
    private static final String BYTES_DESER = "org.apache.kafka.common.serialization.ByteArrayDeserializer";
    private static final String STRING_SER = "org.apache.kafka.common.serialization.StringSerializer";
    private static final String STRING_DESER = "org.apache.kafka.common.serialization.StringDeserializer";

    private WorkerKafka() {}

    /** Events and control records: durable (acks=all), idempotent, ordered per job. */
    static Map<String, String> producer(WorkerConfig c) {
        Map<String, String> p = new HashMap<>();
        p.put("bootstrap.servers", c.kafka().bootstrapServers());
        p.put("client.id", "picnet-worker-" + c.workerId());
        p.put("key.serializer", STRING_SER);
        p.put("value.serializer", BYTES_SER);
        p.put("acks", "all");
        p.put("enable.idempotence", "true");
        p.put("max.in.flight.requests.per.connection", "5");
        p.put("max.request.size", String.valueOf(Topics.MAX_RECORD_BYTES));
        p.put("buffer.memory", String.valueOf(4L * Topics.MAX_RECORD_BYTES));
        p.put("linger.ms", "0");
        p.put("request.timeout.ms", String.valueOf(Math.min(30_000, c.sendTimeoutMs())));
        p.put("delivery.timeout.ms", String.valueOf(c.sendTimeoutMs()));
        return p;
    }

    /**
     * A request consumer: a group shared by the workers that take this kind of job ({@code groupId}),
     * manual commits, one record per poll.
     */
    static Map<String, String> requestConsumer(WorkerConfig c, String groupId, String purpose) {
        Map<String, String> p = new HashMap<>();
        p.put("bootstrap.servers", c.kafka().bootstrapServers());
        p.put("client.id", "picnet-worker-" + purpose + "-" + c.workerId());
        p.put("group.id", groupId);
        p.put("key.deserializer", STRING_DESER);
        p.put("value.deserializer", BYTES_DESER);
        p.put("enable.auto.commit", "false");
        p.put("auto.offset.reset", "earliest");
        p.put("max.poll.records", "1");
        p.put("max.partition.fetch.bytes", String.valueOf(Topics.MAX_RECORD_BYTES));
        p.put("fetch.max.bytes", String.valueOf(Topics.MAX_RECORD_BYTES));
        p.put("partition.assignment.strategy", "org.apache.kafka.clients.consumer.CooperativeStickyAssignor");
        p.put("session.timeout.ms", String.valueOf(c.sessionTimeoutMs()));
        p.put("max.poll.interval.ms", String.valueOf(c.maxPollIntervalMs()));
        p.put("heartbeat.interval.ms", String.valueOf(Math.max(500, c.sessionTimeoutMs() / 4)));
        p.put("isolation.level", "read_committed");
        return p;
    }

    /** A reader of a whole topic (no group, no commits): the control topic. */
    static Map<String, String> reader(WorkerConfig c, String purpose) {
        return WholeTopic.readerConfig(c.kafka().bootstrapServers(), "picnet-worker-" + purpose + "-" + c.workerId());
    }
}
