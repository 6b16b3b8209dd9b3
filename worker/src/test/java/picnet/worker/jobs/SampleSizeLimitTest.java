package picnet.worker.jobs;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import picnet.common.jobs.Topics;
import picnet.common.masks.Box;

/**
 * A sample's patch that cannot fit an event record (only a giant hole makes one) fails the job with the
 * reason instead of being retried. That a photo too large for a record as a whole PNG completes is
 * {@link LargePhotoCompletionTest}'s.
 */
class SampleSizeLimitTest {
    private final Box region = new Box(10, 20, 3010, 2020);

    @Test
    void aPatchPngUpToThreeQuartersOfTheRecordLimitFits() {
        int largest = (Topics.MAX_RECORD_BYTES - CompletionJobRunner.SAMPLE_EVENT_OVERHEAD) / 4 * 3;
        assertDoesNotThrow(() -> CompletionJobRunner.checkPatchFits(largest, region));
        JobRunner.BadJobException e = assertThrows(JobRunner.BadJobException.class,
                () -> CompletionJobRunner.checkPatchFits(largest + 3, region));
        assertTrue(e.getMessage().contains("3000x2000") && e.getMessage().contains("MiB"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line");
    }
}
