package picnet.worker.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The step-to-rate rule: the authors' constant-then-linear-decay, and the optional linear warm-up. */
class LearningRateScheduleTest {
    @Test
    void withoutWarmupTheRateIsTheAuthorsLambdaRule() {
        LearningRateSchedule s = new LearningRateSchedule(1e-4f, 10, 4);
        assertEquals(1e-4f, s.rate(0));
        assertEquals(1e-4f, s.rate(9));
        assertEquals(1e-4f * 4 / 5, s.rate(10), 1e-12);
        assertEquals(1e-4f / 5, s.rate(13), 1e-12);
        assertEquals(0f, s.rate(20));
    }

    @Test
    void warmupRisesLinearlyToTheBaseRateAndLeavesLaterStepsAlone() {
        LearningRateSchedule s = new LearningRateSchedule(2e-4f, 100, 0, 4);
        assertEquals(2e-4f / 4, s.rate(0), 1e-12);
        assertEquals(2e-4f / 2, s.rate(1), 1e-12);
        assertEquals(2e-4f * 3 / 4, s.rate(2), 1e-12);
        assertEquals(2e-4f, s.rate(3));
        assertEquals(2e-4f, s.rate(50));
    }

    @Test
    void warmupAndDecayMultiplyWhereTheyOverlap() {
        LearningRateSchedule s = new LearningRateSchedule(1e-4f, 0, 9, 5);
        assertEquals(1e-4f * (9f / 10) * (1f / 5), s.rate(0), 1e-12);
        assertEquals(1e-4f * (4f / 10), s.rate(5), 1e-12);
    }

    @Test
    void aNegativeWarmupIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LearningRateSchedule(1e-4f, 10, 0, -1));
        assertTrue(e.getMessage().contains("warmup"), e.getMessage());
    }

    @Test
    void theOptionsGiveBothSchedulesTheWarmup() {
        TrainingOptions o = TrainingOptions.builder().optLearningRate(1e-4f).optDiscriminatorLearningRate(4e-4f)
                .optWarmup(10).build();
        assertEquals(1e-5f, o.schedule().rate(0), 1e-12);
        assertEquals(4e-5f, o.discriminatorSchedule().rate(0), 1e-12);
        assertEquals(4e-4f, o.discriminatorSchedule().rate(9));
    }
}
