package picnet.worker.checkpoint;

/**
 * A checkpoint or model file could not be read or written. The message is one line that names the
 * file and, where it applies, the tensor, so it can be shown to an operator as is.
 */
public class CheckpointException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CheckpointException(String message) {
        super(message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
