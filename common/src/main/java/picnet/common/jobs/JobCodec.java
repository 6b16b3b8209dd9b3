package picnet.common.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * JSON for everything that travels on the job topics (byte arrays as base64). Decoding ignores fields it
 * does not know, so that newer producers (training events) do not break older consumers.
 */
public final class JobCodec {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private JobCodec() {}

    public static byte[] encode(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static CompletionJob decodeJob(byte[] bytes) {
        return decode(bytes, CompletionJob.class);
    }

    public static TrainingJob decodeTrainingJob(byte[] bytes) {
        return decode(bytes, TrainingJob.class);
    }

    public static JobEvent decodeEvent(byte[] bytes) {
        return decode(bytes, JobEvent.class);
    }

    public static ControlRecord decodeControl(byte[] bytes) {
        return decode(bytes, ControlRecord.class);
    }

    public static WorkerHeartbeat decodeHeartbeat(byte[] bytes) {
        return decode(bytes, WorkerHeartbeat.class);
    }

    /** @throws IllegalArgumentException when the bytes are not a valid record of that type */
    public static <T> T decode(byte[] bytes, Class<T> type) {
        try {
            return MAPPER.readValue(bytes, type);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a valid " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
