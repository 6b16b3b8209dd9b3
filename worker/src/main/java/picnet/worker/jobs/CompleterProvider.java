package picnet.worker.jobs;

import java.util.List;
import picnet.worker.sampling.Completer;

/**
 * Where a worker gets its models. The real one loads model directories with DJL
 * ({@code picnet.worker.sampling.ModelCatalog}); tests use a deterministic stand-in. Blocking: the worker
 * calls {@link #open} on its sampling executor, never on an event loop.
 */
public interface CompleterProvider {
    /**
     * Opens a completer for the model. The worker may hold several at once (one per running job) and
     * closes each when it stops.
     *
     * @throws IllegalArgumentException when no model has that name
     */
    Completer open(String modelName);

    /** The names this provider can open, announced to gateways for validation and GET /v1/models. */
    List<String> modelNames();

    /** The model used when a job names none. */
    String defaultModel();
}
