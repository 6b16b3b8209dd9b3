package picnet.worker.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import picnet.common.jobs.TrainingJob;
import picnet.worker.training.AdamOptimizer;
import picnet.worker.training.DiscriminatorAugment.Policy;
import picnet.worker.training.LearningRateSchedule;
import picnet.worker.training.TrainingOptions;

/** A training job's fields as the trainer's options. */
class TrainingPlanOptionsTest {
    @Test
    void theGatewaysAugmentationNamesAreTheTrainersPolicies() {
        assertEquals(TrainingJob.AUGMENT_POLICIES,
                Arrays.stream(Policy.values()).map(p -> p.name().toLowerCase(Locale.ROOT)).toList());
    }

    @Test
    void aJobsAugmentationReachesTheTrainer() {
        TrainingOptions options = TrainingPlan.options(job(List.of("translation", "color")));
        assertEquals(EnumSet.of(Policy.COLOR, Policy.TRANSLATION), options.discriminatorAugment().policies());
        assertEquals(128, options.size());
        assertEquals(3, options.batch());
        assertEquals(40, options.steps());
        assertEquals(7, options.seed());
        assertFalse(TrainingPlan.options(job(List.of())).discriminatorAugment().enabled());
        assertFalse(TrainingPlan.options(job(null)).discriminatorAugment().enabled(), "events from before the field");
    }

    @Test
    void aJobsLearningRateAndDecayReachTheTrainer() {
        LearningRateSchedule constant = TrainingPlan.options(job(null)).schedule();
        assertEquals(AdamOptimizer.LR, constant.rate(0));
        assertEquals(AdamOptimizer.LR, constant.rate(39), "no decay unless the job asks");

        TrainingOptions decaying = TrainingPlan.options(job(List.of(), 3e-4, 10));
        assertEquals(40, decaying.steps());
        LearningRateSchedule schedule = decaying.schedule();
        assertEquals(3e-4f, schedule.rate(0));
        assertEquals(3e-4f, schedule.rate(29), "constant up to the last 10 steps");
        assertEquals(3e-4f * 10 / 11, schedule.rate(30), 1e-12);
        assertEquals(3e-4f / 11, schedule.rate(39), 1e-12);
    }

    @Test
    void aJobsDiscriminatorRateAndHoleWeightReachTheTrainer() {
        TrainingOptions authors = TrainingPlan.options(job(null));
        assertEquals(0f, authors.holeWeight(), "the authors' objective unless the job asks");
        assertEquals(1, authors.holeBestOf(), "one prior sample per image unless the job asks");
        assertEquals(AdamOptimizer.LR, authors.discriminatorSchedule().rate(0), "D follows the job's rate");
        assertEquals(3e-4f, TrainingPlan.options(job(List.of(), 3e-4, 0)).discriminatorSchedule().rate(0));

        TrainingOptions ttur = TrainingPlan.options(job(List.of(), 1e-4, 10, 4e-4, 100.0, 3));
        assertEquals(100f, ttur.holeWeight());
        assertEquals(3, ttur.holeBestOf());
        assertEquals(1e-4f, ttur.schedule().rate(0));
        assertEquals(4e-4f, ttur.discriminatorSchedule().rate(0));
        assertEquals(4e-4f / 11, ttur.discriminatorSchedule().rate(39), 1e-12, "on the same decay");
    }

    private static TrainingJob job(List<String> augment) {
        return job(augment, null, 0);
    }

    private static TrainingJob job(List<String> augment, Double learningRate, long decaySteps) {
        return job(augment, learningRate, decaySteps, null, null, null);
    }

    private static TrainingJob job(List<String> augment, Double learningRate, long decaySteps,
                                   Double discriminatorLearningRate, Double holeL1, Integer holeBestOf) {
        return new TrainingJob("id", "name", "data", List.of("regular"), 128, 3, 40, 10, 5, null, 7, augment, null,
                learningRate, decaySteps, discriminatorLearningRate, holeL1, holeBestOf, 0);
    }
}
