package picnet.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import picnet.common.images.ImageLimits;
import picnet.common.jobs.CompletionJob;
import picnet.gateway.api.ApiError;
import picnet.gateway.api.MultipartForm;
import picnet.gateway.api.SubmissionValidator;
import picnet.gateway.jobs.WorkerDirectory;

/** The size strategy field, from the form to the job record. */
class SubmissionValidatorTest {
    private final SubmissionValidator validator = new SubmissionValidator(ImageLimits.DEFAULT);
    private final Map<String, byte[]> files = Map.of("image", TestImages.image(48, 40), "mask", TestImages.squareHole(48, 40));

    @Test
    void theStrategyReachesTheJobRecord() {
        SubmissionValidator.Fields fields = validator.checkFields(
                new MultipartForm(Map.of("strategy", " Crop "), files), new WorkerDirectory());
        assertEquals("crop", fields.strategy());
        CompletionJob job = validator.checkImages(fields);
        assertEquals("crop", job.strategy());
    }

    @Test
    void anAbsentStrategyIsAuto() {
        CompletionJob job = validator.checkImages(validator.checkFields(new MultipartForm(Map.of(), files),
                new WorkerDirectory()));
        assertNull(job.strategy());
        assertEquals("auto", job.strategyOrDefault());
    }

    @Test
    void anUnknownStrategyIsABadRequest() {
        ApiError e = assertThrows(ApiError.class, () -> validator.checkFields(
                new MultipartForm(Map.of("strategy", "zoom"), files), new WorkerDirectory()));
        assertEquals(400, e.status());
        assertEquals("invalid_strategy", e.code());
        assertTrue(e.getMessage().contains("auto, resize, crop"), e.getMessage());
    }
}
