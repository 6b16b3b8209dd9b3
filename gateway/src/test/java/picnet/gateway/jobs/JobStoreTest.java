package picnet.gateway.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picnet.common.jobs.CompletionJob;
import picnet.common.jobs.JobEvent;
import picnet.common.jobs.JobStatus;
import picnet.common.jobs.RankedSample;

/** The rules that make every gateway number a job's events alike, applied to a redelivered job. */
class JobStoreTest {
    @Test
    void aRedeliveredJobIsSeenOnceInOrderWithContiguousSeq() {
        JobStore store = new JobStore(100);
        List<JsonObject> live = new ArrayList<>();
        List<JobEvent> log = List.of(
                JobEvent.sample("j", 0, 0.5, new byte[] {1}, 0),                    // unknown job: ignored
                JobEvent.queued("j", "completion", null, 3, 2, 1),
                JobEvent.started("j", 1, "w1", 3, 2),
                JobEvent.sample("j", 0, 0.5, new byte[] {1}, 3),
                JobEvent.progress("j", 1, 3, 3),
                JobEvent.started("j", 1, "w1", 3, 4),                                // same attempt again: dropped
                JobEvent.started("j", 2, "w2", 3, 5),                                // redelivered
                JobEvent.sample("j", 0, 0.5, new byte[] {1}, 6),                    // redone: dropped
                JobEvent.progress("j", 1, 3, 6),                                     // no advance: dropped
                JobEvent.sample("j", 1, 0.9, new byte[] {2}, 7),
                JobEvent.progress("j", 2, 3, 7),
                JobEvent.sample("j", 2, 0.1, new byte[] {3}, 8),
                JobEvent.progress("j", 3, 3, 8),
                JobEvent.succeeded("j", List.of(new RankedSample(1, 0.9), new RankedSample(0, 0.5)), 9),
                JobEvent.cancelled("j", 10),                                         // after the end: dropped
                JobEvent.sample("j", 3, 0.2, new byte[] {4}, 11));                   // after the end: dropped
        for (JobEvent e : log) {
            if (e.type().equals(JobEvent.QUEUED)) {
                store.apply(e);
                store.subscribe("j", live::add);
            } else {
                store.apply(e);
            }
        }
        JobState job = store.get("j").orElseThrow();
        List<String> types = job.events().stream().map(e -> e.getString("type")
                + (e.containsKey("index") ? e.getInteger("index") : "")).toList();
        assertEquals(List.of("queued", "started", "sample0", "progress", "started", "sample1", "progress", "sample2",
                "progress", "succeeded"), types);
        for (int i = 0; i < job.events().size(); i++) {
            assertEquals(i + 1, job.events().get(i).getLong("seq"));
        }
        assertEquals(job.events().subList(1, job.events().size()), live, "listeners get exactly the accepted events");
        assertEquals(JobStatus.SUCCEEDED, job.status());
        assertEquals(List.of(new RankedSample(1, 0.9), new RankedSample(0, 0.5)), job.listedSamples());
        assertEquals(3, job.done());
        assertEquals(2, job.attempt());
        assertEquals(0, store.queuedJobs());
        assertEquals(0, store.runningJobs());
        assertEquals(1, store.succeededJobs());
        assertTrue(job.events().get(2).getString("url").endsWith("/v1/jobs/j/samples/0.png"));
    }

    @Test
    void finishedJobsBeyondTheRetentionBoundAreForgottenOldestFirst() {
        JobStore store = new JobStore(2);
        for (String id : List.of("a", "b", "c")) {
            store.apply(JobEvent.queued(id, "completion", null, 1, 1, 0));
            store.apply(JobEvent.failed(id, "boom", 1));
        }
        assertTrue(store.get("a").isEmpty());
        assertEquals("boom", store.get("c").orElseThrow().error());
        assertEquals(2, store.size());
        assertEquals(3, store.failedJobs());
    }

    @Test
    void finishedJobsBeyondTheByteBoundAreForgottenOldestFirstButNeverRunningOnes() {
        JobStore store = new JobStore(100, 250);
        store.apply(JobEvent.queued(new CompletionJob("big", null, 1, 1, 0, new byte[1000], new byte[1], 0)));
        for (String id : List.of("a", "b", "c")) {
            store.apply(JobEvent.queued(new CompletionJob(id, null, 1, 1, 0, new byte[100], new byte[1], 0)));
            store.apply(JobEvent.sample(id, 0, 0.5, new JobEvent.Patch(0, 0, new byte[10]), 1));
            store.apply(JobEvent.succeeded(id, List.of(new RankedSample(0, 0.5)), 2));
        }
        assertTrue(store.get("a").isEmpty(), "a, b and c hold 330 bytes: the oldest goes");
        assertTrue(store.get("b").isPresent() && store.get("c").isPresent());
        assertTrue(store.get("big").isPresent(), "a job not finished is never forgotten, whatever it holds");

        store.apply(JobEvent.failed("big", "boom", 3));
        assertTrue(store.get("b").isEmpty() && store.get("c").isEmpty(), "the finished big job pushes out the rest");
        assertEquals("boom", store.get("big").orElseThrow().error(), "but the job that just finished stays");
    }
}
