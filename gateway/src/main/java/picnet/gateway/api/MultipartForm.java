package picnet.gateway.api;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.util.HashMap;
import java.util.Map;

/**
 * A multipart/form-data body read into memory (no temporary files: gateways need no disk), with a size
 * bound: a body over the bound fails with 413 after being drained, and one declared far over it is
 * refused at once and the connection closed.
 */
public record MultipartForm(Map<String, String> fields, Map<String, byte[]> files) {
    public static Future<MultipartForm> read(HttpServerRequest request, long maxBytes) {
        String type = request.getHeader("Content-Type");
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")) {
            return Future.failedFuture(ApiError.badRequest("not_multipart",
                    "the body must be multipart/form-data with parts image and mask"));
        }
        if (declaredFarOver(request, maxBytes)) {
            return Future.failedFuture(tooLarge(maxBytes));
        }
        Promise<MultipartForm> promise = Promise.promise();
        Map<String, Buffer> parts = new HashMap<>();
        long[] total = {0};
        boolean[] over = {false};
        request.setExpectMultipart(true);
        request.uploadHandler(upload -> {
            Buffer buffer = Buffer.buffer();
            parts.put(upload.name(), buffer);
            upload.handler(chunk -> {
                total[0] += chunk.length();
                if (total[0] > maxBytes) {
                    over[0] = true;
                } else {
                    buffer.appendBuffer(chunk);
                }
            });
        });
        request.exceptionHandler(e -> promise.tryFail(ApiError.badRequest("unreadable_body",
                "the request body could not be read: " + e.getMessage())));
        request.endHandler(v -> {
            if (over[0] || request.bytesRead() > maxBytes) {
                promise.tryFail(tooLarge(maxBytes));
                return;
            }
            Map<String, String> fields = new HashMap<>();
            request.formAttributes().forEach(e -> fields.put(e.getKey(), e.getValue()));
            Map<String, byte[]> files = new HashMap<>();
            parts.forEach((name, buffer) -> files.put(name, buffer.getBytes()));
            promise.tryComplete(new MultipartForm(fields, files));
        });
        request.resume();
        return promise.future();
    }

    /** A body declared far over the bound is not read at all: the connection is closed. */
    static boolean declaredFarOver(HttpServerRequest request, long maxBytes) {
        String declared = request.getHeader("Content-Length");
        if (declared != null && parseLong(declared) > 4 * maxBytes) {
            request.connection().close();
            return true;
        }
        return false;
    }

    static ApiError tooLarge(long maxBytes) {
        return new ApiError(413, "body_too_large", "the request body is over the limit of " + maxBytes + " bytes");
    }

    private static long parseLong(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
