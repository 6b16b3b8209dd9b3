package picnet.deploy.launch;

import ai.djl.Device;
import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picnet.broker.KafkaBrokerProcess;
import picnet.common.kafka.KafkaSettings;
import picnet.gateway.GatewayConfig;
import picnet.gateway.GatewayMetrics;
import picnet.gateway.GatewayVerticle;
import picnet.worker.jobs.CompletionWorkerVerticle;
import picnet.worker.jobs.TrainingWorkerVerticle;
import picnet.worker.jobs.WorkerConfig;
import picnet.worker.sampling.ModelCatalog;

/**
 * Starts the parts of picnet in this process (a broker child process, a gateway, a worker) and stops
 * them in reverse order on close or when the JVM is asked to stop, so that the services leave their
 * consumer groups while the broker still answers. {@code picnet up} uses all three; {@code picnet
 * gateway} and {@code picnet worker} one each, against any Kafka cluster.
 */
public final class ServiceLauncher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceLauncher.class);
    /**
     * How long the services get to stop before the broker goes anyway: more than the 30 s a Kafka consumer
     * may take to close when it is stopped in the middle of joining its group.
     */
    private static final Duration VERTX_CLOSE_TIMEOUT = Duration.ofSeconds(60);

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread shutdownHook = new Thread(this::close, "picnet-shutdown");
    private volatile boolean closing;
    private volatile boolean up;
    private Vertx vertx;

    public ServiceLauncher() {
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public String startBroker(Path dataDir, int port) {
        try {
            KafkaBrokerProcess broker = KafkaBrokerProcess.start(dataDir, port);
            broker.stopOnlyWhenClosed();
            remember(broker);
            return broker.bootstrapServers();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Kafka broker in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    public void startGateway(JsonObject config) {
        deploy(new GatewayVerticle(), new DeploymentOptions().setConfig(config));
    }

    /**
     * A completion worker serving the models of {@code modelsDir} and, unless the config turns training off
     * ({@link WorkerConfig#WORKER_TRAINING}), a training worker that exports its models there.
     */
    public void startWorker(Path modelsDir, Device device, int batch, String defaultModel, JsonObject config) {
        ModelCatalog catalog = new ModelCatalog(modelsDir, device, batch, defaultModel);
        remember(catalog);
        JsonObject withModels = config.copy().put(WorkerConfig.WORKER_MODELS_DIR, modelsDir.toAbsolutePath().toString());
        // one id for both verticles: the completion verticle's heartbeats speak for the training one too
        withModels.put(WorkerConfig.WORKER_ID, WorkerConfig.from(withModels).workerId());
        DeploymentOptions options = new DeploymentOptions().setConfig(withModels);
        deploy(new CompletionWorkerVerticle(catalog), options);
        if (WorkerConfig.from(withModels).training()) {
            deploy(new TrainingWorkerVerticle(device), options);
        }
    }

    private void deploy(Deployable verticle, DeploymentOptions options) {
        try {
            vertx().deployVerticle(verticle, options).await();
        } catch (RuntimeException e) {
            if (closing) {
                throw new StoppedWhileStarting();
            }
            throw e;
        }
    }

    private Vertx vertx() {
        if (vertx == null) {
            vertx = Vertx.vertx(GatewayMetrics.vertxOptions());
            vertx.exceptionHandler(this::unhandled);
            Vertx v = vertx;
            remember(() -> v.close().await(VERTX_CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        }
        return vertx;
    }

    /**
     * Closing Vert.x 5.0.7 in the middle of a deployment fails the deployment's start promise; when the
     * verticle's own start then fails too (its Kafka consumer was closed under it), Vert.x completes that
     * promise a second time and throws "Promise already completed" on an event loop. That is the expected
     * end of a start cut short, not a fault, so it is not reported while stopping; anything else is.
     */
    private void unhandled(Throwable e) {
        if (closing && e instanceof IllegalStateException && "Promise already completed".equals(e.getMessage())) {
            LOG.debug("a start cut short by stopping completed late", e);
            return;
        }
        LOG.error("Unhandled exception", e);
    }

    /** Keeps a started part to close later, or closes it now if stopping has begun (the start was too late). */
    private synchronized void remember(AutoCloseable part) {
        started.push(part);
        if (closing) {
            close();
        }
    }

    /** Blocks until the JVM is asked to stop (Ctrl-C, SIGTERM) and everything has stopped. */
    public void awaitShutdown() throws InterruptedException {
        up = true;
        closed.await();
    }

    @Override
    public synchronized void close() {
        closing = true;
        if (!up && Thread.currentThread() == shutdownHook) {
            // said here: the JVM may halt before the interrupted start reaches its caller (a broker still
            // starting then notices its parent is gone and stops by itself)
            System.err.println("picnet: stopped before it was up");
        }
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                System.err.println("picnet: while stopping: " + e);
            }
        }
        closed.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // this is the hook, or the JVM is already stopping
        }
    }

    /** Thrown by a start method when the launcher was told to stop before that part was up. */
    public static final class StoppedWhileStarting extends RuntimeException {
        StoppedWhileStarting() {
            super("stopped before it was up");
        }
    }

    public static JsonObject gatewayConfig(String kafka, String host, int port, int partitions) {
        return new JsonObject().put(KafkaSettings.BOOTSTRAP, kafka).put(GatewayConfig.HTTP_HOST, host)
                .put(GatewayConfig.HTTP_PORT, port).put(KafkaSettings.PARTITIONS, partitions);
    }

    public static JsonObject workerConfig(String kafka, int capacity, int partitions) {
        return new JsonObject().put(KafkaSettings.BOOTSTRAP, kafka).put(WorkerConfig.WORKER_CAPACITY, capacity)
                .put(KafkaSettings.PARTITIONS, partitions);
    }
}
