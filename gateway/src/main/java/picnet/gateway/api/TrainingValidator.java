package picnet.gateway.api;

import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import picnet.common.jobs.TrainingJob;
import picnet.gateway.jobs.JobState;
import picnet.gateway.jobs.JobStore;

/**
 * Checks a POST /v1/trainings body and fills in the defaults of {@link TrainingJob}. Cheap, so it runs on
 * the event loop. Only the form is checked here: whether the dataset exists is for the worker to say.
 */
public final class TrainingValidator {
    public static final long MAX_STEPS = 10_000_000;
    static final int MAX_PATH_CHARS = 1024;
    static final int MAX_MASK_SOURCES = 8;
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern MODEL_FOLDER = Pattern.compile("[^./\\\\\\p{Cntrl}][^/\\\\\\p{Cntrl}]{0,254}");
    private static final Pattern PARENT_SEGMENT = Pattern.compile("(^|[/\\\\])\\.\\.([/\\\\]|$)");
    /** The fields a POST /v1/trainings body may hold (the OpenAPI document lists each). */
    public static final Set<String> FIELDS = Set.of("name", "dataset", "masks", "size", "batch", "steps",
            "checkpointEvery", "previewEvery", "resumeFrom", "seed", "discriminatorAugment", "initModel", "learningRate",
            "decaySteps", "discriminatorLearningRate", "holeL1", "holeBestOf");
    private static final SecureRandom SEEDS = new SecureRandom();

    private TrainingValidator() {}

    /** The job to enqueue; throws {@link ApiError} naming the first field refused. */
    public static TrainingJob check(JsonObject body, JobStore store) {
        JsonFields fields = new JsonFields(body, FIELDS);
        String name = fields.requiredString("name", "the model name to export, like \"faces-256\"");
        if (!NAME.matcher(name).matches()) {
            throw JsonFields.invalid("name", "name must be 1-64 characters of a-z, 0-9, '.', '_' or '-', starting"
                    + " with a letter or digit, got " + JsonFields.shown(name));
        }
        String dataset = path(fields.requiredString("dataset",
                "a folder of images or a .flist file on the workers (relative to their datasets folder)"), "dataset");
        List<String> masks = masks(fields);
        long size = fields.integer("size", TrainingJob.DEFAULT_SIZE, TrainingJob.MIN_SIZE, TrainingJob.MAX_SIZE);
        if (size % 32 != 0) {
            throw JsonFields.invalid("size", "size must be a multiple of 32 in " + TrainingJob.MIN_SIZE + ".."
                    + TrainingJob.MAX_SIZE + ", got " + size);
        }
        long batch = fields.integer("batch", TrainingJob.DEFAULT_BATCH, 1, TrainingJob.MAX_BATCH);
        long steps = fields.integer("steps", TrainingJob.DEFAULT_STEPS, 1, MAX_STEPS);
        long checkpointEvery = fields.integer("checkpointEvery", TrainingJob.DEFAULT_CHECKPOINT_EVERY, 1, MAX_STEPS);
        long previewEvery = fields.integer("previewEvery", TrainingJob.DEFAULT_PREVIEW_EVERY, 1, MAX_STEPS);
        long seed = fields.has("seed") ? fields.integer("seed", 0, 0, Long.MAX_VALUE)
                : SEEDS.nextLong() & Long.MAX_VALUE;
        List<String> augment = discriminatorAugment(fields);
        Double learningRate = fields.positiveNumber("learningRate", TrainingJob.MAX_LEARNING_RATE);
        long decaySteps = fields.integer("decaySteps", 0, 0, steps);
        Double discriminatorLearningRate = fields.positiveNumber("discriminatorLearningRate",
                TrainingJob.MAX_LEARNING_RATE);
        Double holeL1 = fields.number("holeL1", 0, TrainingJob.MAX_HOLE_L1);
        Integer holeBestOf = fields.has("holeBestOf")
                ? (int) fields.integer("holeBestOf", 1, 1, TrainingJob.MAX_HOLE_BEST_OF) : null;
        String initModel = initModel(fields);
        String resumeFrom = resumable(fields.string("resumeFrom"), store);
        return new TrainingJob(UUID.randomUUID().toString(), name, dataset, masks, (int) size, (int) batch, steps,
                checkpointEvery, previewEvery, resumeFrom, seed, augment, initModel, learningRate, decaySteps,
                discriminatorLearningRate, holeL1, holeBestOf, System.currentTimeMillis());
    }

