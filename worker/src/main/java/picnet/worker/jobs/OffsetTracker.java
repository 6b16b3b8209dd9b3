package picnet.worker.jobs;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * Which offset of each partition may be committed. Jobs of one partition can finish out of order when a
 * worker runs several at once; a committed offset covers every record before it, so it may only move up
 * to the oldest job still running. Used on the worker's event loop only.
 */
final class OffsetTracker {
    private final Map<Integer, TreeSet<Long>> running = new HashMap<>();
    private final Map<Integer, Long> highestDone = new HashMap<>();

    void begin(int partition, long offset) {
        running.computeIfAbsent(partition, p -> new TreeSet<>()).add(offset);
    }

    /** Marks the record done and answers the offset to commit now (the next record to read), if any. */
    OptionalLong finish(int partition, long offset) {
        TreeSet<Long> inFlight = running.get(partition);
        if (inFlight == null || !inFlight.remove(offset)) {
            return OptionalLong.empty(); // the partition was revoked meanwhile
        }
        highestDone.merge(partition, offset, Math::max);
        long commit = inFlight.isEmpty() ? highestDone.get(partition) + 1 : inFlight.first();
        return OptionalLong.of(commit);
    }

    /** Forgets a partition that this worker no longer owns; its running jobs will not be committed. */
    void drop(int partition) {
        running.remove(partition);
        highestDone.remove(partition);
    }

    boolean owns(int partition, long offset) {
        TreeSet<Long> inFlight = running.get(partition);
        return inFlight != null && inFlight.contains(offset);
    }
}
