package picnet.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picnet.common.jobs.Topics;
import picnet.worker.jobs.KafkaBrokerExtension;

/** Every bad input named in the issue gets a 4xx JSON error naming the problem, and nothing is enqueued. */
@ExtendWith({KafkaBrokerExtension.class, VertxExtension.class})
class BadInputTest {
    private static final int MAX_BODY = 300_000;
    private static TestSystem system;
    private static ApiClient api;

    private final byte[] image = TestImages.image(48, 40);
    private final byte[] mask = TestImages.squareHole(48, 40);

    @BeforeAll
    static void deploy(Vertx vertx) throws Exception {
        system = new TestSystem(vertx);
        api = system.gateway(system.gatewayConfig().put(GatewayConfig.MAX_BODY_BYTES, MAX_BODY)
                .put(GatewayConfig.MAX_IMAGE_SIDE, 1024).put(GatewayConfig.MAX_IMAGE_PIXELS, 500_000)).api();
    }

    @AfterAll
    static void nothingWasEnqueued() throws Exception {
        Topics topics = new Topics(system.prefix);
        for (String topic : new String[] {topics.completionRequests(), topics.trainingRequests(), topics.events()}) {
            assertEquals(0, TopicRecords.count(topic), "records written to " + topic);
        }
        assertEquals(0, new JsonObject(api.get("/healthz").body()).getInteger("jobs"));
    }

    @Test
    void notAnImage() throws Exception {
        expect(422, "invalid_image", ApiClient.form("hello, I am text".getBytes(StandardCharsets.UTF_8), mask));
        expect(422, "invalid_mask", ApiClient.form(image, "<svg/>".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void truncatedFiles() throws Exception {
        expect(422, "invalid_image", ApiClient.form(Arrays.copyOf(image, image.length / 2), mask));
        expect(422, "invalid_mask", ApiClient.form(image, Arrays.copyOf(mask, mask.length - 20)));
    }

    @Test
    void zeroByteFiles() throws Exception {
        expect(422, "invalid_image", ApiClient.form(new byte[0], mask));
        expect(422, "invalid_mask", ApiClient.form(image, new byte[0]));
    }

    @Test
    void maskOfAnotherSize() throws Exception {
        JsonObject error = expect(422, "mask_size_mismatch", ApiClient.form(image, TestImages.squareHole(40, 48)));
        assertTrue(error.getString("message").contains("40x48") && error.getString("message").contains("48x40"),
                error.getString("message"));
    }

    @Test
    void maskWithoutHole() throws Exception {
        expect(422, "empty_mask", ApiClient.form(image, TestImages.noHole(48, 40)));
    }

    @Test
    void dimensionsOverTheLimit() throws Exception {
        JsonObject tooWide = expect(422, "invalid_image",
                ApiClient.form(TestImages.image(1100, 8), TestImages.squareHole(1100, 8)));
        assertTrue(tooWide.getString("message").contains("1100"), tooWide.getString("message"));
        // a decompression bomb: a tiny file whose header claims 60000 x 60000 pixels
        byte[] bomb = pngClaiming(60_000, 60_000);
        assertTrue(bomb.length < 2_000);
        JsonObject error = expect(422, "invalid_image", ApiClient.form(bomb, mask));
        assertTrue(error.getString("message").contains("60000"), error.getString("message"));
    }

    @Test
    void unknownModel() throws Exception {
        JsonObject error = expect(422, "unknown_model", ApiClient.form(image, mask).field("model", "no-such-model"));
        assertTrue(error.getString("message").contains("no-such-model"));
    }

    @Test
    void fieldsOutOfRange() throws Exception {
        expect(400, "invalid_samples", ApiClient.form(image, mask).field("samples", 0));
        expect(400, "invalid_samples", ApiClient.form(image, mask).field("samples", 101));
        expect(400, "invalid_samples", ApiClient.form(image, mask).field("samples", "ten"));
        expect(400, "invalid_top", ApiClient.form(image, mask).field("samples", 5).field("top", 6));
        expect(400, "invalid_top", ApiClient.form(image, mask).field("top", 0));
        expect(400, "invalid_seed", ApiClient.form(image, mask).field("seed", "1.5"));
    }

    @Test
    void unknownStrategy() throws Exception {
        JsonObject error = expect(400, "invalid_strategy", ApiClient.form(image, mask).field("strategy", "zoom"));
        String message = error.getString("message");
        assertTrue(message.contains("strategy") && message.contains("zoom") && message.contains("auto, resize, crop"),
                message);
    }

    @Test
    void missingPartsAndNotMultipart() throws Exception {
        expect(400, "missing_image", new ApiClient.Form().file("mask", mask));
        expect(400, "missing_mask", new ApiClient.Form().file("image", image));
        HttpResponse<String> json = api.post("/v1/completions", "application/json", "{}".getBytes(StandardCharsets.UTF_8));
        assertError(json, 400, "not_multipart");
    }

    @Test
    void bodyOverTheSizeLimit() throws Exception {
        byte[] big = new byte[MAX_BODY + 50_000];
        Arrays.fill(big, (byte) 7);
        expect(413, "body_too_large", ApiClient.form(big, mask));
    }

    @Test
    void unknownJobId() throws Exception {
        assertError(api.get("/v1/jobs/no-such-job"), 404, "not_found");
        assertError(api.get("/v1/jobs/no-such-job/samples/0.png"), 404, "not_found");
        assertError(api.delete("/v1/jobs/no-such-job"), 404, "not_found");
        assertError(api.get("/v1/jobs/no-such-job/events"), 404, "not_found");
    }

    private static JsonObject expect(int status, String code, ApiClient.Form form) throws Exception {
        return assertError(api.submit(form), status, code);
    }

    static JsonObject assertError(HttpResponse<String> response, int status, String code) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        JsonObject error = new JsonObject(response.body());
        assertEquals(code, error.getString("error"), response.body());
        String message = error.getString("message");
        assertTrue(message != null && !message.isBlank() && !message.contains("\n"), response.body());
        assertFalse(message.contains("Exception"), message);
        return error;
    }

    /** A valid-looking PNG whose header declares the given size, with a few bytes of image data. */
    static byte[] pngClaiming(int width, int height) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(ihdr);
        d.writeInt(width);
        d.writeInt(height);
        d.writeByte(8);
        d.writeByte(2);
        d.writeByte(0);
        d.writeByte(0);
        d.writeByte(0);
        chunk(out, "IHDR", ihdr.toByteArray());
        Deflater deflater = new Deflater(9);
        deflater.setInput(new byte[64 * 1024]);
        deflater.finish();
        byte[] buffer = new byte[4096];
        int n = deflater.deflate(buffer);
        chunk(out, "IDAT", Arrays.copyOf(buffer, n));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws Exception {
        DataOutputStream d = new DataOutputStream(out);
        d.writeInt(data.length);
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        d.write(typeBytes);
        d.write(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        d.writeInt((int) crc.getValue());
    }
}
