package picnet.gateway.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picnet.common.jobs.JobEvent;
import picnet.common.jobs.JobStatus;

/** The store's rules for a training's events: steps only move forward, previews are bounded, the model is kept. */
class TrainingEventsTest {
    private static final byte[] PNG = {1, 2, 3};

    @Test
    void aRedeliveredTrainingIsSeenOnceInStepOrder() {
        JobStore store = new JobStore(10);
        List<JobEvent> log = List.of(
                queued("t", 1000),
                JobEvent.started("t", 1, "w1", 1000, 1),
                JobEvent.trainingProgress("t", 100, 1000, Map.of("total_g", 4.0), 2, 450, 2),
                JobEvent.preview("t", 100, PNG, 2),
                JobEvent.checkpoint("t", 100, "runs/t/100", 2),
                JobEvent.trainingProgress("t", 150, 1000, Map.of("total_g", 3.0), 2, 425, 3),
                JobEvent.started("t", 2, "w2", 1000, 4),                                   // redelivered
                JobEvent.trainingProgress("t", 120, 1000, Map.of("total_g", 3.5), 2, 440, 5), // behind: dropped
                JobEvent.preview("t", 100, PNG, 5),                                         // redone: dropped
                JobEvent.checkpoint("t", 100, "runs/t/100", 5),                             // redone: dropped
                JobEvent.progress("t", 5, 10, 5),                                           // completion progress: dropped
                JobEvent.trainingProgress("t", 200, 1000, Map.of("total_g", 2.0, "lr", Double.NaN), 2, 400, 6),
                JobEvent.trained("t", "faces", 7),
                JobEvent.trainingProgress("t", 300, 1000, Map.of("total_g", 1.0), 2, 350, 8)); // after the end
        log.forEach(store::apply);

        JobState job = store.get("t").orElseThrow();
        assertEquals(List.of("queued", "started", "progress@100", "preview@100", "checkpoint@100", "progress@150",
                "started", "progress@200", "succeeded"), job.events().stream()
                .map(e -> e.getString("type") + (e.containsKey("step") ? "@" + e.getLong("step") : "")).toList());
        for (int i = 0; i < job.events().size(); i++) {
            assertEquals(i + 1, job.events().get(i).getLong("seq"));
        }
        TrainingProgress training = job.training();
        assertEquals(JobStatus.SUCCEEDED, job.status());
        assertEquals("faces", training.exportedModel());
        assertEquals(1000, training.step(), "a finished training has done all its steps");
        assertEquals(Map.of("total_g", 2.0, "lr", Double.NaN), training.losses());
        assertEquals("runs/t/100", training.checkpoint());
        JsonObject last = job.events().get(7);
        assertTrue(last.getJsonObject("losses").containsKey("lr"));
        assertNull(last.getJsonObject("losses").getValue("lr"), "JSON has no NaN: a non-finite loss is null");
        assertEquals("faces", job.events().get(8).getString("model"));
        assertEquals(0, store.runningJobs());
        assertEquals(1, store.succeededJobs());
    }

    @Test
    void onlyTheLastPreviewsAreKept() {
        JobStore store = new JobStore(10);
        store.apply(queued("t", 1000));
        for (int step = 0; step <= 600; step += 100) {
            store.apply(JobEvent.preview("t", step, new byte[] {(byte) step}, step));
        }
        TrainingProgress training = store.get("t").orElseThrow().training();
        assertEquals(List.of(300L, 400L, 500L, 600L), training.previewSteps());
        assertEquals(Optional.of(600L), training.latestPreviewStep());
        assertArrayEquals(new byte[] {(byte) 600}, training.preview(600).orElseThrow());
        assertTrue(training.preview(200).isEmpty());
        assertEquals(7, store.get("t").orElseThrow().events().size() - 1, "every preview was streamed");
    }

    @Test
    void trainingEventsOfACompletionAreDropped() {
        JobStore store = new JobStore(10);
        store.apply(JobEvent.queued("c", "completion", null, 3, 3, 0));
        assertTrue(store.apply(JobEvent.preview("c", 1, PNG, 1)).isEmpty());
        assertTrue(store.apply(JobEvent.checkpoint("c", 1, "x", 1)).isEmpty());
        assertNull(store.get("c").orElseThrow().training());
    }

    private static JobEvent queued(String id, int steps) {
        return new JobEvent(JobEvent.QUEUED, id, 0, 0, "training", "faces", null, null, null, null, null, null, steps,
                null, null, null, null, null, null);
    }
}
