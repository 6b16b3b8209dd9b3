package picnet.gateway.jobs;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import picnet.common.jobs.JobEvent;
import picnet.common.jobs.JobStatus;

/**
 * Every job this gateway knows, built only from the events topic in its order, so that every gateway
 * (and a restarted one) holds the same state and numbers the events alike. Rules, applied per job in log
 * order: a job starts with its {@code queued} event; nothing is accepted after a terminal event (the first
 * one wins); a sample whose index was already seen (a redelivered attempt redoing it) is dropped; a
 * progress that does not advance (for a training: a step report, preview or checkpoint whose step does not
 * advance) is dropped. Each accepted event gets the next {@code seq} of its job.
 * Used on the gateway's event loop only.
 */
public final class JobStore {
    private final int retainedJobs;
    private final long retainedBytes;
    private final Map<String, JobState> jobs = new HashMap<>();
    /** Finished jobs, oldest first, with the bytes of image data each holds. */
    private final LinkedHashMap<String, Long> finished = new LinkedHashMap<>();
    private long finishedBytes;
    private final Map<String, List<Consumer<JsonObject>>> listeners = new HashMap<>();
    private int queued;
    private int running;
    private long succeeded;
    private long failed;
    private long cancelled;

    /** A store without a bound on the bytes finished jobs hold. */
    public JobStore(int retainedJobs) {
        this(retainedJobs, Long.MAX_VALUE);
    }

    /**
     * @param retainedJobs finished jobs kept at most
     * @param retainedBytes image data (originals, sample patches, previews) that finished jobs may hold
     *     together; beyond it the oldest are forgotten, though never the one that just finished
     */
    public JobStore(int retainedJobs, long retainedBytes) {
        this.retainedJobs = retainedJobs;
        this.retainedBytes = retainedBytes;
    }

    public Optional<JobState> get(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    /** Applies an event from the log; answers the client event if it was accepted. */
    public Optional<JsonObject> apply(JobEvent event) {
        JobState job = jobs.get(event.jobId());
        if (JobEvent.QUEUED.equals(event.type())) {
            if (job != null || finished.containsKey(event.jobId())) {
                return Optional.empty();
            }
            job = new JobState(event.jobId(), event.kind(), event.model(), orZero(event.total()), orZero(event.top()),
                    event.at(), event.image(), event.training() == null ? null : event.training().run());
            jobs.put(job.id(), job);
            queued++;
            return Optional.of(accept(job, event));
        }
        if (job == null || job.status().isTerminal()) {
            return Optional.empty();
        }
        switch (event.type()) {
            case JobEvent.STARTED -> {
                if (event.attempt() != null && event.attempt() <= job.attempt()) {
                    return Optional.empty();
                }
                leave(job.status());
                running++;
                job.started(orZero(event.attempt()), orZero(event.total()), event.model());
            }
            case JobEvent.SAMPLE -> {
                if (event.index() == null || job.hasSample(event.index())) {
                    return Optional.empty();
                }
                job.addSample(event.index(), event.score() == null ? 0 : event.score(), event.patch(), event.png());
            }
            case JobEvent.PROGRESS -> {
                if (job.isTraining()) {
                    if (!job.training().apply(event)) {
                        return Optional.empty();
                    }
                } else if (orZero(event.done()) <= job.done()) {
                    return Optional.empty();
                } else {
                    job.progress(orZero(event.done()), orZero(event.total()));
                }
            }
            case JobEvent.PREVIEW, JobEvent.CHECKPOINT -> {
                if (!job.isTraining() || !job.training().apply(event)) {
                    return Optional.empty();
                }
            }
            case JobEvent.SUCCEEDED, JobEvent.FAILED, JobEvent.CANCELLED -> {
                leave(job.status());
                JobStatus terminal = switch (event.type()) {
                    case JobEvent.SUCCEEDED -> JobStatus.SUCCEEDED;
                    case JobEvent.FAILED -> JobStatus.FAILED;
                    default -> JobStatus.CANCELLED;
                };
                count(terminal);
                job.finish(terminal, event.ranking(), event.error(), event.at());
                if (terminal == JobStatus.SUCCEEDED && job.isTraining()) {
                    job.training().exported(event.model());
                }
            }
            default -> {
                // a type this gateway does not know (newer workers): kept in the history as it is
            }
        }
        JsonObject client = accept(job, event);
        if (job.status().isTerminal()) {
            retire(job.id());
        }
        return Optional.of(client);
    }

    /** Listens to the job's future events; returns what stops listening. */
    public Runnable subscribe(String jobId, Consumer<JsonObject> listener) {
        listeners.computeIfAbsent(jobId, k -> new ArrayList<>()).add(listener);
        return () -> {
            List<Consumer<JsonObject>> list = listeners.get(jobId);
            if (list != null) {
                list.remove(listener);
                if (list.isEmpty()) {
                    listeners.remove(jobId);
                }
            }
        };
    }

    /** A training that is queued or running on {@code run} (its run directory), if this gateway knows one. */
    public Optional<JobState> activeTrainingOf(String run) {
        return jobs.values().stream().filter(job -> job.isTraining() && !job.status().isTerminal()
                && run.equals(job.training().run())).findFirst();
    }

    /** Image data held by jobs not finished yet (queued or running): their originals and patches so far. */
    public long activeBytes() {
        return jobs.values().stream().filter(job -> !job.status().isTerminal()).mapToLong(JobState::heldBytes).sum();
    }

    public int queuedJobs() {
        return queued;
    }

    public int runningJobs() {
        return running;
    }

    public long succeededJobs() {
        return succeeded;
    }

    public long failedJobs() {
        return failed;
    }

    public long cancelledJobs() {
        return cancelled;
    }

    public int size() {
        return jobs.size();
    }

    private JsonObject accept(JobState job, JobEvent event) {
        JsonObject client = EventJson.toClient(event, job.nextSeq(), job.isTraining());
        job.record(client);
        List<Consumer<JsonObject>> list = listeners.get(job.id());
        if (list != null) {
            for (Consumer<JsonObject> listener : List.copyOf(list)) {
                listener.accept(client);
            }
        }
        return client;
    }

    private void leave(JobStatus status) {
        if (status == JobStatus.QUEUED) {
            queued--;
        } else if (status == JobStatus.RUNNING) {
            running--;
        }
    }

    private void count(JobStatus terminal) {
        switch (terminal) {
            case SUCCEEDED -> succeeded++;
            case FAILED -> failed++;
            default -> cancelled++;
        }
    }

    /** Finished jobs beyond the retention bounds (count, bytes) are forgotten, oldest first. */
    private void retire(String id) {
        long bytes = jobs.get(id).heldBytes();
        finished.put(id, bytes);
        finishedBytes += bytes;
        Iterator<Map.Entry<String, Long>> oldest = finished.entrySet().iterator();
        while (finished.size() > retainedJobs || finishedBytes > retainedBytes && finished.size() > 1) {
            Map.Entry<String, Long> gone = oldest.next();
            finishedBytes -= gone.getValue();
            jobs.remove(gone.getKey());
            oldest.remove();
        }
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
