package picnet.worker.jobs;

import ai.djl.Device;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A worker in a process of its own, for tests that kill it (SIGKILL: no goodbye to the group, no
 * cleanup). Arguments: the worker's configuration as JSON, then optionally {@code training} for a
 * training worker (real model, CPU) instead of a completion worker. Prints {@code READY} once deployed;
 * the per-sample delay of the completion worker comes from {@code picnet.test.per-sample-ms}.
 */
public final class WorkerProcessMain {
    private WorkerProcessMain() {}

    /**
     * Starts a worker in a child JVM with this test JVM's classpath, its output in {@code log}, and returns
     * once it is deployed.
     *
     * @param args after the configuration: {@code training} for a training worker
     */
    public static Process start(List<String> jvmOptions, JsonObject config, Path log, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), WorkerProcessMain.class.getName(),
                config.encode()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.readString(log).contains("READY")) {
                return process;
            }
            if (!process.isAlive()) {
                throw new AssertionError("the worker process exited: " + Files.readString(log));
            }
            Thread.sleep(50);
        }
        process.destroyForcibly();
        throw new AssertionError("the worker process did not start: " + Files.readString(log));
    }

    public static void main(String[] args) throws Exception {
        JsonObject config = new JsonObject(args[0]);
        boolean training = args.length > 1 && args[1].equals("training");
        Duration perSample = Duration.ofMillis(Long.getLong("picnet.test.per-sample-ms", 150));
        VerticleBase worker = training ? new TrainingWorkerVerticle(Device.cpu())
                : new CompletionWorkerVerticle(TestCompleters.provider(perSample));
        Vertx vertx = Vertx.vertx();
        vertx.deployVerticle(worker, new DeploymentOptions().setConfig(config)).await(60, TimeUnit.SECONDS);
        System.out.println("READY");
        System.out.flush();
    }
}
