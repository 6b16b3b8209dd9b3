package picnet.worker.jobs;

import ai.djl.Device;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Context;
import io.vertx.core.WorkerExecutor;
import io.vertx.kafka.client.producer.KafkaProducer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picnet.common.jobs.JobEvent;
import picnet.common.jobs.Topics;
import picnet.common.jobs.TrainingJob;
import picnet.worker.checkpoint.ModelDirectory;
import picnet.worker.checkpoint.Safetensors;
import picnet.worker.model.ModelStorage;
import picnet.worker.training.CheckpointExport;
import picnet.worker.training.Trainer;

/**
 * Runs one training job (see {@link JobRunner}): checks the job against this worker ({@link TrainingPlan}),
 * trains in the run directory (resuming from its newest checkpoint when it has one, so a redelivered or
 * retried job continues where the last attempt's checkpoint stands), streams {@link TrainingEvents}, and
 * exports the networks as the model {@code <models>/<name>}; ends {@code succeeded} with the model's name,
 * or {@code cancelled} (after a checkpoint) when the job was cancelled.
 */
final class TrainingJobRunner extends JobRunner<TrainingJob, Trainer.Result> {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingJobRunner.class);
    /** One training per process: DJL allows one gradient collector at a time. */
    private static final ReentrantLock ONE_TRAINING = new ReentrantLock();
    private static final String TRAINING_JOB = "trainingJob";

    private final Device device;

    TrainingJobRunner(Context context, WorkerConfig config, Topics topics, KafkaProducer<String, byte[]> producer,
                      ControlLog control, WorkerExecutor executor, Device device) {
        super(context, config, topics, producer, control, executor);
        this.device = device;
    }

    @Override
    protected String id(TrainingJob job) {
        return job.id();
    }

    @Override
    protected int total(TrainingJob job) {
        return (int) Math.min(Integer.MAX_VALUE, job.steps());
    }

    @Override
    protected JobEvent ended(TrainingJob job, Trainer.Result result) {
        return result.cancelled() ? JobEvent.cancelled(job.id(), now()) : JobEvent.trained(job.id(), job.name(), now());
    }

    @Override
    protected Trainer.Result work(TrainingJob job, int attempt, Consumer<JobEvent> emit, BooleanSupplier stop) {
        TrainingPlan plan = TrainingPlan.of(job, config);
        boolean exported = checkModelName(plan);
        TrainingEvents events = new TrainingEvents(job.id(), plan.runDir().getParent(), config.trainingProgressMs(),
                emit);
        ONE_TRAINING.lock();
        try {
            LOG.info("job {} attempt {}: {} {} steps in {}", job.id(), attempt, plan.resume() ? "resuming" : "starting",
                    job.steps(), plan.runDir());
            Trainer.Result result;
            try {
                result = new Trainer(plan.options(), plan.dataset(), plan.runDir(), device, events)
                        .run(plan.resume(), plan.init(), stop);
            } catch (IllegalArgumentException e) {
                if (events.stepsReported() > 0) {
                    throw e; // mid-run: retried from the checkpoint
                }
                // before the first step: the run's checkpoints do not fit this job (seed, batch, size)
                throw new BadJobException("cannot resume run '" + job.runName() + "': " + e.getMessage(), e);
            }
            if (!result.cancelled() && !exported) {
                long step = CheckpointExport.export(plan.runDir(), plan.modelDir(), job.name(),
                        ModelStorage.of(Safetensors.Dtype.F32), Map.of(TRAINING_JOB, job.id()));
                LOG.info("job {}: exported model '{}' (step {}) to {}", job.id(), job.name(), step, plan.modelDir());
            }
            return result;
        } finally {
            ONE_TRAINING.unlock();
        }
    }

    /**
     * A model of the job's name may only exist if this job exported it (an earlier attempt that ended before
     * its terminal event was written): then it is not exported again. Any other is never replaced, since
     * workers may be serving it.
     *
     * @return whether the model was already exported by this job
     */
    private boolean checkModelName(TrainingPlan plan) {
        Path dir = plan.modelDir();
        if (!Files.exists(dir)) {
            return false;
        }
        String exporter = null;
        try {
            exporter = new ObjectMapper().readTree(dir.resolve(ModelDirectory.CONFIG_FILE).toFile())
                    .path("provenance").path(TRAINING_JOB).asText(null);
        } catch (IOException e) {
            // not a model directory we wrote
        }
        if (plan.job().id().equals(exporter)) {
            return true;
        }
        throw new BadJobException("a model named '" + plan.job().name() + "' already exists on worker "
                + config.workerId() + " (" + dir + "); choose another name", null);
    }
}
