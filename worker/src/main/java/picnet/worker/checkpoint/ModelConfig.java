package picnet.worker.checkpoint;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code config.json} of a picnet model directory: the architecture hyper-parameters the weights need
 * ({@code size} is the image side in pixels; ngf, zNc, imgF, layers, outputScale as in the authors'
 * options), the on-disk dtype of the weights, and a free-form {@code provenance} map (where the weights
 * came from, training run, ...).
 */
@JsonPropertyOrder({"format", "formatVersion", "name", "size", "ngf", "zNc", "imgF", "layers", "outputScale",
    "dtype", "provenance"})
public record ModelConfig(String format, int formatVersion, String name, int size, int ngf, int zNc, int imgF,
        int layers, int outputScale, Safetensors.Dtype dtype,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Object> provenance) {

    public static final String FORMAT = "picnet-model";
    public static final int FORMAT_VERSION = 1;

    public ModelConfig {
        provenance = provenance == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
    }

    /** A current-format config. */
    public static ModelConfig of(String name, int size, int ngf, int zNc, int imgF, int layers, int outputScale,
            Safetensors.Dtype dtype, Map<String, Object> provenance) {
        return new ModelConfig(FORMAT, FORMAT_VERSION, name, size, ngf, zNc, imgF, layers, outputScale, dtype,
                provenance);
    }

    /** The same config with its weights stored as {@code newDtype}. */
    public ModelConfig withDtype(Safetensors.Dtype newDtype) {
        return new ModelConfig(format, formatVersion, name, size, ngf, zNc, imgF, layers, outputScale, newDtype,
                provenance);
    }

    /** Throws a one-line {@link CheckpointException} prefixed with {@code where} if a field is missing or invalid. */
    void validate(String where) {
        String problem = null;
        if (!FORMAT.equals(format)) {
            problem = "format is " + format + ", expected " + FORMAT;
        } else if (formatVersion != FORMAT_VERSION) {
            problem = "unknown formatVersion " + formatVersion + " (this reader knows " + FORMAT_VERSION + ")";
        } else if (name == null || name.isBlank()) {
            problem = "missing name";
        } else if (size <= 0 || ngf <= 0 || zNc <= 0 || imgF <= 0 || layers <= 0 || outputScale <= 0) {
            problem = "size, ngf, zNc, imgF, layers and outputScale must all be positive";
        } else if (dtype == null) {
            problem = "missing dtype (F32 or F16)";
        }
        if (problem != null) {
            throw new CheckpointException(where + ": " + problem);
        }
    }
}
