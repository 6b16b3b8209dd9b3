package picnet.gateway.kafka;

import java.util.HashMap;
import java.util.Map;
import picnet.common.jobs.Topics;
import picnet.common.kafka.WholeTopic;
import picnet.gateway.GatewayConfig;

/** The gateway's Kafka client settings and topic creation, in one place. */
public final class GatewayKafka {
    private GatewayKafka() {}

    /**
     * Submissions: durable (acks=all, idempotent), and quick to give up when Kafka is unreachable so
     * that the client gets 503 instead of a hanging request.
     */
    public static Map<String, String> producer(GatewayConfig c, String clientId) {
        Map<String, String> p = new HashMap<>();
        p.put("bootstrap.servers", c.kafka().bootstrapServers());
        p.put("client.id", clientId);
        p.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        p.put("value.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
        p.put("acks", "all");
        p.put("enable.idempotence", "true");
        p.put("max.request.size", String.valueOf(Topics.MAX_RECORD_BYTES));
        p.put("buffer.memory", String.valueOf(4L * Topics.MAX_RECORD_BYTES));
        p.put("linger.ms", "0");
        p.put("max.block.ms", String.valueOf(c.submitTimeoutMs()));
        p.put("request.timeout.ms", String.valueOf(c.submitTimeoutMs()));
        p.put("delivery.timeout.ms", String.valueOf(c.submitTimeoutMs()));
        return p;
    }

    /** A reader of a whole topic: no group, no commits, from the beginning. */
    public static Map<String, String> reader(GatewayConfig c, String clientId) {
        return WholeTopic.readerConfig(c.kafka().bootstrapServers(), clientId);
    }

    /** The admin client behind /healthz: answers within the submit timeout or not at all. */
    public static Map<String, String> admin(GatewayConfig c) {
        return Map.of("bootstrap.servers", c.kafka().bootstrapServers(),
                "request.timeout.ms", String.valueOf(c.submitTimeoutMs()),
                "default.api.timeout.ms", String.valueOf(c.submitTimeoutMs()));
    }
}
