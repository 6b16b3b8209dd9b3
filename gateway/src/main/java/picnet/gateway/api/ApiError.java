package picnet.gateway.api;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/**
 * An error answered as {@code {"error": "<code>", "message": "<one line naming the problem>"}}, plus
 * {@code "field"} when one JSON field is refused. Thrown by validation and turned into the response by the
 * route; carries no stack trace.
 */
public final class ApiError extends RuntimeException {
    private final int status;
    private final String code;
    private final String field;

    public ApiError(int status, String code, String message) {
        this(status, code, null, message);
    }

    private ApiError(int status, String code, String field, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.field = field;
    }

    /** A refused JSON field: code {@code invalid_<field>}, and {@code "field"} in the body for clients to point at. */
    public static ApiError invalidField(int status, String field, String message) {
        return new ApiError(status, "invalid_" + field, field, message);
    }

    /** The same error, pointing at a field. */
    public ApiError withField(String name) {
        return new ApiError(status, code, name, getMessage());
    }

    public static ApiError badRequest(String code, String message) {
        return new ApiError(400, code, message);
    }

    public static ApiError unprocessable(String code, String message) {
        return new ApiError(422, code, message);
    }

    public static ApiError notFound(String message) {
        return new ApiError(404, "not_found", message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject().put("error", code).put("message", getMessage());
        return field == null ? json : json.put("field", field);
    }

    public void send(HttpServerResponse response) {
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(status).putHeader("Content-Type", "application/json").end(toJson().encode());
    }
}
