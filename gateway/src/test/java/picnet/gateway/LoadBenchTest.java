package picnet.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picnet.gateway.bench.LoadBench;
import picnet.worker.jobs.KafkaBrokerExtension;

@ExtendWith({KafkaBrokerExtension.class, VertxExtension.class})
class LoadBenchTest {
    @Test
    void measuresThroughputAndLatenciesOfARunningSystem(Vertx vertx) throws Exception {
        TestSystem system = new TestSystem(vertx);
        system.worker();
        ApiClient api = system.gateway().api();
        LoadBench.Result result = LoadBench.run(new LoadBench.Options(URI.create(api.base()), 2, 4, 2,
                TestImages.image(24, 24), TestImages.squareHole(24, 24), null, null, Duration.ofSeconds(60)));
        assertEquals(4, result.succeeded(), result.errors().toString());
        assertEquals(0, result.failed());
        assertTrue(result.jobsPerSecond() > 0);
        // two samples of 150 ms each: the first sample comes after one, the end after both
        assertTrue(result.firstSampleMs().p50() >= TestSystem.PER_SAMPLE.toMillis(), result.describe());
        assertTrue(result.completionMs().p50() >= 2 * TestSystem.PER_SAMPLE.toMillis(), result.describe());
        assertTrue(result.completionMs().p95() >= result.completionMs().p50());
        assertTrue(result.firstSampleMs().p50() < result.completionMs().p99());
        LoadBench.Overhead overhead = result.overheadVersus(TestSystem.PER_SAMPLE.multipliedBy(2));
        assertTrue(overhead.overheadMs() > 0, overhead.toString());
    }
}
