package picnet.worker.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import picnet.common.jobs.CompletionJob;

class SizeStrategyTest {
    @Test
    void parsesWireNamesAnyCaseAndDefaultsToAuto() {
        assertEquals(SizeStrategy.AUTO, SizeStrategy.parse("auto"));
        assertEquals(SizeStrategy.RESIZE, SizeStrategy.parse("resize"));
        assertEquals(SizeStrategy.CROP, SizeStrategy.parse(" Crop "));
        assertEquals(SizeStrategy.AUTO, SizeStrategy.parse(null));
        assertEquals(SizeStrategy.AUTO, SizeStrategy.parse(" "));
        assertEquals("crop", SizeStrategy.CROP.wireName());
    }

    @Test
    void anUnknownValueNamesTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SizeStrategy.parse("zoom"));
        assertTrue(e.getMessage().contains("auto, resize, crop") && e.getMessage().contains("zoom"), e.getMessage());
    }

    @Test
    void theJobRecordKnowsTheSameNames() {
        assertEquals(CompletionJob.STRATEGIES, SizeStrategy.wireNames());
        assertEquals(SizeStrategy.AUTO, SizeStrategy.parse(CompletionJob.DEFAULT_STRATEGY));
    }
}
