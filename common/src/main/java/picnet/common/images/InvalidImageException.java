package picnet.common.images;

/**
 * An image or mask file that cannot be used: not a PNG or JPEG, empty, corrupt, too large, or in an
 * unsupported colour model. The message is one line meant for the person who uploaded the file.
 */
public class InvalidImageException extends RuntimeException {
    public InvalidImageException(String message) {
        super(message);
    }

    public InvalidImageException(String message, Throwable cause) {
        super(message, cause);
    }
}