    /** A model name as the workers' models folder holds it; whether a worker has it is for the worker to say. */
    private static String initModel(JsonFields fields) {
        String model = fields.string("initModel");
        if (model == null) {
            return null;
        }
        if (!MODEL_FOLDER.matcher(model).matches()) {
            throw JsonFields.invalid("initModel", "initModel must be the name of a model folder on the workers (no '/',"
                    + " '\\', leading '.' or control characters, at most 255 characters), got " + JsonFields.shown(model));
        }
        if (fields.has("resumeFrom")) {
            throw JsonFields.invalid("initModel", "initModel starts a new run from a model's weights; a run named by"
                    + " resumeFrom continues from its own, so give one or the other");
        }
        return model;
    }

    private static List<String> discriminatorAugment(JsonFields fields) {
        List<String> policies = fields.strings("discriminatorAugment");
        if (policies == null) {
            return List.of();
        }
        Set<String> seen = new HashSet<>();
        for (String policy : policies) {
            if (!TrainingJob.AUGMENT_POLICIES.contains(policy)) {
                throw JsonFields.invalid("discriminatorAugment", "discriminatorAugment must list any of "
                        + String.join(", ", TrainingJob.AUGMENT_POLICIES) + ", got " + JsonFields.shown(policy));
            }
            if (!seen.add(policy)) {
                throw JsonFields.invalid("discriminatorAugment",
                        "discriminatorAugment lists " + JsonFields.shown(policy) + " twice");
            }
        }
        return List.copyOf(policies);
    }

    private static List<String> masks(JsonFields fields) {
        List<String> masks = fields.strings("masks");
        if (masks == null) {
            return TrainingJob.DEFAULT_MASKS;
        }
        String kinds = String.join(", ", TrainingJob.MASK_KINDS) + " or " + TrainingJob.MASK_FOLDER_PREFIX + "PATH";
        if (masks.isEmpty() || masks.size() > MAX_MASK_SOURCES) {
            throw JsonFields.invalid("masks", "masks must list 1.." + MAX_MASK_SOURCES + " of " + kinds);
        }
        Set<String> seen = new HashSet<>();
        for (String mask : masks) {
            boolean folder = mask.startsWith(TrainingJob.MASK_FOLDER_PREFIX);
            if (folder) {
                path(mask.substring(TrainingJob.MASK_FOLDER_PREFIX.length()), "masks");
            } else if (!TrainingJob.MASK_KINDS.contains(mask)) {
                throw JsonFields.invalid("masks", "masks must be " + kinds + ", got " + JsonFields.shown(mask));
            }
            if (!seen.add(mask)) {
                throw JsonFields.invalid("masks", "masks lists " + JsonFields.shown(mask) + " twice");
            }
        }
        return List.copyOf(masks);
    }

    /** A path on the workers' machines: non-empty, bounded, printable, never climbing out with "..". */
    private static String path(String path, String field) {
        if (path.isBlank() || path.length() > MAX_PATH_CHARS) {
            throw JsonFields.invalid(field, field + " must be a path of 1.." + MAX_PATH_CHARS + " characters");
        }
        if (PARENT_SEGMENT.matcher(path).find()) {
            throw JsonFields.invalid(field, field + " must not contain a '..' segment, got " + JsonFields.shown(path));
        }
        if (path.chars().anyMatch(Character::isISOControl)) {
            throw JsonFields.invalid(field, field + " must not contain control characters");
        }
        return path;
    }

    /**
     * resumeFrom names a finished training job that this gateway knows (a running one still owns its run),
     * and no other queued or running training continues the same run; workers also lock a run while they
     * train it ({@code RunLock}), which covers jobs this gateway has not seen yet.
     */
    private static String resumable(String id, JobStore store) {
        if (id == null) {
            return null;
        }
        JobState earlier = store.get(id).orElse(null);
        String problem = earlier == null ? "there is no job " + JsonFields.shown(id)
                : !earlier.isTraining() ? "job " + id + " is a " + earlier.kind() + ", not a training"
                : !earlier.status().isTerminal() ? "training " + id + " is still " + earlier.status().wireName()
                + "; cancel it or wait for it to end"
                : null;
        if (problem != null) {
            throw ApiError.invalidField(422, "resumeFrom", "resumeFrom must name a finished training job: " + problem);
        }
        // a job that itself resumed a run continues that same run
        String run = earlier.training().run() != null ? earlier.training().run() : id;
        store.activeTrainingOf(run).ifPresent(active -> {
            throw ApiError.invalidField(409, "resumeFrom", "run " + run + " is already being trained by job "
                    + active.id() + " (" + active.status().wireName() + "); cancel it or wait for it to end");
        });
        return run;
    }
}
