package picnet.gateway;

import io.vertx.core.json.JsonObject;
import picnet.common.images.ImageLimits;
import picnet.common.kafka.KafkaSettings;

/**
 * The configuration of a {@link GatewayVerticle}, read from its deployment config. Every key is a
 * constant here with its default, except the {@code kafka.*} ones of {@link KafkaSettings}.
 */
public record GatewayConfig(String httpHost, int httpPort, KafkaSettings kafka, long maxBodyBytes, int maxImageSide,
                            long maxImagePixels, int maxQueuedJobs, int retryAfterSeconds, long submitTimeoutMs,
                            long wsPingMs, int retainedJobs, long startTimeoutMs, int keptOriginals, long retainedBytes,
                            long maxActiveBytes, long keptPngBytes) {
    public static final String HTTP_HOST = "http.host";
    public static final String DEFAULT_HTTP_HOST = "localhost";
    /** 0 picks a free port ({@link GatewayVerticle#actualPort()}). */
    public static final String HTTP_PORT = "http.port";
    public static final int DEFAULT_HTTP_PORT = 8080;
    /** Largest request body (image + mask + fields); larger ones get 413. */
    public static final String MAX_BODY_BYTES = "gateway.max-body-bytes";
    public static final long DEFAULT_MAX_BODY_BYTES = 20L * 1024 * 1024;
    /** Largest image side and pixel count, checked from the file header before decoding. */
    public static final String MAX_IMAGE_SIDE = "gateway.max-image-side";
    public static final int DEFAULT_MAX_IMAGE_SIDE = 4096;
    public static final String MAX_IMAGE_PIXELS = "gateway.max-image-pixels";
    public static final long DEFAULT_MAX_IMAGE_PIXELS = 16L * 1024 * 1024;
    /** Submissions get 429 while this many jobs are queued (not yet started). */
    public static final String MAX_QUEUED_JOBS = "gateway.max-queued-jobs";
    public static final int DEFAULT_MAX_QUEUED_JOBS = 1000;
    /**
     * Submissions also get 429 while unfinished jobs hold this much image data (their original files,
     * kept to serve samples, and the patches so far).
     */
    public static final String MAX_ACTIVE_BYTES = "gateway.max-active-bytes";
    public static final long DEFAULT_MAX_ACTIVE_BYTES = 2L * 1024 * 1024 * 1024;
    public static final String RETRY_AFTER_SECONDS = "gateway.retry-after-seconds";
    public static final int DEFAULT_RETRY_AFTER_SECONDS = 10;
    /** How long a submission waits for Kafka before answering 503. */
    public static final String SUBMIT_TIMEOUT_MS = "gateway.submit-timeout-ms";
    public static final long DEFAULT_SUBMIT_TIMEOUT_MS = 5_000;
    /** WebSocket ping period. */
    public static final String WS_PING_MS = "gateway.ws-ping-ms";
    public static final long DEFAULT_WS_PING_MS = 20_000;
    /** Finished jobs kept in memory (with their original image and sample patches); older ones are forgotten first. */
    public static final String RETAINED_JOBS = "gateway.retained-jobs";
    public static final int DEFAULT_RETAINED_JOBS = 2_000;
    /**
     * Image data (original files, sample patches, training previews) that finished jobs may hold together
     * in memory; beyond it the oldest finished jobs are forgotten first, as beyond {@link #RETAINED_JOBS}.
     */
    public static final String RETAINED_BYTES = "gateway.retained-bytes";
    public static final long DEFAULT_RETAINED_BYTES = 1024L * 1024 * 1024;
    /** How long start() may take to create topics and replay the event log. */
    public static final String START_TIMEOUT_MS = "gateway.start-timeout-ms";
    public static final long DEFAULT_START_TIMEOUT_MS = 120_000;

    /**
     * Decoded original images kept to serve samples from (those of the jobs whose samples were asked for
     * last; 8-bit, 36 MB each for 12 megapixels).
     */
    public static final String KEPT_ORIGINALS = "gateway.kept-originals";
    public static final int DEFAULT_KEPT_ORIGINALS = 4;
    /** Sample PNG files (full size and thumbnails) kept once made, those asked for last; 0 keeps none. */
    public static final String KEPT_PNG_BYTES = "gateway.kept-png-bytes";
    public static final long DEFAULT_KEPT_PNG_BYTES = 256L * 1024 * 1024;

    public static GatewayConfig from(JsonObject c) {
        return new GatewayConfig(
                c.getString(HTTP_HOST, DEFAULT_HTTP_HOST),
                c.getInteger(HTTP_PORT, DEFAULT_HTTP_PORT),
                KafkaSettings.from(c),
                c.getLong(MAX_BODY_BYTES, DEFAULT_MAX_BODY_BYTES),
                c.getInteger(MAX_IMAGE_SIDE, DEFAULT_MAX_IMAGE_SIDE),
                c.getLong(MAX_IMAGE_PIXELS, DEFAULT_MAX_IMAGE_PIXELS),
                c.getInteger(MAX_QUEUED_JOBS, DEFAULT_MAX_QUEUED_JOBS),
                c.getInteger(RETRY_AFTER_SECONDS, DEFAULT_RETRY_AFTER_SECONDS),
                c.getLong(SUBMIT_TIMEOUT_MS, DEFAULT_SUBMIT_TIMEOUT_MS),
                c.getLong(WS_PING_MS, DEFAULT_WS_PING_MS),
                c.getInteger(RETAINED_JOBS, DEFAULT_RETAINED_JOBS),
                c.getLong(START_TIMEOUT_MS, DEFAULT_START_TIMEOUT_MS),
                c.getInteger(KEPT_ORIGINALS, DEFAULT_KEPT_ORIGINALS),
                c.getLong(RETAINED_BYTES, DEFAULT_RETAINED_BYTES),
                c.getLong(MAX_ACTIVE_BYTES, DEFAULT_MAX_ACTIVE_BYTES),
                c.getLong(KEPT_PNG_BYTES, DEFAULT_KEPT_PNG_BYTES));
    }

    public ImageLimits imageLimits() {
        return new ImageLimits(maxImageSide, maxImagePixels);
    }
}
