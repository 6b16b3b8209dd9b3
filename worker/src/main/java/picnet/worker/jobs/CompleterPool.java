package picnet.worker.jobs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picnet.worker.sampling.Completer;

/**
 * Open completers, reused between jobs: one per running job (a Completer is not assumed to be
 * thread-safe), at most the worker's capacity per model. Thread-safe; {@link #take} blocks while a model
 * loads, so call it on the sampling executor.
 */
final class CompleterPool implements AutoCloseable {
    private final CompleterProvider provider;
    private final Map<String, Deque<Completer>> idle = new HashMap<>();
    private final List<Completer> all = new ArrayList<>();
    private boolean closed;

    CompleterPool(CompleterProvider provider) {
        this.provider = provider;
    }

    /** @throws IllegalArgumentException for an unknown model */
    Completer take(String model) {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the worker is stopping");
            }
            Deque<Completer> free = idle.get(model);
            if (free != null && !free.isEmpty()) {
                return free.pop();
            }
        }
        Completer opened = provider.open(model);
        synchronized (this) {
            if (closed) {
                opened.close();
                throw new IllegalStateException("the worker is stopping");
            }
            all.add(opened);
        }
        return opened;
    }

    synchronized void release(String model, Completer completer) {
        if (closed) {
            completer.close();
        } else {
            idle.computeIfAbsent(model, m -> new ArrayDeque<>()).push(completer);
        }
    }

    /** Closes idle completers now; busy ones are closed when released. */
    @Override
    public synchronized void close() {
        closed = true;
        for (Deque<Completer> free : idle.values()) {
            free.forEach(Completer::close);
        }
        idle.clear();
    }
}
