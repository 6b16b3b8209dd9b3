package picnet.gateway;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import picnet.common.kafka.KafkaSettings;
import picnet.worker.jobs.CompletionWorkerVerticle;
import picnet.worker.jobs.KafkaBrokerExtension;
import picnet.worker.jobs.TestCompleters;
import picnet.worker.jobs.WorkerConfig;
import picnet.worker.jobs.WorkerProcessMain;

/**
 * One picnet installation for a test: its own topic prefix and worker group on the shared test broker,
 * gateways and workers deployed on the test's Vertx, with short timeouts.
 */
final class TestSystem {
    static final Duration PER_SAMPLE = Duration.ofMillis(150);

    final Vertx vertx;
    final String prefix = KafkaBrokerExtension.freshPrefix();

    TestSystem(Vertx vertx) {
        this.vertx = vertx;
    }

    JsonObject gatewayConfig() {
        return new JsonObject()
                .put(GatewayConfig.HTTP_PORT, 0)
                .put(KafkaSettings.BOOTSTRAP, KafkaBrokerExtension.bootstrapServers())
                .put(KafkaSettings.TOPIC_PREFIX, prefix)
                .put(KafkaSettings.PARTITIONS, 4)
                .put(GatewayConfig.SUBMIT_TIMEOUT_MS, 3000)
                .put(GatewayConfig.WS_PING_MS, 500);
    }

    JsonObject workerConfig() {
        return new JsonObject()
                .put(KafkaSettings.BOOTSTRAP, KafkaBrokerExtension.bootstrapServers())
                .put(KafkaSettings.TOPIC_PREFIX, prefix)
                .put(KafkaSettings.PARTITIONS, 4)
                .put(WorkerConfig.WORKER_GROUP, prefix + "-workers")
                .put(WorkerConfig.WORKER_HEARTBEAT_MS, 500)
                .put(WorkerConfig.WORKER_POLL_MS, 100)
                .put(WorkerConfig.WORKER_SESSION_TIMEOUT_MS, 6000);
    }

    /** A deployed gateway: its deployment id, verticle and API client. */
    record Gateway(String deploymentId, GatewayVerticle verticle, ApiClient api) {}

    Gateway gateway() throws Exception {
        return gateway(gatewayConfig());
    }

    Gateway gateway(JsonObject config) throws Exception {
        return gatewayDeploying(config).await(60, TimeUnit.SECONDS);
    }

    /** Starts deploying a gateway; the future completes once it listens. */
    io.vertx.core.Future<Gateway> gatewayDeploying(JsonObject config) {
        GatewayVerticle verticle = new GatewayVerticle();
        return vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(config))
                .map(id -> new Gateway(id, verticle, new ApiClient(verticle.actualPort())));
    }

    /** A deployed worker: its deployment id and verticle. */
    record Worker(String deploymentId, CompletionWorkerVerticle verticle) {}

    Worker worker() throws Exception {
        return worker(workerConfig());
    }

    Worker worker(String workerId) throws Exception {
        return worker(workerConfig().put(WorkerConfig.WORKER_ID, workerId));
    }

    Worker worker(JsonObject config) throws Exception {
        CompletionWorkerVerticle verticle = new CompletionWorkerVerticle(TestCompleters.provider(PER_SAMPLE));
        String id = vertx.deployVerticle(verticle, new DeploymentOptions().setConfig(config)).await(60, TimeUnit.SECONDS);
        return new Worker(id, verticle);
    }

    /** Starts a worker in a child JVM (to be killed); returns once it is deployed. */
    Process workerProcess(String workerId, Path log) throws Exception {
        return WorkerProcessMain.start(List.of("-Xmx256m", "-Dpicnet.test.per-sample-ms=" + PER_SAMPLE.toMillis()),
                workerConfig().put(WorkerConfig.WORKER_ID, workerId), log);
    }

    /** Waits until every given worker owns at least one request partition (the group has settled). */
    static void awaitPartitions(Worker... workers) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            int total = 0;
            boolean all = true;
            for (Worker w : workers) {
                int owned = w.verticle().assignedPartitions().size();
                all &= owned > 0;
                total += owned;
            }
            if (all && total == 4) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the workers did not share the partitions");
    }

    void undeploy(String deploymentId) throws Exception {
        vertx.undeploy(deploymentId).await(60, TimeUnit.SECONDS);
    }

    /** Waits until the gateway lists the test models (the workers' heartbeats have arrived). */
    void awaitModels(ApiClient api) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            JsonObject models = api.json("/v1/models");
            if (models.getInteger("workers", 0) > 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no worker announced itself to the gateway");
    }
}
