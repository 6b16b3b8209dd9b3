package picnet.gateway.api;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import picnet.common.jobs.JobEvent;
import picnet.gateway.jobs.JobState;
import picnet.gateway.jobs.JobStore;

/**
 * WebSocket /v1/jobs/{id}/events[?after=seq]: first every earlier event of the job (after {@code seq}, to
 * resume without duplicates), then the live ones, as JSON text frames; pings keep idle connections alive;
 * the server closes the socket (1000) after the terminal event. History and subscription are set up in
 * one turn of the event loop, so nothing is missed or sent twice.
 */
public final class JobEventsSocket {
    private final Vertx vertx;
    private final JobStore store;
    private final long pingMs;

    public JobEventsSocket(Vertx vertx, JobStore store, long pingMs) {
        this.vertx = vertx;
        this.store = store;
        this.pingMs = pingMs;
    }

    public void mount(Router router) {
        router.get("/v1/jobs/:id/events").handler(this::open);
    }

    private void open(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (store.get(id).isEmpty()) {
            ApiError.notFound("no job with id '" + id + "'").send(ctx.response());
            return;
        }
        long after;
        try {
            after = Long.parseLong(ctx.request().getParam("after", "0"));
        } catch (NumberFormatException e) {
            ApiError.badRequest("invalid_after", "after must be an event seq number").send(ctx.response());
            return;
        }
        String upgrade = ctx.request().getHeader("Upgrade");
        if (upgrade == null || !upgrade.equalsIgnoreCase("websocket")) {
            ApiError.badRequest("websocket_expected", "this endpoint is a WebSocket; connect with an Upgrade request")
                    .send(ctx.response());
            return;
        }
        ctx.request().toWebSocket().onSuccess(ws -> stream(ws, id, after))
                .onFailure(e -> ApiError.badRequest("websocket_expected", e.getMessage()).send(ctx.response()));
    }

    private void stream(ServerWebSocket ws, String id, long after) {
        JobState job = store.get(id).orElse(null);
        if (job == null) {
            ws.close((short) 4404, "no such job");
            return;
        }
        List<JsonObject> history = job.events();
        boolean finished = false;
        for (JsonObject event : history) {
            finished |= isTerminal(event);
            if (event.getLong("seq") > after) {
                ws.writeTextMessage(event.encode());
            }
        }
        if (finished) {
            ws.close((short) 1000, "job finished");
            return;
        }
        Runnable unsubscribe = store.subscribe(id, event -> {
            ws.writeTextMessage(event.encode());
            if (isTerminal(event)) {
                ws.close((short) 1000, "job finished");
            }
        });
        long ping = vertx.setPeriodic(pingMs, t -> ws.writePing(Buffer.buffer("picnet")));
        ws.closeHandler(v -> {
            unsubscribe.run();
            vertx.cancelTimer(ping);
        });
        ws.exceptionHandler(e -> ws.close());
    }

    private static boolean isTerminal(JsonObject event) {
        return JobEvent.TERMINAL.contains(event.getString("type"));
    }
}
