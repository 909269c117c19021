package io.azureoperator.apiserver;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.ServerWebSocket;
import java.nio.charset.StandardCharsets;

/** A watch over a WebSocket (what fabric8 tries first): one text message per event. */
final class WebSocketWatchStream extends WatchStream {
    private final ServerWebSocket socket;
    private final HttpConnection connection;

    WebSocketWatchStream(Context context, ServerWebSocket socket, HttpConnection connection) {
        super(context);
        this.socket = socket;
        this.connection = connection;
        socket.closeHandler(v -> gone());
        socket.exceptionHandler(t -> gone());
        socket.handler(b -> { }); // clients send nothing that matters on a watch
    }

    @Override
    protected void write(Buffer frame) {
        socket.writeTextMessage(frame.toString(StandardCharsets.UTF_8));
    }

    @Override
    protected boolean writeQueueFull() {
        if (socket.isClosed()) { // the client went away; its close handler may not have run yet
            gone();
            return true;
        }
        return socket.writeQueueFull();
    }

    @Override
    protected void whenDrained(Runnable r) {
        socket.drainHandler(v -> r.run());
    }

    @Override
    protected void end() {
        socket.close((short) 1000);
    }

    @Override
    protected void cut() {
        connection.close();
    }
}
