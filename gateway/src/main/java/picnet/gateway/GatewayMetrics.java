package picnet.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.vertx.micrometer.backends.BackendRegistries;
import picnet.gateway.jobs.JobStore;
import picnet.gateway.jobs.WorkerDirectory;

/**
 * GET /metrics in the Prometheus format: Vert.x's own metrics (HTTP server, event loop...) when the Vertx
 * instance was built with {@link #vertxOptions()}, plus picnet's: jobs submitted here, jobs succeeded /
 * failed / cancelled (as read from the event log), queue depth, running jobs, live workers, rejected
 * submissions by reason.
 */
public final class GatewayMetrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry;
    private final Counter submitted;
    private final java.util.List<io.micrometer.core.instrument.Meter> meters = new java.util.ArrayList<>();

    public GatewayMetrics(JobStore store, WorkerDirectory workers) {
        MeterRegistry shared = BackendRegistries.getDefaultNow();
        registry = shared instanceof PrometheusMeterRegistry prometheus ? prometheus
                : new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        submitted = Counter.builder("picnet.jobs.submitted").description("jobs accepted by this gateway")
                .register(registry);
        meters.add(submitted);
        meters.add(FunctionCounter.builder("picnet.jobs.succeeded", store, JobStore::succeededJobs).register(registry));
        meters.add(FunctionCounter.builder("picnet.jobs.failed", store, JobStore::failedJobs).register(registry));
        meters.add(FunctionCounter.builder("picnet.jobs.cancelled", store, JobStore::cancelledJobs).register(registry));
        meters.add(Gauge.builder("picnet.jobs.queued", store, JobStore::queuedJobs).description("queue depth")
                .register(registry));
        meters.add(Gauge.builder("picnet.jobs.running", store, JobStore::runningJobs).register(registry));
        meters.add(Gauge.builder("picnet.workers.live", workers, w -> w.liveWorkers(System.currentTimeMillis()))
                .register(registry));
    }

    /** Removes this gateway's meters (a shared registry outlives a redeployed gateway). */
    @Override
    public void close() {
        meters.forEach(registry::remove);
        registry.getMeters().stream().filter(m -> m.getId().getName().equals("picnet.submissions.rejected"))
                .forEach(registry::remove);
    }

    /** Options for a Vertx instance whose own metrics are exported too (for the CLI that builds Vertx). */
    public static VertxOptions vertxOptions() {
        return new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)
                .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true)));
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public void submitted() {
        submitted.increment();
    }

    public void rejected(String reason) {
        Counter.builder("picnet.submissions.rejected").tag("reason", reason).register(registry).increment();
    }
}
