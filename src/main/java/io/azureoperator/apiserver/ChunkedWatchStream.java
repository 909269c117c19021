package io.azureoperator.apiserver;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/** A watch as a chunked HTTP response: one JSON event per line. */
final class ChunkedWatchStream extends WatchStream {
    private static final Buffer NEWLINE = Buffer.buffer("\n");
    private final HttpServerResponse response;

    ChunkedWatchStream(Context context, HttpServerResponse response) {
        super(context);
        this.response = response;
        response.setChunked(true).setStatusCode(200).putHeader("Content-Type", "application/json");
        response.closeHandler(v -> gone());
        response.exceptionHandler(t -> gone());
        response.writeHead();
    }

    @Override
    protected void write(Buffer frame) {
        response.write(frame.copy().appendBuffer(NEWLINE));
    }

    @Override
    protected boolean writeQueueFull() {
        return response.writeQueueFull();
    }

    @Override
    protected void whenDrained(Runnable r) {
        response.drainHandler(v -> r.run());
    }

    @Override
    protected void end() {
        response.end();
    }

    @Override
    protected void cut() {
        response.reset();
    }
}
