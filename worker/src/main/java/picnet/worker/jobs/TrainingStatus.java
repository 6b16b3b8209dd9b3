package picnet.worker.jobs;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;

/**
 * Whether this worker process trains and what, as its heartbeat tells: the training verticle writes it,
 * the completion verticle (which sends the heartbeats) reads it. Kept in a Vert.x local map keyed by
 * worker id; the value is the job id being trained, or {@link #IDLE}.
 */
record TrainingStatus(boolean trains, String job) {
    private static final TrainingStatus NONE = new TrainingStatus(false, null);
    private static final String MAP = "picnet.worker.training-status";
    private static final String IDLE = "";

    static TrainingStatus of(Vertx vertx, String workerId) {
        String value = map(vertx).get(workerId);
        return value == null ? NONE : new TrainingStatus(true, value.equals(IDLE) ? null : value);
    }

    static void idle(Vertx vertx, String workerId) {
        map(vertx).put(workerId, IDLE);
    }

    static void training(Vertx vertx, String workerId, String jobId) {
        map(vertx).put(workerId, jobId);
    }

    /** Back to idle after {@code jobId}, unless the verticle has gone (or moved on) meanwhile. */
    static void finished(Vertx vertx, String workerId, String jobId) {
        map(vertx).replaceIfPresent(workerId, jobId, IDLE);
    }

    static void gone(Vertx vertx, String workerId) {
        map(vertx).remove(workerId);
    }

    private static LocalMap<String, String> map(Vertx vertx) {
        return vertx.sharedData().getLocalMap(MAP);
    }
}
