package picnet.deploy.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picnet.broker.KafkaBrokerProcess;
import picnet.common.images.ImageFiles;
import picnet.common.images.ImageLimits;
import picnet.common.images.RgbImage;
import picnet.common.masks.HoleMask;
import picnet.common.masks.MaskFiles;
import picnet.common.masks.MaskGenerator;
import picnet.common.masks.MaskKind;
import picnet.deploy.TestModels;

/**
 * What {@code picnet up} starts, with every part real: a Kafka 4 broker process, the gateway, and a
 * worker running the PICNet model on DJL. Submit over HTTP, stream over WebSocket, fetch the PNGs.
 */
class WholeSystemTest {
    @TempDir
    static Path dir;
    static ServiceLauncher launcher;
    static URI gateway;

    @BeforeAll
    static void start() {
        TestModels.write(dir.resolve("models"), "tiny");
        launcher = new ServiceLauncher();
        String kafka = launcher.startBroker(dir.resolve("kafka"), KafkaBrokerProcess.freePort());
        int port = KafkaBrokerProcess.freePort();
        launcher.startGateway(ServiceLauncher.gatewayConfig(kafka, "localhost", port, 2));
        launcher.startWorker(dir.resolve("models"), Device.cpu(), 2, null, ServiceLauncher.workerConfig(kafka, 1, 2));
        gateway = URI.create("http://localhost:" + port);
    }

    @AfterAll
    static void stop() {
        launcher.close();
    }

    @Test
    void aCompletionStreamsEverySampleOnceAndKeepsTheKnownPixels() throws Exception {
        int w = 110, h = 100, samples = 5;
        float[] v = new float[3 * w * h];
        for (int i = 0; i < v.length; i++) {
            v[i] = ((i * 7) % 255) / 255f;
        }
        RgbImage image = new RgbImage(w, h, v);
        HoleMask mask = MaskGenerator.generate(MaskKind.CENTER, w, h, 0);
        HttpClient http = HttpClient.newHttpClient();
        waitForModel(http);

        Multipart body = new Multipart()
                .file("image", "in.png", ImageFiles.writePng(image))
                .file("mask", "mask.png", MaskFiles.writePng(mask))
                .field("samples", "" + samples).field("top", "3").field("seed", "11");
        HttpResponse<String> submitted = http.send(HttpRequest.newBuilder(gateway.resolve("/v1/completions"))
                .header("Content-Type", body.contentType()).POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, submitted.statusCode(), submitted.body());
        JsonNode job = new ObjectMapper().readTree(submitted.body());

        List<JsonNode> events = new ArrayList<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        URI ws = URI.create("ws://" + gateway.getAuthority() + job.get("events").asText());
        http.newWebSocketBuilder().buildAsync(ws, new WebSocket.Listener() {
            final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    try {
                        JsonNode event = new ObjectMapper().readTree(text.toString());
                        events.add(event);
                        if (Set.of("succeeded", "failed", "cancelled").contains(event.get("type").asText())) {
                            done.complete(null);
                        }
                    } catch (Exception e) {
                        done.completeExceptionally(e);
                    }
                    text.setLength(0);
                }
                socket.request(1);
                return null;
            }
        }).get(10, TimeUnit.SECONDS);
        done.get(3, TimeUnit.MINUTES);

        assertEquals("succeeded", events.get(events.size() - 1).get("type").asText(), events.toString());
        Set<Integer> sampleIndexes = new HashSet<>();
        long sampleEvents = 0;
        for (int i = 0; i < events.size(); i++) {
            assertEquals(i + 1, events.get(i).get("seq").asInt(), "seq numbers run 1..n");
            if (events.get(i).get("type").asText().equals("sample")) {
                sampleEvents++;
                sampleIndexes.add(events.get(i).get("index").asInt());
            }
        }
        assertEquals(samples, sampleEvents);
        assertEquals(Set.of(0, 1, 2, 3, 4), sampleIndexes);

        JsonNode finished = new ObjectMapper().readTree(http.send(HttpRequest.newBuilder(gateway.resolve(job.get("self").asText())).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertEquals("succeeded", finished.get("status").asText());
        assertEquals(3, finished.get("samples").size());
        for (JsonNode s : finished.get("samples")) {
            byte[] png = http.send(HttpRequest.newBuilder(gateway.resolve(s.get("url").asText())).build(),
                    HttpResponse.BodyHandlers.ofByteArray()).body();
            RgbImage result = ImageFiles.read(png, ImageLimits.DEFAULT);
            assertEquals(w, result.width());
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < w * h; i++) {
                    if (!mask.hole()[i]) {
                        assertEquals(Math.round(v[c * w * h + i] * 255), Math.round(result.chw()[c * w * h + i] * 255),
                                "known pixel " + i + " changed");
                    }
                }
            }
        }
    }

    @Test
    void theWorkersHeartbeatsSayThatItTrains() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String models = "";
        while (System.nanoTime() < deadline) {
            models = http.send(HttpRequest.newBuilder(gateway.resolve("/v1/models")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            if (new io.vertx.core.json.JsonObject(models).getInteger("trainers", 0) == 1) {
                assertEquals(0, new io.vertx.core.json.JsonObject(models).getInteger("training"), models);
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the worker never said that it trains: " + models);
    }

    private static void waitForModel(HttpClient http) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String models = http.send(HttpRequest.newBuilder(gateway.resolve("/v1/models")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            if (models.contains("\"tiny\"")) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the worker never announced its model");
    }

    /** A multipart/form-data body. */
    static final class Multipart {
        private final String boundary = "picnet-" + System.nanoTime();
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Multipart field(String name, String value) {
            write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
            return this;
        }

        Multipart file(String name, String filename, byte[] content) {
            write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename
                    + "\"\r\nContent-Type: image/png\r\n\r\n");
            out.writeBytes(content);
            write("\r\n");
            return this;
        }

        String contentType() {
            return "multipart/form-data; boundary=" + boundary;
        }

        byte[] bytes() {
            write("--" + boundary + "--\r\n");
            return out.toByteArray();
        }

        private void write(String s) {
            out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        }
    }
}
