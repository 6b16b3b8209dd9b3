package picnet.worker.jobs;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A worker in a process of its own, for tests that kill it (SIGKILL: no goodbye to the group, no
 * cleanup). Argument: the worker's configuration as JSON. Prints {@code READY} once deployed; the
 * per-sample delay comes from {@code picnet.test.per-sample-ms}.
 */
public final class WorkerProcessMain {
    private WorkerProcessMain() {}

    public static void main(String[] args) throws Exception {
        JsonObject config = new JsonObject(args[0]);
        Duration perSample = Duration.ofMillis(Long.getLong("picnet.test.per-sample-ms", 150));
        Vertx vertx = Vertx.vertx();
        vertx.deployVerticle(new CompletionWorkerVerticle(TestCompleters.provider(perSample)),
                new DeploymentOptions().setConfig(config)).await(60, TimeUnit.SECONDS);
        System.out.println("READY");
        System.out.flush();
    }
}
