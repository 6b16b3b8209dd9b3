package picnet.worker.jobs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picnet.common.jobs.TrainingJob;
import picnet.common.masks.MaskKind;
import picnet.worker.checkpoint.ModelDirectory;
import picnet.worker.data.TrainingDataset;
import picnet.worker.jobs.JobRunner.BadJobException;
import picnet.worker.model.ModelLoader;
import picnet.worker.model.PicnetConfig;
import picnet.worker.training.DiscriminatorAugment;
import picnet.worker.training.TrainingCheckpoint;
import picnet.worker.training.TrainingOptions;

/**
 * What a training job means on this worker: its dataset (a relative path resolves against the datasets
 * folder), masks, options, run directory ({@code <runs>/<job.runName()>}), whether the run resumes (its
 * directory has checkpoints: a redelivered job, or {@code resumeFrom}), the model a fresh run starts from
 * ({@code initModel}, in the models folder; null for random weights or when resuming) and where the model goes. Whatever
 * is wrong with the job itself is a {@link BadJobException} with a one-line reason, found before any
 * training starts. Blocking (lists folders, decodes an image).
 */
record TrainingPlan(TrainingJob job, TrainingOptions options, TrainingDataset dataset, Path runDir, boolean resume,
                    Path init, Path modelDir) {

    static TrainingPlan of(TrainingJob job, WorkerConfig config) {
        String worker = config.workerId();
        checkSize(job.size());
        if (job.dataset() == null || job.dataset().isBlank() || job.name() == null || job.name().isBlank()) {
            throw bad("a training job needs a dataset and a name");
        }
        requirePlainName("name", job.name());
        requirePlainName("resumeFrom", job.runName());
        Path datasets = Path.of(config.datasetsDir());
        Path images = resolve(datasets, job.dataset());
        if (!Files.exists(images)) {
            throw bad("dataset '" + job.dataset() + "' not found on worker " + worker + ": " + images + " does not exist");
        }
        List<MaskKind> kinds = new ArrayList<>();
        Path maskDir = null;
        for (String mask : job.masks() == null ? TrainingJob.DEFAULT_MASKS : job.masks()) {
            if (mask.startsWith(TrainingJob.MASK_FOLDER_PREFIX)) {
                if (maskDir != null) {
                    throw bad("masks: at most one " + TrainingJob.MASK_FOLDER_PREFIX + " folder, got " + job.masks());
                }
                String folder = mask.substring(TrainingJob.MASK_FOLDER_PREFIX.length());
                maskDir = resolve(datasets, folder);
                if (!Files.exists(maskDir)) {
                    throw bad("mask folder '" + folder + "' not found on worker " + worker + ": " + maskDir
                            + " does not exist");
                }
            } else {
                kinds.add(parseKind(mask));
            }
        }
        TrainingDataset dataset;
        try {
            dataset = TrainingDataset.open(images, kinds, maskDir, job.size(), job.seed());
            dataset.sample(0); // the first readable image (unreadable ones are skipped) or none at all
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw bad("dataset '" + job.dataset() + "' on worker " + worker + ": " + e.getMessage());
        }
        Path runDir = Path.of(config.runsDir()).resolve(job.runName()).toAbsolutePath();
        boolean hasCheckpoints = !TrainingCheckpoint.list(runDir).isEmpty();
        if (job.resumeFrom() != null && !hasCheckpoints) {
            throw bad("cannot resume run '" + job.resumeFrom() + "' on worker " + worker + ": no checkpoints in "
                    + runDir.resolve(TrainingCheckpoint.DIR));
        }
        Path models = Path.of(config.modelsDir());
        Path init = job.initModel() == null || hasCheckpoints ? null : initModel(models, job.initModel(), worker);
        return new TrainingPlan(job, options(job), dataset, runDir, hasCheckpoints, init,
                models.resolve(job.name()).toAbsolutePath());
    }

    private static Path initModel(Path models, String name, String worker) {
        requirePlainName("initModel", name);
        Path dir = models.resolve(name).toAbsolutePath();
        if (!ModelLoader.isModelDirectory(dir)) {
            throw bad("initModel '" + name + "' not found on worker " + worker + ": " + dir + " holds no model ("
                    + ModelDirectory.CONFIG_FILE + ")");
        }
        return dir;
    }

    /**
     * The job's learning rates, constant until its last {@code decaySteps} steps and then falling linearly to
     * zero at {@code steps}, its augmentation, its hole L1 weight and how many prior samples that term chooses from.
     */
    static TrainingOptions options(TrainingJob job) {
        try {
            return TrainingOptions.builder().optSize(job.size()).optBatch(job.batch()).optSteps(job.steps())
                    .optNiter(job.steps() - job.decaySteps()).optNiterDecay(job.decaySteps())
                    .optLearningRate((float) job.learningRateOrDefault())
                    .optDiscriminatorLearningRate((float) job.discriminatorLearningRateOrDefault())
                    .optHoleWeight((float) job.holeL1OrDefault())
                    .optHoleBestOf(job.holeBestOfOrDefault())
                    .optCheckpointEvery(job.checkpointEvery()).optPreviewEvery(job.previewEvery())
                    .optSeed(job.seed()).optDiscriminatorAugment(DiscriminatorAugment.named(
                            job.discriminatorAugment() == null ? List.of() : job.discriminatorAugment()))
                    .build();
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage());
        }
    }

    private static void checkSize(int size) {
        try {
            PicnetConfig.released(size);
        } catch (IllegalArgumentException e) {
            throw bad("size " + size + " is not accepted by the networks: " + e.getMessage());
        }
    }

    /** Names that become folder names under the models and runs folders must stay inside them. */
    private static void requirePlainName(String field, String name) {
        if (name.startsWith(".") || name.contains("/") || name.contains("\\")) {
            throw bad(field + " '" + name + "' must be a plain folder name (no '/', '\\', no leading '.')");
        }
    }

    private static MaskKind parseKind(String mask) {
        try {
            return MaskKind.parse(mask);
        } catch (IllegalArgumentException e) {
            throw bad("masks: " + e.getMessage());
        }
    }

    private static Path resolve(Path base, String path) {
        return base.resolve(path).toAbsolutePath().normalize();
    }

    private static BadJobException bad(String message) {
        return new BadJobException(message, null);
    }
}
