package picnet.gateway.jobs;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import picnet.common.jobs.WorkerHeartbeat;

/**
 * The workers as their heartbeats describe them. A model is known once any worker has announced it
 * (within the heartbeat topic's retention), so jobs for it can queue while its workers restart; a worker
 * is live while its last heartbeat is younger than three of its intervals. Used on the event loop only.
 */
public final class WorkerDirectory {
    private final Map<String, WorkerHeartbeat> workers = new HashMap<>();
    private final Set<String> knownModels = new TreeSet<>();
    private String defaultModel;

    public void apply(WorkerHeartbeat beat) {
        WorkerHeartbeat previous = workers.get(beat.workerId());
        if (previous != null && previous.at() > beat.at()) {
            return;
        }
        workers.put(beat.workerId(), beat);
        if (beat.models() != null) {
            knownModels.addAll(beat.models());
        }
        if (beat.defaultModel() != null) {
            defaultModel = beat.defaultModel();
        }
    }

    public boolean isKnown(String model) {
        return knownModels.contains(model);
    }

    public Set<String> knownModels() {
        return Set.copyOf(knownModels);
    }

    public int liveWorkers(long now) {
        return (int) workers.values().stream().filter(w -> isLive(w, now)).count();
    }

    /**
     * GET /v1/models: every known model with its live workers and their capacity; {@code trainers}: live
     * workers that take training jobs, {@code training}: those training one now.
     */
    public JsonObject describe(long now) {
        Map<String, int[]> perModel = new TreeMap<>();
        knownModels.forEach(m -> perModel.put(m, new int[3]));
        for (WorkerHeartbeat w : workers.values()) {
            if (!isLive(w, now) || w.models() == null) {
                continue;
            }
            for (String m : w.models()) {
                int[] counts = perModel.computeIfAbsent(m, k -> new int[3]);
                counts[0]++;
                counts[1] += w.capacity();
                counts[2] += w.busy();
            }
        }
        JsonArray models = new JsonArray();
        perModel.forEach((name, c) -> models.add(new JsonObject().put("name", name)
                .put("default", name.equals(defaultModel)).put("workers", c[0]).put("capacity", c[1])
                .put("busy", c[2])));
        long trainers = workers.values().stream().filter(w -> isLive(w, now) && Boolean.TRUE.equals(w.trains())).count();
        long training = workers.values().stream().filter(w -> isLive(w, now) && w.trainingJob() != null).count();
        return new JsonObject().put("models", models).put("default", defaultModel).put("workers", liveWorkers(now))
                .put("trainers", trainers).put("training", training);
    }

    private static boolean isLive(WorkerHeartbeat w, long now) {
        return now - w.at() <= 3 * Math.max(1000, w.intervalMs());
    }
}
