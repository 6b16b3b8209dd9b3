package picnet.worker.sampling;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How a photo of another size than the model's is fitted to it (see {@link CompletionWindow}).
 * The wire names ({@link #wireName()}) are the values of the API field and CLI flag {@code strategy}.
 */
public enum SizeStrategy {
    /** Crop when the hole is small relative to the image, else resize ({@link CompletionWindow#choose}). */
    AUTO,
    /** The whole image down to the model size, the completion up again. */
    RESIZE,
    /** A square window around the hole with context, resized to the model size; resize when the hole does not fit. */
    CROP;

    /** The lower-case name used in the API, the job record and the CLI. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Every wire name, in declaration order. */
    public static List<String> wireNames() {
        return Arrays.stream(values()).map(SizeStrategy::wireName).toList();
    }

    /**
     * @param text a wire name, any case; null or blank means {@link #AUTO}
     * @throws IllegalArgumentException naming the valid values
     */
    public static SizeStrategy parse(String text) {
        if (text == null || text.isBlank()) {
            return AUTO;
        }
        String name = text.trim().toLowerCase(Locale.ROOT);
        for (SizeStrategy s : values()) {
            if (s.wireName().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("strategy must be one of " + String.join(", ", wireNames()) + ", got '"
                + text + "'");
    }
}
