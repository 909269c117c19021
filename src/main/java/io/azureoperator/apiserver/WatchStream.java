package io.azureoperator.apiserver;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The wire of one watch. Frames are queued from any thread (the store queues them under its lock, so in
 * resourceVersion order) and written on the connection's own context, honouring its write queue. A client that
 * falls {@link #MAX_PENDING} frames behind is cut off, as a real API server drops a watch that cannot keep up.
 */
abstract class WatchStream {
    static final int MAX_PENDING = 100_000;
    private static final Object END = new Object();

    private final Context context;
    private final ConcurrentLinkedQueue<Object> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile boolean closed;
    private volatile Runnable onClose = () -> { };

    WatchStream(Context context) {
        this.context = context;
    }

    final boolean isClosed() {
        return closed;
    }

    /** Runs once when the stream is gone, whoever closed it. */
    final void onClose(Runnable r) {
        onClose = r;
    }

    final void send(Buffer frame) {
        if (closed) {
            return;
        }
        if (size.incrementAndGet() > MAX_PENDING) {
            abort();
            return;
        }
        pending.add(frame);
        schedule();
    }

    /** Ends the watch cleanly after the frames already queued. */
    final void finish() {
        pending.add(END);
        schedule();
    }

    /** Cuts the connection now, as a network failure or an API server restart would. */
    final void abort() {
        if (closed) {
            return;
        }
        closed = true;
        context.runOnContext(v -> {
            cut();
            gone();
        });
    }

    /** Called by subclasses when the client went away. */
    final void gone() {
        closed = true;
        pending.clear();
        Runnable r = onClose;
        onClose = () -> { };
        r.run();
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            context.runOnContext(v -> flush());
        }
    }

    private void flush() {
        scheduled.set(false);
        Object next;
        while (!closed && !writeQueueFull() && (next = pending.poll()) != null) {
            if (next == END) {
                closed = true;
                end();
                gone();
                return;
            }
            size.decrementAndGet();
            write((Buffer) next);
        }
        if (!closed && !pending.isEmpty()) {
            whenDrained(this::schedule);
        }
    }

    protected abstract void write(Buffer frame);

    protected abstract boolean writeQueueFull();

    protected abstract void whenDrained(Runnable r);

    /** A clean end (close frame, last chunk). */
    protected abstract void end();

    /** An abrupt end (the TCP connection closed). */
    protected abstract void cut();
}
