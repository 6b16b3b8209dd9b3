package picnet.gateway;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import picnet.common.jobs.JobEvent;

/** A JDK WebSocket client on /v1/jobs/{id}/events that keeps every frame it receives. */
final class EventStream implements AutoCloseable {
    private final List<JsonObject> events = new ArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile boolean closed;
    private volatile int pings;
    private WebSocket socket;

    static EventStream open(HttpClient http, URI uri) throws Exception {
        EventStream stream = new EventStream();
        stream.socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(uri, stream.listener()).get(20, TimeUnit.SECONDS);
        return stream;
    }

    private WebSocket.Listener listener() {
        return new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    synchronized (events) {
                        events.add(new JsonObject(partial.toString()));
                    }
                    partial.setLength(0);
                }
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onPing(WebSocket ws, ByteBuffer message) {
                pings++;
                return WebSocket.Listener.super.onPing(ws, message);
            }

            @Override
            public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                closed = true;
                return null;
            }

            @Override
            public void onError(WebSocket ws, Throwable error) {
                closed = true;
            }
        };
    }

    List<JsonObject> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    boolean isClosed() {
        return closed;
    }

    int pings() {
        return pings;
    }

    List<JsonObject> await(Predicate<List<JsonObject>> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<JsonObject> now = events();
            if (condition.test(now)) {
                return now;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("timed out after " + timeout.toSeconds() + " s; received " + summary(events()));
    }

    /** Waits for the terminal event and the server's close. */
    List<JsonObject> awaitEnd(Duration timeout) throws InterruptedException {
        List<JsonObject> all = await(list -> list.stream().anyMatch(EventStream::isTerminal), timeout);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!closed && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return all;
    }

    static boolean isTerminal(JsonObject e) {
        return JobEvent.TERMINAL.contains(e.getString("type"));
    }

    static Predicate<List<JsonObject>> has(String type, int count) {
        return list -> list.stream().filter(e -> type.equals(e.getString("type"))).count() >= count;
    }

    static List<JsonObject> ofType(List<JsonObject> events, String type) {
        return events.stream().filter(e -> type.equals(e.getString("type"))).toList();
    }

    static List<String> summary(List<JsonObject> events) {
        return events.stream().map(e -> e.getLong("seq") + ":" + e.getString("type")
                + (e.containsKey("index") ? "#" + e.getInteger("index") : "")
                + (e.containsKey("attempt") ? "@" + e.getInteger("attempt") : "")).toList();
    }

    @Override
    public void close() {
        if (socket != null && !closed) {
            socket.abort();
        }
    }
}
