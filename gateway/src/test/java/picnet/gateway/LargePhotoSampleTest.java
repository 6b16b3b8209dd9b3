package picnet.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picnet.common.images.ImageFiles;
import picnet.common.images.ImageLimits;
import picnet.common.images.RgbImage;
import picnet.common.jobs.JobEvent;
import picnet.common.jobs.Topics;
import picnet.common.masks.Box;
import picnet.common.masks.HoleMask;
import picnet.common.masks.MaskFiles;
import picnet.worker.jobs.EventTap;
import picnet.worker.jobs.KafkaBrokerExtension;

/**
 * A 12-megapixel photo: samples travel as patches, and GET /samples/{i}.png answers, byte for byte, the
 * PNG of the whole sample (the original with the patch), from the gateway that took the job and from one
 * that only read the event log. Events of the older form (whole samples) are still served.
 */
@ExtendWith({KafkaBrokerExtension.class, VertxExtension.class})
class LargePhotoSampleTest {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final int W = 4000;
    private static final int H = 3000;
    private static final Box HOLE = new Box(1000, 700, 1080, 760);
    private static final ImageLimits LIMITS = ImageLimits.DEFAULT;

    @Test
    void aSampleIsServedAsTheOriginalWithItsPatchByEveryGateway(Vertx vertx) throws Exception {
        TestSystem system = new TestSystem(vertx);
        system.worker();
        ApiClient first = system.gateway().api();
        system.awaitModels(first);
        byte[] photo = photo();
        String id = ApiClient.acceptedJob(first.submit(ApiClient.form(photo, mask()).field("samples", 2)
                .field("seed", 5)));
        try (EventStream stream = first.events(id)) {
            List<JsonObject> events = stream.awaitEnd(WAIT);
            assertEquals("succeeded", events.get(events.size() - 1).getString("type"), EventStream.summary(events)
                    .toString());
            assertEquals(List.of("/v1/jobs/" + id + "/samples/0.png", "/v1/jobs/" + id + "/samples/1.png"),
                    EventStream.ofType(events, "sample").stream().map(e -> e.getString("url")).toList());
        }
        List<JobEvent> log;
        try (EventTap tap = new EventTap(vertx, KafkaBrokerExtension.bootstrapServers(),
                new Topics(system.prefix).events())) {
            log = tap.await(id, EventTap.terminal(), WAIT);
        }
        assertEquals(photo.length, log.get(0).image().length, "the queued event carries the original");
        RgbImage original = ImageFiles.read(photo, LIMITS);
        ApiClient second = system.gateway().api();
        for (JobEvent sample : log.stream().filter(e -> e.type().equals(JobEvent.SAMPLE)).toList()) {
            assertNull(sample.png(), "no whole-photo PNG travels");
            JobEvent.Patch patch = sample.patch();
            RgbImage pixels = ImageFiles.read(patch.png(), LIMITS);
            assertTrue(pixels.width() <= HOLE.width() + 2 && pixels.height() <= HOLE.height() + 2);
            byte[] whole = ImageFiles.writePng(original.paste(pixels, patch.x(), patch.y()));

            String url = "/v1/jobs/" + id + "/samples/" + sample.index() + ".png";
            HttpResponse<byte[]> served = first.bytes(url);
            assertEquals(200, served.statusCode());
            assertEquals("image/png", served.headers().firstValue("Content-Type").orElse(""));
            assertArrayEquals(whole, served.body(), "sample " + sample.index() + " is the whole sample's PNG");
            assertArrayEquals(whole, second.bytes(url).body(), "a gateway that only read the log serves the same");
            assertOnlyTheHoleChanged(original, ImageFiles.read(served.body(), LIMITS));

            // the page's tiles: scaled down, aspect kept; a width out of range is refused by name
            RgbImage tile = ImageFiles.read(first.bytes(url + "?width=384").body(), LIMITS);
            assertEquals(384, tile.width());
            assertEquals(288, tile.height());
            for (String bad : List.of("8", "5000", "wide", "")) {
                HttpResponse<String> refused = first.get(url + "?width=" + bad);
                assertEquals(400, refused.statusCode(), refused.body());
                assertTrue(refused.body().contains("\"invalid_width\"") && refused.body().contains("16..4096"),
                        refused.body());
            }
        }
    }

    @Test
    void eventsWrittenBeforePatchesAreStillServed(Vertx vertx) throws Exception {
        TestSystem system = new TestSystem(vertx);
        ApiClient api = system.gateway().api();
        byte[] whole = TestImages.image(40, 32);
        try (StandInTrainer oldWorker = new StandInTrainer(system.prefix)) {
            long at = StandInTrainer.now();
            oldWorker.send(JobEvent.queued("old", "completion", null, 1, 1, at),
                    JobEvent.sample("old", 0, 0.5, whole, at),
                    JobEvent.sample("old", 1, 0.4, new JobEvent.Patch(0, 0, whole), at));
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (listedSamples(api, "old") < 2 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertArrayEquals(whole, api.bytes("/v1/jobs/old/samples/0.png").body(), "a whole sample is served as it is");
        assertEquals(20, ImageFiles.read(api.bytes("/v1/jobs/old/samples/0.png?width=20").body(), LIMITS).width(),
                "and scaled down on request");
        HttpResponse<String> unknownOriginal = api.get("/v1/jobs/old/samples/1.png");
        assertEquals(404, unknownOriginal.statusCode(), unknownOriginal.body());
        assertTrue(unknownOriginal.body().contains("no original image"), unknownOriginal.body());
    }

    /** The samples the gateway lists for a job so far: 0 before it has read the job's queued event. */
    private static int listedSamples(ApiClient api, String id) throws Exception {
        HttpResponse<String> job = api.get("/v1/jobs/" + id);
        return job.statusCode() == 200 ? new JsonObject(job.body()).getJsonArray("samples").size() : 0;
    }

    private static void assertOnlyTheHoleChanged(RgbImage original, RgbImage sample) {
        for (int y = HOLE.y0() - 2; y < HOLE.y1() + 2; y++) {
            for (int x = HOLE.x0() - 2; x < HOLE.x1() + 2; x++) {
                boolean inHole = x >= HOLE.x0() && x < HOLE.x1() && y >= HOLE.y0() && y < HOLE.y1();
                if (!inHole) {
                    for (int c = 0; c < 3; c++) {
                        assertEquals(original.get(c, y, x), sample.get(c, y, x), "known pixel (" + x + ", " + y + ")");
                    }
                }
            }
        }
        assertNotEquals(original.get(0, HOLE.y0() + 5, HOLE.x0() + 5), sample.get(0, HOLE.y0() + 5, HOLE.x0() + 5));
    }

    /** A 4000x3000 JPEG: a gradient with noise, a few MB like a camera's. */
    private static byte[] photo() throws Exception {
        BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_3BYTE_BGR);
        SplittableRandom random = new SplittableRandom(3);
        int[] row = new int[3 * W];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                row[3 * x] = 255 * x / W;
                row[3 * x + 1] = 255 * y / H;
                row[3 * x + 2] = 60 + random.nextInt(120);
            }
            image.getRaster().setPixels(0, y, W, 1, row);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", out);
        return out.toByteArray();
    }

    private static byte[] mask() {
        boolean[] hole = new boolean[W * H];
        for (int y = HOLE.y0(); y < HOLE.y1(); y++) {
            java.util.Arrays.fill(hole, y * W + HOLE.x0(), y * W + HOLE.x1(), true);
        }
        return MaskFiles.writePng(new HoleMask(W, H, hole));
    }
}
