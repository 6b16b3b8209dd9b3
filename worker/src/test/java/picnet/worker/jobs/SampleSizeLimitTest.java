package picnet.worker.jobs;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import picnet.common.images.RgbImage;
import picnet.common.jobs.Topics;

/** A full-size sample that cannot fit an event record fails the job with the reason instead of being retried. */
class SampleSizeLimitTest {
    private final RgbImage photo = RgbImage.blank(4, 3);

    @Test
    void aPngUpToThreeQuartersOfTheRecordLimitFits() {
        int largest = (Topics.MAX_RECORD_BYTES - CompletionJobRunner.SAMPLE_EVENT_OVERHEAD) / 4 * 3;
        assertDoesNotThrow(() -> CompletionJobRunner.checkSampleFits(largest, photo));
        JobRunner.BadJobException e = assertThrows(JobRunner.BadJobException.class,
                () -> CompletionJobRunner.checkSampleFits(largest + 3, photo));
        assertTrue(e.getMessage().contains("4x3") && e.getMessage().contains("MiB"), e.getMessage());
    }
}
