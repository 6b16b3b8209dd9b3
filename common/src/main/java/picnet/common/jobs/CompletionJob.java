package picnet.common.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A completion job as it travels on the requests topic. The image and mask travel as the file bytes the
 * client sent (PNG or JPEG; PNG mask, white = hole), already validated by the gateway, so that workers
 * need no shared filesystem. {@code model} is null for the worker's default model. {@code strategy} says
 * how a photo of another size than the model's is fitted to it, one of {@link #STRATEGIES}; null (absent
 * from the JSON, as in records written before it existed) means {@link #DEFAULT_STRATEGY}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CompletionJob(String id, String model, int samples, int top, long seed, byte[] image, byte[] mask,
                            long submittedAt, String strategy) {
    public static final String KIND = "completion";
    public static final int MAX_SAMPLES = 100;
    public static final int DEFAULT_SAMPLES = 10;
    /** The size strategies' wire names (the worker's {@code SizeStrategy}); checked by the gateway. */
    public static final List<String> STRATEGIES = List.of("auto", "resize", "crop");
    public static final String DEFAULT_STRATEGY = "auto";

    /** A job with the default size strategy. */
    public CompletionJob(String id, String model, int samples, int top, long seed, byte[] image, byte[] mask,
                         long submittedAt) {
        this(id, model, samples, top, seed, image, mask, submittedAt, null);
    }

    /** {@link #strategy()}, or {@link #DEFAULT_STRATEGY} when it is absent. */
    public String strategyOrDefault() {
        return strategy == null ? DEFAULT_STRATEGY : strategy;
    }
}
