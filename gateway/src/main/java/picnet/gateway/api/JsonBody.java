package picnet.gateway.api;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;

/** A JSON object body read into memory with a size bound (413 beyond it); anything else is 400 not_json. */
final class JsonBody {
    private JsonBody() {}

    static Future<JsonObject> read(HttpServerRequest request, long maxBytes) {
        if (MultipartForm.declaredFarOver(request, maxBytes)) {
            return Future.failedFuture(MultipartForm.tooLarge(maxBytes));
        }
        Promise<JsonObject> promise = Promise.promise();
        Buffer body = Buffer.buffer();
        boolean[] over = {false};
        request.handler(chunk -> {
            if (body.length() + chunk.length() > maxBytes) {
                over[0] = true;
            } else {
                body.appendBuffer(chunk);
            }
        });
        request.exceptionHandler(e -> promise.tryFail(ApiError.badRequest("unreadable_body",
                "the request body could not be read: " + e.getMessage())));
        request.endHandler(v -> {
            JsonObject json = over[0] ? null : parse(body);
            if (over[0]) {
                promise.tryFail(MultipartForm.tooLarge(maxBytes));
            } else if (json == null) {
                promise.tryFail(ApiError.badRequest("not_json",
                        "the body must be a JSON object, e.g. {\"name\": \"faces\", \"dataset\": \"celeba\"}"));
            } else {
                promise.tryComplete(json);
            }
        });
        request.resume();
        return promise.future();
    }

    /** The object, or null when the body is not JSON or not an object. */
    private static JsonObject parse(Buffer body) {
        try {
            return Json.decodeValue(body) instanceof JsonObject object ? object : null;
        } catch (DecodeException e) {
            return null;
        }
    }
}
