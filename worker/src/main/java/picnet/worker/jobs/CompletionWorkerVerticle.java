package picnet.worker.jobs;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picnet.common.jobs.CompletionJob;
import picnet.common.jobs.JobCodec;
import picnet.common.jobs.WorkerHeartbeat;

/**
 * A completion worker: a member of the workers' consumer group on the completion requests topic. It
 * runs at most {@code worker.capacity} jobs at once on a named sampling executor, pauses its partitions
 * while full and keeps polling (so it stays in the group during long jobs), and commits a job's record
 * only after the job's terminal event was acknowledged (see {@link JobConsumerVerticle} and
 * {@link CompletionJobRunner}). It announces its models and load on the heartbeat topic.
 * Configuration: {@link WorkerConfig}.
 *
 * <p>The models come from the {@link CompleterProvider} given to the constructor; the real one is
 * {@code picnet.worker.sampling.ModelCatalog}.
 */
public final class CompletionWorkerVerticle extends JobConsumerVerticle<CompletionJob> {
    private static final Logger LOG = LoggerFactory.getLogger(CompletionWorkerVerticle.class);

    private final CompleterProvider provider;
    private WorkerExecutor executor;
    private CompleterPool pool;
    private CompletionJobRunner runner;
    private long heartbeatTimer = -1;

    public CompletionWorkerVerticle(CompleterProvider provider) {
        this.provider = provider;
    }

    @Override
    protected String requestTopic() {
        return topics.completionRequests();
    }

    @Override
    protected String groupId() {
        return settings.groupId();
    }

    @Override
    protected String purpose() {
        return "requests";
    }

    @Override
    protected int capacity() {
        return settings.capacity();
    }

    @Override
    protected CompletionJob decode(byte[] value) {
        return JobCodec.decodeJob(value);
    }

    @Override
    protected Future<JobRunner.Outcome> run(CompletionJob job, BooleanSupplier abandoned) {
        return runner.run(job, abandoned);
    }

    @Override
    protected void startJobs() {
        executor = vertx.createSharedWorkerExecutor("picnet-sampling-" + settings.workerId(),
                settings.capacity(), settings.maxJobMinutes(), TimeUnit.MINUTES);
        pool = new CompleterPool(provider);
        runner = new CompletionJobRunner(context, settings, topics, producer, control, executor, pool, provider);
    }

    @Override
    protected void consuming() {
        heartbeatTimer = vertx.setPeriodic(0, settings.heartbeatMs(), t -> heartbeat());
    }

    @Override
    protected void beforeStop() {
        if (heartbeatTimer >= 0) {
            vertx.cancelTimer(heartbeatTimer);
        }
    }

    @Override
    protected Future<?> stopJobs() {
        if (pool != null) {
            pool.close();
        }
        return executor != null ? executor.close() : Future.succeededFuture();
    }

    /**
     * Announces models (listed on the io executor: a provider may read a directory), load, and the training
     * verticle's state when this process has one.
     */
    private void heartbeat() {
        int busy = busy();
        TrainingStatus training = TrainingStatus.of(vertx, settings.workerId());
        io.executeBlocking(() -> new WorkerHeartbeat(settings.workerId(), List.copyOf(provider.modelNames()),
                        provider.defaultModel(), settings.capacity(), busy, System.currentTimeMillis(),
                        settings.heartbeatMs(), training.trains(), training.job()), false)
                .compose(beat -> producer.send(KafkaProducerRecord.create(topics.heartbeats(), settings.workerId(),
                        JobCodec.encode(beat))))
                .onFailure(e -> LOG.debug("heartbeat not sent: {}", e.toString()));
    }
}
