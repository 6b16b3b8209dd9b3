package picnet.gateway;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A plain JDK HTTP client for the gateway's API, the way an outside client would call it. */
final class ApiClient {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    ApiClient(int port) {
        this.base = "http://localhost:" + port;
    }

    String base() {
        return base;
    }

    /** A multipart form: text fields and files, in insertion order. */
    static final class Form {
        final Map<String, String> fields = new LinkedHashMap<>();
        final Map<String, byte[]> files = new LinkedHashMap<>();

        Form field(String name, Object value) {
            fields.put(name, String.valueOf(value));
            return this;
        }

        Form file(String name, byte[] content) {
            files.put(name, content);
            return this;
        }
    }

    static Form form(byte[] image, byte[] mask) {
        return new Form().file("image", image).file("mask", mask);
    }

    HttpResponse<String> submit(Form form) throws Exception {
        String boundary = "picnet" + UUID.randomUUID().toString().replace("-", "");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, String> f : form.fields.entrySet()) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey()
                    + "\"\r\n\r\n" + f.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        for (Map.Entry<String, byte[]> f : form.files.entrySet()) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey()
                    + "\"; filename=\"" + f.getKey() + ".png\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.writeBytes(f.getValue());
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/v1/completions"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> bytes(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> delete(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).DELETE()
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String contentType, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** POST /v1/trainings with a JSON body, as it is (it may be malformed on purpose). */
    HttpResponse<String> train(String body) throws Exception {
        return post("/v1/trainings", "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    /** Submits a training and returns its id, failing unless the answer is 202. */
    String trainOk(JsonObject body) throws Exception {
        return acceptedJob(train(body.encode()));
    }

    JsonObject json(String path) throws Exception {
        HttpResponse<String> response = get(path);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return new JsonObject(response.body());
    }

    /** The job id of a 202 answer, after checking its links (self, events, Location) and status. */
    static String acceptedJob(HttpResponse<String> response) {
        if (response.statusCode() != 202) {
            throw new AssertionError("submission answered " + response.statusCode() + ": " + response.body());
        }
        JsonObject body = new JsonObject(response.body());
        String id = body.getString("id");
        String self = "/v1/jobs/" + id;
        List<String> expected = List.of("queued", self, self + "/events", self);
        List<String> actual = Arrays.asList(body.getString("status"), body.getString("self"), body.getString("events"),
                response.headers().firstValue("Location").orElse(null));
        if (!expected.equals(actual)) {
            throw new AssertionError("expected status, self, events, Location " + expected + ", got " + actual);
        }
        return id;
    }

    /** Submits and returns the job id, failing unless the answer is 202. */
    String submitOk(Form form) throws Exception {
        return acceptedJob(submit(form));
    }

    EventStream events(String jobId) throws Exception {
        return events(jobId, 0);
    }

    EventStream events(String jobId, long after) throws Exception {
        return EventStream.open(http, URI.create(base.replace("http:", "ws:") + "/v1/jobs/" + jobId + "/events"
                + (after > 0 ? "?after=" + after : "")));
    }
}
