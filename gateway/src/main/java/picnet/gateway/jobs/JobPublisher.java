package picnet.gateway.jobs;

import io.vertx.core.Future;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import io.vertx.kafka.client.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picnet.common.jobs.CompletionJob;
import picnet.common.jobs.ControlRecord;
import picnet.common.jobs.JobCodec;
import picnet.common.jobs.JobEvent;
import picnet.common.jobs.Topics;
import picnet.common.jobs.TrainingJob;

/**
 * Writes what the gateway decides to Kafka, every record keyed by job id. A submission writes the
 * {@code queued} event first and then the request, so a job's history always starts with {@code queued}
 * even when a worker picks the request up at once; if the request cannot be written after that, a
 * {@code failed} event closes the job.
 */
public final class JobPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(JobPublisher.class);

    private final KafkaProducer<String, byte[]> producer;
    private final Topics topics;

    public JobPublisher(KafkaProducer<String, byte[]> producer, Topics topics) {
        this.producer = producer;
        this.topics = topics;
    }

    /** A completion's two records, encoded off the event loop: both hold the image file (the request the mask too). */
    public record EncodedCompletion(String jobId, byte[] queuedEvent, byte[] request) {
        /** Blocking (base64 of the files): call it on a worker thread. */
        public static EncodedCompletion of(CompletionJob job) {
            return new EncodedCompletion(job.id(), JobCodec.encode(JobEvent.queued(job)), JobCodec.encode(job));
        }
    }

    /**
     * Answers where the queued event (which carries the original image, so that every gateway can serve
     * the samples) landed, once the request is durably enqueued too.
     */
    public Future<RecordMetadata> submit(EncodedCompletion job) {
        return submit(job.jobId(), job.queuedEvent(), topics.completionRequests(), job.request());
    }

    /** A training job: queued (model = the name to export, total = steps), then the request on the training topic. */
    public Future<RecordMetadata> submit(TrainingJob job) {
        return submit(job.id(), JobCodec.encode(JobEvent.queuedTraining(job)), topics.trainingRequests(),
                JobCodec.encode(job));
    }

    private Future<RecordMetadata> submit(String id, byte[] queued, String requestTopic, byte[] request) {
        return sendEvent(id, queued).compose(where -> producer
                .send(KafkaProducerRecord.create(requestTopic, id, request))
                .map(where)
                .recover(e -> {
                    LOG.warn("job {} was queued but its request could not be written: {}", id, e.toString());
                    sendEvent(JobEvent.failed(id, "the job could not be enqueued: " + e.getMessage(),
                            System.currentTimeMillis()));
                    return Future.failedFuture(e);
                }));
    }

    /** Asks workers to stop the job (or skip it when it arrives). */
    public Future<RecordMetadata> cancel(String jobId) {
        ControlRecord cancel = ControlRecord.cancel(jobId, System.currentTimeMillis());
        return producer.send(KafkaProducerRecord.create(topics.control(), jobId, JobCodec.encode(cancel)));
    }

    /** A job still queued is closed at once by the gateway; the worker that later gets it skips it. */
    public Future<RecordMetadata> cancelled(String jobId) {
        return sendEvent(JobEvent.cancelled(jobId, System.currentTimeMillis()));
    }

    private Future<RecordMetadata> sendEvent(JobEvent event) {
        return sendEvent(event.jobId(), JobCodec.encode(event));
    }

    private Future<RecordMetadata> sendEvent(String jobId, byte[] event) {
        return producer.send(KafkaProducerRecord.create(topics.events(), jobId, event));
    }
}
