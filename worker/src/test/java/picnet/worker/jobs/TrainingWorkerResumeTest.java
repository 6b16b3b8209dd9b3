package picnet.worker.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static picnet.worker.jobs.TrainingTestBed.last;
import static picnet.worker.jobs.TrainingTestBed.ofType;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picnet.common.jobs.JobEvent;
import picnet.common.jobs.TrainingJob;
import picnet.worker.training.TrainingCheckpoint;

/**
 * A training worker process killed (SIGKILL) after a checkpoint: its training record was not committed, so
 * after the session timeout another worker of the training group gets it and resumes the run from the
 * newest checkpoint in the shared runs folder; the step never goes back.
 */
@ExtendWith({KafkaBrokerExtension.class, VertxExtension.class})
class TrainingWorkerResumeTest {
    private static final Duration WAIT = Duration.ofMinutes(5);
    private static final long STEPS = 10;
    private static final long CHECKPOINT_EVERY = 2;

    @TempDir
    Path dir;

    @Test
    void aKilledWorkersTrainingResumesOnAnotherWorkerFromItsLastCheckpoint(Vertx vertx) throws Exception {
        try (TrainingTestBed bed = new TrainingTestBed(vertx, dir)) {
            bed.config.put(WorkerConfig.WORKER_TRAINING_PROGRESS_MS, 0); // every step
            Process first = workerProcess(bed, "trainer-a");
            Process second = null;
            try {
                TrainingJob job = bed.submit(TrainingTestBed.job("resumed", STEPS, CHECKPOINT_EVERY, 0));
                bed.tap.await(job.id(), e -> !ofType(e, JobEvent.CHECKPOINT).isEmpty(), WAIT);
                first.destroyForcibly().waitFor();
                second = workerProcess(bed, "trainer-b");

                List<JobEvent> events = bed.tap.await(job.id(), EventTap.terminal(), WAIT);
                List<JobEvent> starts = ofType(events, JobEvent.STARTED);
                assertEquals(List.of(1, 2), starts.stream().map(JobEvent::attempt).toList());
                assertEquals(List.of("trainer-a", "trainer-b"), starts.stream().map(JobEvent::worker).toList());
                int restart = events.indexOf(starts.get(1));
                List<JobEvent> before = events.subList(0, restart);
                List<JobEvent> after = events.subList(restart, events.size());
                long checkpointed = ofType(before, JobEvent.CHECKPOINT).stream().mapToLong(e -> e.training().step())
                        .max().orElseThrow();
                assertTrue(checkpointed < STEPS, "the first worker was killed mid-run");

                List<Long> resumedSteps = ofType(after, JobEvent.PROGRESS).stream().map(e -> e.training().step()).toList();
                long firstResumed = resumedSteps.get(0);
                assertTrue(firstResumed > checkpointed, "resumed at " + firstResumed + ", checkpoint " + checkpointed);
                assertEquals(0, (firstResumed - 1) % CHECKPOINT_EVERY, "continues right after a checkpoint: " + resumedSteps);
                for (int i = 1; i < resumedSteps.size(); i++) {
                    assertEquals(resumedSteps.get(i - 1) + 1, resumedSteps.get(i), "one progress a step: " + resumedSteps);
                }
                assertEquals(STEPS, resumedSteps.get(resumedSteps.size() - 1));

                JobEvent end = last(events);
                assertEquals(JobEvent.SUCCEEDED, end.type(), String.valueOf(end.error()));
                assertEquals("resumed", end.model());
                assertTrue(TrainingCheckpoint.list(bed.runDir(job)).contains(TrainingCheckpoint.file(bed.runDir(job), STEPS)));
                assertTrue(Files.isRegularFile(bed.modelDir("resumed").resolve("config.json")));
                List<Long> at = ofType(after, JobEvent.PROGRESS).stream().map(JobEvent::at).toList();
                System.out.printf("killed after checkpoint %d; the second worker resumed at step %d; %.2f s a step "
                        + "(96x96, batch 1, CPU)%n", checkpointed, firstResumed,
                        (at.get(at.size() - 1) - at.get(0)) / 1000.0 / (at.size() - 1));
            } finally {
                first.destroyForcibly();
                if (second != null) {
                    second.destroyForcibly().waitFor();
                }
            }
        }
    }

    /** A training worker in a child JVM (to be killed); returns once it is deployed. */
    private Process workerProcess(TrainingTestBed bed, String workerId) throws Exception {
        return WorkerProcessMain.start(List.of("-Xmx512m"), bed.config.copy().put(WorkerConfig.WORKER_ID, workerId),
                dir.resolve(workerId + ".log"), "training");
    }
}
