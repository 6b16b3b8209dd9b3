package picnet.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picnet.common.images.ImageFiles;
import picnet.common.images.ImageLimits;
import picnet.common.images.RgbImage;
import picnet.worker.jobs.KafkaBrokerExtension;
import picnet.worker.jobs.TestCompleters;

/** Submit over HTTP, a worker samples, every event streams back over WebSocket, then GET the job and a PNG. */
@ExtendWith({KafkaBrokerExtension.class, VertxExtension.class})
class EndToEndTest {
    static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void submitStreamAndFetch(Vertx vertx) throws Exception {
        TestSystem system = new TestSystem(vertx);
        system.worker();
        TestSystem.Gateway gateway = system.gateway();
        ApiClient api = gateway.api();
        system.awaitModels(api);

        HttpResponse<String> accepted = api.submit(ApiClient.form(TestImages.image(40, 32), TestImages.squareHole(40, 32))
                .field("samples", 5).field("top", 3).field("seed", 1234));
        String id = ApiClient.acceptedJob(accepted);
        String statusNow = api.json("/v1/jobs/" + id).getString("status");
        assertTrue(statusNow.equals("queued") || statusNow.equals("running"), statusNow);

        try (EventStream stream = api.events(id)) {
            // samples arrive one by one while the job runs, before it ends
            List<JsonObject> early = stream.await(EventStream.has("sample", 1), WAIT);
            assertTrue(early.stream().noneMatch(EventStream::isTerminal), EventStream.summary(early).toString());
            List<JsonObject> events = stream.awaitEnd(WAIT);
            assertTrue(stream.isClosed(), "the server closes the socket after the terminal event");

            List<Long> seqs = events.stream().map(e -> e.getLong("seq")).toList();
            assertEquals(LongRangeList.of(1, events.size()), seqs, "seq numbers are 1..n without gaps");
            assertEquals("queued", events.get(0).getString("type"));
            assertEquals(id, events.get(0).getString("jobId"));
            assertEquals("started", events.get(1).getString("type"));
            assertNull(events.get(0).getString("model"), "the job named no model");
            assertEquals(TestCompleters.DEFAULT_MODEL, events.get(1).getString("model"), "the worker names its default");
            List<JsonObject> samples = EventStream.ofType(events, "sample");
            assertEquals(List.of(0, 1, 2, 3, 4), samples.stream().map(e -> e.getInteger("index")).toList());
            assertTrue(EventStream.ofType(events, "progress").size() >= 1);
            JsonObject last = events.get(events.size() - 1);
            assertEquals("succeeded", last.getString("type"));
            assertEquals(3, last.getJsonArray("samples").size());

            JsonObject job = api.json("/v1/jobs/" + id);
            assertEquals("succeeded", job.getString("status"));
            assertEquals("completion", job.getString("kind"));
            assertEquals(TestCompleters.DEFAULT_MODEL, job.getString("model"));
            assertEquals(5, job.getJsonObject("progress").getInteger("done"));
            assertEquals(5, job.getJsonObject("progress").getInteger("total"));
            assertNull(job.getString("error"));
            JsonArray ranked = job.getJsonArray("samples");
            assertEquals(3, ranked.size());
            List<Double> scores = new ArrayList<>();
            for (int i = 0; i < ranked.size(); i++) {
                scores.add(ranked.getJsonObject(i).getDouble("score"));
            }
            assertEquals(scores.stream().sorted((a, b) -> Double.compare(b, a)).toList(), scores, "ranked by score");
            double bestStreamed = samples.stream().mapToDouble(e -> e.getDouble("score")).max().orElseThrow();
            assertEquals(bestStreamed, scores.get(0));

            String url = ranked.getJsonObject(0).getString("url");
            HttpResponse<byte[]> png = api.bytes(url);
            assertEquals(200, png.statusCode());
            assertEquals("image/png", png.headers().firstValue("Content-Type").orElse(""));
            RgbImage completed = ImageFiles.read(png.body(), ImageLimits.DEFAULT);
            assertEquals(40, completed.width());
            assertEquals(32, completed.height());
            // the known pixels are untouched
            RgbImage input = ImageFiles.read(TestImages.image(40, 32), ImageLimits.DEFAULT);
            assertEquals(input.get(0, 0, 0), completed.get(0, 0, 0));
            assertEquals(input.get(2, 31, 39), completed.get(2, 31, 39));

            // a late client gets the whole history, identical
            try (EventStream late = api.events(id)) {
                List<JsonObject> replay = late.awaitEnd(WAIT);
                assertEquals(events, replay);
            }
            // and a client resuming after seq 3 gets only what follows
            try (EventStream resumed = api.events(id, 3)) {
                List<JsonObject> rest = resumed.awaitEnd(WAIT);
                assertEquals(events.subList(3, events.size()), rest);
            }
        }
        assertEquals(404, api.get("/v1/jobs/" + id + "/samples/99.png").statusCode());
        assertArrayEquals(api.bytes("/v1/jobs/" + id + "/samples/0.png").body(),
                api.bytes("/v1/jobs/" + id + "/samples/0.png").body());
    }

    /** 1..n as a list of longs. */
    static final class LongRangeList {
        static List<Long> of(long from, long to) {
            return IntStream.rangeClosed((int) from, (int) to).mapToObj(i -> (long) i).toList();
        }
    }
}
