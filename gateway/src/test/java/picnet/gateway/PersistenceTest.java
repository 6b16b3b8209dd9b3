package picnet.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picnet.broker.KafkaBrokerProcess;
import picnet.common.kafka.KafkaSettings;
import picnet.worker.jobs.KafkaBrokerExtension;
import picnet.worker.jobs.WorkerConfig;

/**
 * A gateway started before its broker waits for it; queued jobs survive a restart of the broker (its data
 * directory), and the gateway rides the restart out.
 */
@ExtendWith({KafkaBrokerExtension.class, VertxExtension.class})
class PersistenceTest {
    @Test
    void aJobQueuedBeforeABrokerRestartCompletesAfterIt(Vertx vertx, @TempDir Path dir) throws Exception {
        int port = KafkaBrokerProcess.freePort();
        String bootstrap = "localhost:" + port;
        TestSystem system = new TestSystem(vertx);
        io.vertx.core.Future<TestSystem.Gateway> early =
                system.gatewayDeploying(system.gatewayConfig().put(KafkaSettings.BOOTSTRAP, bootstrap));
        KafkaBrokerProcess broker = KafkaBrokerProcess.start(dir, port);
        try {
            ApiClient api = early.await(60, java.util.concurrent.TimeUnit.SECONDS).api();
            String id = api.submitOk(ApiClient.form(TestImages.image(24, 24), TestImages.squareHole(24, 24))
                    .field("samples", 4).field("seed", 11));
            assertEquals("queued", api.json("/v1/jobs/" + id).getString("status"));

            broker.close();
            broker = KafkaBrokerProcess.start(dir, port);

            system.worker(system.workerConfig().put(KafkaSettings.BOOTSTRAP, bootstrap));
            try (EventStream stream = api.events(id)) {
                List<JsonObject> events = stream.awaitEnd(Duration.ofSeconds(90));
                assertEquals("succeeded", events.get(events.size() - 1).getString("type"),
                        EventStream.summary(events).toString());
                assertEquals(IntStream.range(0, 4).boxed().toList(), EventStream.ofType(events, "sample").stream()
                        .map(e -> e.getInteger("index")).toList());
            }
            // a gateway started now rebuilds the same job from the restarted broker
            ApiClient fresh = system.gateway(system.gatewayConfig().put(KafkaSettings.BOOTSTRAP, bootstrap)).api();
            assertEquals(api.json("/v1/jobs/" + id), fresh.json("/v1/jobs/" + id));
            for (String deployment : vertx.deploymentIDs()) {
                vertx.undeploy(deployment).await(30, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            broker.close();
        }
    }
}
