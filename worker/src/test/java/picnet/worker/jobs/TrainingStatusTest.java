package picnet.worker.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class TrainingStatusTest {

    @Test
    void aFinishedJobLeavesTheWorkerIdle(Vertx vertx) {
        TrainingStatus.idle(vertx, "w1");
        TrainingStatus.training(vertx, "w1", "job-1");
        assertEquals(new TrainingStatus(true, "job-1"), TrainingStatus.of(vertx, "w1"));
        TrainingStatus.finished(vertx, "w1", "job-1");
        assertEquals(new TrainingStatus(true, null), TrainingStatus.of(vertx, "w1"));
    }

    @Test
    void aJobEndingAfterItsVerticleStoppedDoesNotBringTheTrainerBack(Vertx vertx) {
        TrainingStatus.training(vertx, "w1", "job-1");
        TrainingStatus.gone(vertx, "w1");
        TrainingStatus.finished(vertx, "w1", "job-1");
        TrainingStatus status = TrainingStatus.of(vertx, "w1");
        assertFalse(status.trains());
        assertNull(status.job());
    }

    @Test
    void anOlderJobEndingDoesNotHideTheCurrentOne(Vertx vertx) {
        TrainingStatus.training(vertx, "w1", "job-2");
        TrainingStatus.finished(vertx, "w1", "job-1");
        assertEquals(new TrainingStatus(true, "job-2"), TrainingStatus.of(vertx, "w1"));
        assertTrue(TrainingStatus.of(vertx, "w1").trains());
    }
}
