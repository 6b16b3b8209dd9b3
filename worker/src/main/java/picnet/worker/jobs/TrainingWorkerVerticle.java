package picnet.worker.jobs;

import ai.djl.Device;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import picnet.common.jobs.JobCodec;
import picnet.common.jobs.TrainingJob;

/**
 * A training worker: a member of the training group ({@code worker.training-group}) on the training
 * requests topic, so completions, served by the completion group, never wait behind a training. It trains
 * one job at a time on the executor {@code picnet-training-<id>} while its partitions stay paused and it
 * keeps polling (so it keeps its membership however many hours a training takes), and commits the job's
 * record only after the terminal event was acknowledged: a worker killed mid-training leaves the record to
 * the next member of the group, which resumes from the run's newest checkpoint (see
 * {@link TrainingJobRunner}). Configuration: {@link WorkerConfig}.
 */
public final class TrainingWorkerVerticle extends JobConsumerVerticle<TrainingJob> {
    /** How long a training may hold the executor before Vert.x warns about a blocked thread. */
    private static final long MAX_TRAINING_DAYS = 30;

    private final Device device;
    private WorkerExecutor executor;
    private TrainingJobRunner runner;

    public TrainingWorkerVerticle(Device device) {
        this.device = device;
    }

    @Override
    protected String requestTopic() {
        return topics.trainingRequests();
    }

    @Override
    protected String groupId() {
        return settings.trainingGroupId();
    }

    @Override
    protected String purpose() {
        return "trainings";
    }

    @Override
    protected int capacity() {
        return 1;
    }

    @Override
    protected TrainingJob decode(byte[] value) {
        return JobCodec.decodeTrainingJob(value);
    }

    @Override
    protected Future<JobRunner.Outcome> run(TrainingJob job, BooleanSupplier abandoned) {
        TrainingStatus.training(vertx, settings.workerId(), job.id());
        return runner.run(job, abandoned).onComplete(ar -> TrainingStatus.finished(vertx, settings.workerId(), job.id()));
    }

    @Override
    protected void startJobs() {
        executor = vertx.createSharedWorkerExecutor("picnet-training-" + settings.workerId(), 1, MAX_TRAINING_DAYS,
                TimeUnit.DAYS);
        runner = new TrainingJobRunner(context, settings, topics, producer, control, executor, device);
        TrainingStatus.idle(vertx, settings.workerId());
    }

    @Override
    protected Future<?> stopJobs() {
        TrainingStatus.gone(vertx, settings.workerId());
        return executor != null ? executor.close() : Future.succeededFuture();
    }
}
