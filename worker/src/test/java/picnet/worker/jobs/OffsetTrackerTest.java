package picnet.worker.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class OffsetTrackerTest {
    @Test
    void neverCommitsPastAJobStillRunning() {
        OffsetTracker t = new OffsetTracker();
        t.begin(0, 5);
        t.begin(0, 6);
        t.begin(0, 7);
        assertEquals(OptionalLong.of(5), t.finish(0, 7), "5 still runs");
        assertEquals(OptionalLong.of(6), t.finish(0, 5), "6 still runs");
        assertEquals(OptionalLong.of(8), t.finish(0, 6), "all done: the next record");
    }

    @Test
    void aRevokedPartitionIsNotCommitted() {
        OffsetTracker t = new OffsetTracker();
        t.begin(1, 3);
        t.drop(1);
        assertTrue(t.finish(1, 3).isEmpty());
        t.begin(2, 0);
        assertEquals(OptionalLong.of(1), t.finish(2, 0));
    }
}
