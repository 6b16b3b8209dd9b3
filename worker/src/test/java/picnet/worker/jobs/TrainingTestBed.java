package picnet.worker.jobs;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import picnet.common.jobs.ControlRecord;
import picnet.common.jobs.JobCodec;
import picnet.common.jobs.JobEvent;
import picnet.common.jobs.Topics;
import picnet.common.jobs.TrainingJob;
import picnet.common.kafka.KafkaSettings;
import picnet.worker.training.SyntheticImages;

/**
 * What training-worker tests share: a fresh topic prefix and groups on the test broker, a worker's
 * folders (datasets/synthetic with a few 96x96 images, runs, models) and configuration, a producer for
 * jobs and cancels, and a tap on the events topic. The networks accept 96 and up (64 is refused).
 */
final class TrainingTestBed implements AutoCloseable {
    static final int SIZE = 96;
    static final String DATASET = "synthetic";

    final Path root;
    final Topics topics;
    final JsonObject config;
    final KafkaProducer<String, byte[]> producer;
    final EventTap tap;

    TrainingTestBed(Vertx vertx, Path root) throws Exception {
        this.root = root;
        String prefix = KafkaBrokerExtension.freshPrefix();
        topics = new Topics(prefix);
        SyntheticImages.write(root.resolve("datasets").resolve(DATASET), 4, SIZE, 7);
        config = KafkaBrokerExtension.workerConfig(prefix, 2)
                .put(WorkerConfig.WORKER_TRAINING_GROUP, prefix + "-trainers")
                .put(WorkerConfig.WORKER_HEARTBEAT_MS, 500)
                .put(WorkerConfig.WORKER_POLL_MS, 100)
                .put(WorkerConfig.WORKER_SESSION_TIMEOUT_MS, 6000)
                .put(WorkerConfig.WORKER_DATASETS_DIR, root.resolve("datasets").toString())
                .put(WorkerConfig.WORKER_RUNS_DIR, root.resolve("runs").toString())
                .put(WorkerConfig.WORKER_MODELS_DIR, root.resolve("models").toString());
        producer = KafkaProducer.create(vertx, Map.of("bootstrap.servers", KafkaBrokerExtension.bootstrapServers(),
                "key.serializer", "org.apache.kafka.common.serialization.StringSerializer",
                "value.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer", "acks", "all"));
        // the worker creates the topics; the tap needs them first
        KafkaSettings.from(config).ensureTopics(vertx, 30_000).await(40, TimeUnit.SECONDS);
        tap = new EventTap(vertx, KafkaBrokerExtension.bootstrapServers(), topics.events());
    }

    /** A job on the synthetic dataset, batch 1, seed 5, masks regular + irregular. */
    static TrainingJob job(String name, long steps, long checkpointEvery, long previewEvery) {
        return job(name, DATASET, List.of("regular", "irregular"), SIZE, steps, checkpointEvery, previewEvery, null);
    }

    static TrainingJob job(String name, String dataset, List<String> masks, int size, long steps, long checkpointEvery,
                           long previewEvery, String resumeFrom) {
        return new TrainingJob(UUID.randomUUID().toString(), name, dataset, masks, size, 1, steps, checkpointEvery,
                previewEvery, resumeFrom, 5, List.of(), null, null, 0, null, null, null, System.currentTimeMillis());
    }

    /** {@code job} starting from the worker's model {@code initModel}, with this learning rate and decay. */
    static TrainingJob fineTuning(TrainingJob job, String initModel, double learningRate, long decaySteps) {
        return fineTuning(job, initModel, learningRate, decaySteps, null, null, null);
    }

    /** ... and this discriminators' rate, hole L1 weight and number of prior samples it chooses from (null: the defaults). */
    static TrainingJob fineTuning(TrainingJob job, String initModel, double learningRate, long decaySteps,
                                  Double discriminatorLearningRate, Double holeL1, Integer holeBestOf) {
        return new TrainingJob(job.id(), job.name(), job.dataset(), job.masks(), job.size(), job.batch(), job.steps(),
                job.checkpointEvery(), job.previewEvery(), job.resumeFrom(), job.seed(), job.discriminatorAugment(),
                initModel, learningRate, decaySteps, discriminatorLearningRate, holeL1, holeBestOf, job.submittedAt());
    }

    TrainingJob submit(TrainingJob job) throws Exception {
        producer.send(KafkaProducerRecord.create(topics.trainingRequests(), job.id(), JobCodec.encode(job)))
                .await(20, TimeUnit.SECONDS);
        return job;
    }

    void cancel(String jobId) throws Exception {
        producer.send(KafkaProducerRecord.create(topics.control(), jobId,
                JobCodec.encode(ControlRecord.cancel(jobId, System.currentTimeMillis())))).await(20, TimeUnit.SECONDS);
    }

    Path runDir(TrainingJob job) {
        return root.resolve("runs").resolve(job.runName());
    }

    Path modelDir(String name) {
        return root.resolve("models").resolve(name);
    }

    static List<JobEvent> ofType(List<JobEvent> events, String type) {
        return events.stream().filter(e -> e.type().equals(type)).toList();
    }

    static JobEvent last(List<JobEvent> events) {
        return events.get(events.size() - 1);
    }

    @Override
    public void close() throws Exception {
        tap.close();
        producer.close().await(10, TimeUnit.SECONDS);
    }
}
