package picnet.common.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A training job as it travels on the training requests topic. The gateway has checked every field's
 * form; what only a worker can know (that {@code dataset} exists there) the worker checks.
 *
 * <ul>
 *   <li>{@code name}: the model name the trained networks are exported as when the job succeeds.</li>
 *   <li>{@code dataset}: a folder of images or a {@code .flist} file on the worker's machine; a relative
 *       path is resolved against the worker's datasets folder.</li>
 *   <li>{@code masks}: any of {@link #MASK_KINDS}, or {@code folder:PATH} for an external mask folder.</li>
 *   <li>{@code discriminatorAugment}: any of {@link #AUGMENT_POLICIES}, the DiffAugment transforms of
 *       everything the discriminators see; empty or null (events written before it existed) for none, the
 *       authors' objective.</li>
 *   <li>{@code resumeFrom}: the id of an earlier training job whose run continues (its newest checkpoint,
 *       optimiser state and step) up to this job's {@code steps}; null for a fresh run.</li>
 *   <li>{@code initModel}: the name of a model on the worker whose weights a fresh run starts from
 *       (fine-tuning), instead of random ones; null for random weights. Never with {@code resumeFrom}.</li>
 *   <li>{@code learningRate}: Adam's learning rate; null (events written before it existed) for
 *       {@link #DEFAULT_LEARNING_RATE}.</li>
 *   <li>{@code decaySteps}: the last this many steps of the run bring the learning rate down linearly to
 *       zero; 0 keeps it constant.</li>
 *   <li>{@code discriminatorLearningRate}: the discriminators' Adam rate, on the same schedule; null for
 *       {@code learningRate}, the authors' choice (a higher one is the two time-scale rule).</li>
 *   <li>{@code holeL1}: the weight of an L1 term on the generative path's hole pixels ({@code hole_g}, not in
 *       the authors' objective); null for 0, the authors' objective.</li>
 *   <li>{@code holeBestOf}: how many prior samples the generative path draws per image; {@code hole_g} takes
 *       each image's closest one (a best-of-many objective, which leaves the others free to differ); null
 *       for 1, the authors' single sample.</li>
 * </ul>
 *
 * The run directory of a job is {@code <runs>/<resumeFrom or id>}: a redelivered job finds its own
 * checkpoints there and resumes instead of starting over.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrainingJob(String id, String name, String dataset, List<String> masks, int size, int batch,
                          long steps, long checkpointEvery, long previewEvery, String resumeFrom, long seed,
                          List<String> discriminatorAugment, String initModel, Double learningRate, long decaySteps,
                          Double discriminatorLearningRate, Double holeL1, Integer holeBestOf,
                          long submittedAt) {
    public static final String KIND = "training";
    public static final List<String> MASK_KINDS = List.of("center", "regular", "irregular");
    public static final String MASK_FOLDER_PREFIX = "folder:";
    public static final List<String> DEFAULT_MASKS = List.of("regular", "irregular");
    /** The worker's {@code DiscriminatorAugment} policies, by name. */
    public static final List<String> AUGMENT_POLICIES = List.of("color", "translation", "cutout");
    public static final int DEFAULT_SIZE = 256;
    public static final int DEFAULT_BATCH = 4;
    public static final long DEFAULT_STEPS = 10_000;
    public static final long DEFAULT_CHECKPOINT_EVERY = 500;
    public static final long DEFAULT_PREVIEW_EVERY = 100;
    /** The authors' learning rate (the worker's {@code AdamOptimizer.LR}). */
    public static final double DEFAULT_LEARNING_RATE = 1e-4;
    public static final double MAX_LEARNING_RATE = 1e-2;
    /** The largest holeL1 a job may ask for (the shipped scenery model's last stage trained with 1000; the authors' app_g is 20). */
    public static final double MAX_HOLE_L1 = 1000;
    /** The most prior samples per image a job may ask for (a step costs about 1.5 times a one-sample step at 2, 1.8 at 4). */
    public static final int MAX_HOLE_BEST_OF = 8;
    /** Sizes the networks accept (the worker's {@code PicnetConfig}): a multiple of 32 from 96 to 512. */
    public static final int MIN_SIZE = 96;
    public static final int MAX_SIZE = 512;
    public static final int MAX_BATCH = 64;

    /** The run this job trains: its own id, or the run it resumes. */
    public String runName() {
        return resumeFrom == null ? id : resumeFrom;
    }

    /** {@link #learningRate} with its default. */
    public double learningRateOrDefault() {
        return learningRate == null ? DEFAULT_LEARNING_RATE : learningRate;
    }

    /** {@link #discriminatorLearningRate} with its default, the job's learning rate. */
    public double discriminatorLearningRateOrDefault() {
        return discriminatorLearningRate == null ? learningRateOrDefault() : discriminatorLearningRate;
    }

    /** {@link #holeL1} with its default, 0. */
    public double holeL1OrDefault() {
        return holeL1 == null ? 0 : holeL1;
    }

    /** {@link #holeBestOf} with its default, 1. */
    public int holeBestOfOrDefault() {
        return holeBestOf == null ? 1 : holeBestOf;
    }
}
