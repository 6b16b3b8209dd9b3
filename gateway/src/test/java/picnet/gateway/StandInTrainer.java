package picnet.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picnet.common.jobs.ControlRecord;
import picnet.common.jobs.JobCodec;
import picnet.common.jobs.JobEvent;
import picnet.common.jobs.Topics;
import picnet.common.jobs.TrainingJob;
import picnet.common.jobs.WorkerHeartbeat;
import picnet.worker.jobs.KafkaBrokerExtension;

/**
 * A stand-in for a training worker, driven by the test: it reads the training topic (every job, with
 * the record's key), writes the events the test tells it to on the events topic, and reads the control
 * topic for cancel records, all through plain Kafka clients on the test's thread.
 */
final class StandInTrainer implements AutoCloseable {
    /** A job as it arrived: the decoded record and the record's key. */
    record Received(String key, TrainingJob job) {}

    private final Topics topics;
    private final KafkaConsumer<String, byte[]> requests;
    private final KafkaProducer<String, byte[]> producer;
    private final List<Received> received = new ArrayList<>();

    StandInTrainer(String prefix) {
        topics = new Topics(prefix);
        requests = consumer();
        List<TopicPartition> partitions = requests.partitionsFor(topics.trainingRequests(), Duration.ofSeconds(20))
                .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        requests.assign(partitions);
        requests.seekToBeginning(partitions);
        Properties p = new Properties();
        p.put("bootstrap.servers", KafkaBrokerExtension.bootstrapServers());
        p.put("acks", "all");
        producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /** Waits for the job with this id on the training topic. */
    synchronized Received job(String id, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            for (Iterator<Received> it = received.iterator(); it.hasNext(); ) {
                Received r = it.next();
                if (r.job().id().equals(id)) {
                    it.remove();
                    return r;
                }
            }
            for (ConsumerRecord<String, byte[]> record : requests.poll(Duration.ofMillis(100))) {
                received.add(new Received(record.key(), JobCodec.decodeTrainingJob(record.value())));
            }
        } while (System.nanoTime() < deadline);
        throw new AssertionError("job " + id + " did not arrive on " + topics.trainingRequests());
    }

    /** Every job that arrived and was not asked for yet, after polling for {@code wait}. */
    synchronized List<Received> others(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            requests.poll(Duration.ofMillis(100))
                    .forEach(r -> received.add(new Received(r.key(), JobCodec.decodeTrainingJob(r.value()))));
        }
        return List.copyOf(received);
    }

    /** Writes events to the events topic, as a worker does (keyed by job id, acknowledged). */
    void send(JobEvent... events) throws Exception {
        for (JobEvent event : events) {
            producer.send(new ProducerRecord<>(topics.events(), event.jobId(), JobCodec.encode(event)))
                    .get(20, TimeUnit.SECONDS);
        }
    }

    /** Announces a worker serving these models on the heartbeat topic, as a worker does once a model exists. */
    void announce(String workerId, List<String> models) throws Exception {
        WorkerHeartbeat beat = new WorkerHeartbeat(workerId, models, models.get(0), 1, 0, now(), 60_000, true, null);
        producer.send(new ProducerRecord<>(topics.heartbeats(), workerId, JobCodec.encode(beat))).get(20, TimeUnit.SECONDS);
    }

    /** Waits for a cancel record of the job on the control topic. */
    void awaitCancel(String jobId, Duration timeout) {
        try (KafkaConsumer<String, byte[]> control = consumer()) {
            TopicPartition partition = new TopicPartition(topics.control(), 0);
            control.assign(List.of(partition));
            control.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : control.poll(Duration.ofMillis(100))) {
                    ControlRecord record = JobCodec.decodeControl(r.value());
                    if (ControlRecord.CANCEL.equals(record.type()) && jobId.equals(record.jobId())) {
                        return;
                    }
                }
            }
        }
        throw new AssertionError("no cancel record for " + jobId + " on " + topics.control());
    }

    static long now() {
        return System.currentTimeMillis();
    }

    private static KafkaConsumer<String, byte[]> consumer() {
        Properties p = new Properties();
        p.put("bootstrap.servers", KafkaBrokerExtension.bootstrapServers());
        p.put("enable.auto.commit", "false");
        p.put("max.partition.fetch.bytes", String.valueOf(Topics.MAX_RECORD_BYTES));
        return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public void close() {
        requests.close();
        producer.close();
    }
}
