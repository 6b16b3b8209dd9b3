package picnet.gateway.bench;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code picnet bench load}: drives a running system through its public API the way clients do. Each of
 * {@code clients} threads submits a job, follows its WebSocket to the end, and submits the next, until
 * {@code jobs} jobs are done. It measures throughput and, per job from the moment of submission, the
 * latency to the first sample and to the terminal event. Blocking: run it from a plain thread (the CLI),
 * never an event loop.
 *
 * <p>The gateway+Kafka overhead is the difference between a job's completion latency here and the same
 * sampling run directly; the CLI times the direct run with the model and passes it to
 * {@link Result#overheadVersus(Duration)}. Use {@code --clients 1} for a clean overhead figure (more
 * clients than worker slots add queueing time).
 */
public final class LoadBench {
    private LoadBench() {}

    /** What to run. {@code seed} null draws a different seed per job. */
    public record Options(URI gateway, int clients, int jobs, int samples, byte[] image, byte[] mask, String model,
                          Long seed, Duration jobTimeout) {
        public Options {
            Objects.requireNonNull(gateway, "gateway");
            if (clients < 1 || jobs < 1 || samples < 1) {
                throw new IllegalArgumentException("clients, jobs and samples must be at least 1");
            }
        }
    }

    /** Latency percentiles in milliseconds. */
    public record Percentiles(double p50, double p95, double p99, double mean) {
        static Percentiles of(List<Double> values) {
            if (values.isEmpty()) {
                return new Percentiles(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            }
            List<Double> sorted = new ArrayList<>(values);
            Collections.sort(sorted);
            return new Percentiles(at(sorted, 0.50), at(sorted, 0.95), at(sorted, 0.99),
                    sorted.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN));
        }

        private static double at(List<Double> sorted, double q) {
            int rank = (int) Math.ceil(q * sorted.size()) - 1;
            return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank)));
        }
    }

    /** The gateway+Kafka cost per job: mean completion latency against the direct run. */
    public record Overhead(double directMs, double meanCompletionMs, double overheadMs, double overheadFraction) {}

    public record Result(int jobs, int succeeded, int failed, int rejected, double seconds, double jobsPerSecond,
                         Percentiles firstSampleMs, Percentiles completionMs, List<String> errors) {
        public Overhead overheadVersus(Duration directPerJob) {
            double direct = directPerJob.toNanos() / 1e6;
            double overhead = completionMs.mean() - direct;
            return new Overhead(direct, completionMs.mean(), overhead, direct > 0 ? overhead / direct : Double.NaN);
        }

        /** A short human-readable report. */
        public String describe() {
            return String.format(java.util.Locale.ROOT, "%d jobs (%d succeeded, %d failed, %d refused) in %.1f s:"
                    + " %.2f jobs/s%n  first sample  p50 %.0f ms  p95 %.0f ms  p99 %.0f ms%n"
                    + "  completion    p50 %.0f ms  p95 %.0f ms  p99 %.0f ms", jobs, succeeded, failed, rejected,
                    seconds, jobsPerSecond, firstSampleMs.p50(), firstSampleMs.p95(), firstSampleMs.p99(),
                    completionMs.p50(), completionMs.p95(), completionMs.p99());
        }
    }

    public static Result run(Options options) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        AtomicInteger next = new AtomicInteger();
        List<Double> firstSample = Collections.synchronizedList(new ArrayList<>());
        List<Double> completion = Collections.synchronizedList(new ArrayList<>());
        List<String> errors = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger succeeded = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger rejected = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(options.clients());
        long start = System.nanoTime();
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 0; c < options.clients(); c++) {
            clients.add(pool.submit(() -> {
                for (int n = next.getAndIncrement(); n < options.jobs(); n = next.getAndIncrement()) {
                    try {
                        JobTiming t = runOne(http, options, n);
                        if (t.firstSampleMs >= 0) {
                            firstSample.add(t.firstSampleMs);
                        }
                        completion.add(t.completionMs);
                        (t.succeeded ? succeeded : failed).incrementAndGet();
                        if (!t.succeeded) {
                            errors.add(t.detail);
                        }
                    } catch (Refused e) {
                        rejected.incrementAndGet();
                        errors.add(e.getMessage());
                    } catch (Exception e) {
                        failed.incrementAndGet();
                        errors.add(e.toString());
                    }
                }
            }));
        }
        pool.shutdown();
        try {
            for (Future<?> client : clients) {
                client.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            errors.add(e.getCause().toString());
        }
        pool.awaitTermination(1, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - start) / 1e9;
        int done = succeeded.get() + failed.get();
        return new Result(options.jobs(), succeeded.get(), failed.get(), rejected.get(), seconds, done / seconds,
                Percentiles.of(firstSample), Percentiles.of(completion), List.copyOf(errors));
    }

    private record JobTiming(double firstSampleMs, double completionMs, boolean succeeded, String detail) {}

    private static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    private static JobTiming runOne(HttpClient http, Options o, int n) throws Exception {
        long t0 = System.nanoTime();
        String boundary = "picnet" + UUID.randomUUID().toString().replace("-", "");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        part(body, boundary, "samples", String.valueOf(o.samples()));
        if (o.model() != null) {
            part(body, boundary, "model", o.model());
        }
        part(body, boundary, "seed", String.valueOf(o.seed() != null ? o.seed() : n));
        file(body, boundary, "image", o.image());
        file(body, boundary, "mask", o.mask());
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> answer;
        while (true) {
            answer = http.send(HttpRequest.newBuilder(o.gateway().resolve("/v1/completions"))
                    .timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 429) {
                break;
            }
            long wait = answer.headers().firstValueAsLong("Retry-After").orElse(1);
            Thread.sleep(TimeUnit.SECONDS.toMillis(Math.max(1, wait)));
        }
        if (answer.statusCode() != 202) {
            throw new Refused("submission answered " + answer.statusCode() + ": " + answer.body());
        }
        String events = new JsonObject(answer.body()).getString("events");
        URI ws = URI.create(o.gateway().toString().replaceFirst("^http", "ws")).resolve(events);
        CompletableFuture<JsonObject> end = new CompletableFuture<>();
        long[] first = {-1};
        StringBuilder partial = new StringBuilder();
        WebSocket socket = http.newWebSocketBuilder().buildAsync(ws, new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    JsonObject e = new JsonObject(partial.toString());
                    partial.setLength(0);
                    String type = e.getString("type");
                    if ("sample".equals(type) && first[0] < 0) {
                        first[0] = System.nanoTime();
                    }
                    if ("succeeded".equals(type) || "failed".equals(type) || "cancelled".equals(type)) {
                        end.complete(e);
                    }
                }
                w.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket w, int status, String reason) {
                end.completeExceptionally(new IllegalStateException("closed before the end: " + status + " " + reason));
                return null;
            }

            @Override
            public void onError(WebSocket w, Throwable error) {
                end.completeExceptionally(error);
            }
        }).get(30, TimeUnit.SECONDS);
        try {
            JsonObject last = end.get(o.jobTimeout().toMillis(), TimeUnit.MILLISECONDS);
            long t1 = System.nanoTime();
            boolean ok = "succeeded".equals(last.getString("type"));
            return new JobTiming(first[0] < 0 ? -1 : (first[0] - t0) / 1e6, (t1 - t0) / 1e6, ok,
                    ok ? "" : last.encode());
        } finally {
            socket.abort();
        }
    }

    private static void part(ByteArrayOutputStream body, String boundary, String name, String value) {
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value
                + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    private static void file(ByteArrayOutputStream body, String boundary, String name, byte[] content) {
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\""
                + name + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }
}
