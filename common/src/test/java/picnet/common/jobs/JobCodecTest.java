package picnet.common.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobCodecTest {
    @Test
    void jobRoundTripsWithItsBytes() {
        CompletionJob job = new CompletionJob("j1", null, 12, 4, 99L, new byte[] {1, 2, 3}, new byte[] {-1}, 5L);
        CompletionJob back = JobCodec.decodeJob(JobCodec.encode(job));
        assertEquals("j1", back.id());
        assertNull(back.model());
        assertEquals(12, back.samples());
        assertEquals(4, back.top());
        assertEquals(99L, back.seed());
        assertArrayEquals(new byte[] {1, 2, 3}, back.image());
        assertArrayEquals(new byte[] {-1}, back.mask());
    }

    @Test
    void theSizeStrategyRoundTripsAndIsAutoWhenAbsent() {
        CompletionJob crop = new CompletionJob("j2", "m", 3, 1, 7L, new byte[] {1}, new byte[] {2}, 5L, "crop");
        CompletionJob back = JobCodec.decodeJob(JobCodec.encode(crop));
        assertEquals("crop", back.strategy());
        assertEquals("crop", back.strategyOrDefault());

        CompletionJob plain = new CompletionJob("j3", null, 3, 1, 7L, new byte[] {1}, new byte[] {2}, 5L);
        String json = new String(JobCodec.encode(plain), StandardCharsets.UTF_8);
        assertFalse(json.contains("strategy"), json);
        // a record written before the field existed
        String old = "{\"id\":\"j4\",\"model\":null,\"samples\":3,\"top\":1,\"seed\":7,\"image\":\"AQ==\","
                + "\"mask\":\"Ag==\",\"submittedAt\":5}";
        CompletionJob decoded = JobCodec.decodeJob(old.getBytes(StandardCharsets.UTF_8));
        assertNull(decoded.strategy());
        assertEquals(CompletionJob.DEFAULT_STRATEGY, decoded.strategyOrDefault());
        assertEquals("auto", JobCodec.decodeJob(JobCodec.encode(plain)).strategyOrDefault());
        assertArrayEquals(new byte[] {2}, decoded.mask());
    }

    @Test
    void eventsRoundTripAndOmitUnusedFields() {
        JobEvent sample = JobEvent.sample("j1", 3, 0.25, new byte[] {9, 8}, 7L);
        String json = new String(JobCodec.encode(sample), StandardCharsets.UTF_8);
        assertFalse(json.contains("error"), json);
        JobEvent back = JobCodec.decodeEvent(JobCodec.encode(sample));
        assertEquals(JobEvent.SAMPLE, back.type());
        assertEquals(3, back.index());
        assertEquals(0.25, back.score());
        assertArrayEquals(new byte[] {9, 8}, back.png());

        JobEvent done = JobCodec.decodeEvent(JobCodec.encode(
                JobEvent.succeeded("j1", List.of(new RankedSample(2, 0.9), new RankedSample(0, 0.1)), 8L)));
        assertTrue(done.isTerminal());
        assertEquals(List.of(new RankedSample(2, 0.9), new RankedSample(0, 0.1)), done.ranking());
        assertEquals("a b", JobEvent.failed("j", "a\n  b", 1L).error());
    }

    @Test
    void aSampleTravelsAsAPatchAndTheQueuedEventCarriesTheOriginal() {
        JobEvent sample = JobEvent.sample("j1", 2, 0.5, new JobEvent.Patch(40, 30, new byte[] {7, 6}), 9L);
        String json = new String(JobCodec.encode(sample), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"patch\":{\"x\":40,\"y\":30,\"png\":\"BwY=\"}"), json);
        assertFalse(json.contains("\"png\":\"BwY=\",") || json.contains("image"), json);
        JobEvent back = JobCodec.decodeEvent(JobCodec.encode(sample));
        assertEquals(40, back.patch().x());
        assertEquals(30, back.patch().y());
        assertArrayEquals(new byte[] {7, 6}, back.patch().png());
        assertNull(back.png());

        CompletionJob job = new CompletionJob("j1", null, 3, 2, 1L, new byte[] {1, 2, 3}, new byte[] {4}, 5L);
        JobEvent queued = JobCodec.decodeEvent(JobCodec.encode(JobEvent.queued(job)));
        assertArrayEquals(new byte[] {1, 2, 3}, queued.image());
        assertEquals(3, queued.total());
        assertEquals(2, queued.top());
        assertEquals(CompletionJob.KIND, queued.kind());
        assertEquals(5L, queued.at());
    }

    @Test
    void heartbeatsSayWhetherTheWorkerTrainsAndOlderOnesSayNothing() {
        WorkerHeartbeat beat = new WorkerHeartbeat("w", List.of("m"), "m", 2, 1, 5, 1000, true, "job-7");
        assertEquals(beat, JobCodec.decodeHeartbeat(JobCodec.encode(beat)));
        WorkerHeartbeat older = JobCodec.decodeHeartbeat(("{\"workerId\":\"w\",\"models\":[\"m\"],"
                + "\"defaultModel\":\"m\",\"capacity\":2,\"busy\":1,\"at\":5,\"intervalMs\":1000}")
                .getBytes(StandardCharsets.UTF_8));
        assertNull(older.trains());
        assertNull(older.trainingJob());
        assertFalse(new String(JobCodec.encode(new WorkerHeartbeat("w", List.of(), null, 1, 0, 5, 1000)),
                StandardCharsets.UTF_8).contains("trainingJob"), "an idle worker's beat omits the job");
    }

    @Test
    void unknownFieldsAreIgnoredAndGarbageIsRejected() {
        JobEvent e = JobCodec.decodeEvent("{\"type\":\"epoch\",\"jobId\":\"t\",\"loss\":1.5}".getBytes(StandardCharsets.UTF_8));
        assertEquals("epoch", e.type());
        assertThrows(IllegalArgumentException.class, () -> JobCodec.decodeEvent(new byte[] {1, 2}));
    }

    @Test
    void topicsArePrefixedWhenAsked() {
        assertEquals("picnet.jobs.events", Topics.DEFAULT.events());
        assertEquals("t1.picnet.completions.requests", new Topics("t1").completionRequests());
        assertEquals(5, new Topics("x").specs(3).size());
    }
}
