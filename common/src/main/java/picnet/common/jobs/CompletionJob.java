package picnet.common.jobs;

/**
 * A completion job as it travels on the requests topic. The image and mask travel as the file bytes the
 * client sent (PNG or JPEG; PNG mask, white = hole), already validated by the gateway, so that workers
 * need no shared filesystem. {@code model} is null for the worker's default model.
 */
public record CompletionJob(String id, String model, int samples, int top, long seed, byte[] image, byte[] mask,
                            long submittedAt) {
    public static final String KIND = "completion";
    public static final int MAX_SAMPLES = 100;
    public static final int DEFAULT_SAMPLES = 10;
}
