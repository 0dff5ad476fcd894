package dev.cloudops.demo;

import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.ByteString;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * The mock server's CRUD-plus-expectations dispatcher, with {@link ApiFidelity} in front of it.
 *
 * <p>The CRUD mock's watch listener waits up to a minute, on the server's only event loop, for its send queue to
 * drain when a watch closes, while a queued send waits for that same event loop: every client that closes a watch
 * mid-send froze the whole server. Watch listeners are therefore wrapped so that closing happens off the loop.
 */
public class FaithfulDispatcher extends KubernetesMixedDispatcher {

    private static final ExecutorService WATCH_CLOSING = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "mock-watch-close");
        thread.setDaemon(true);
        return thread;
    });

    public FaithfulDispatcher(Map<ServerRequest, Queue<ServerResponse>> responses) {
        super(responses);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        MockResponse answered = ApiFidelity.answer(request, path -> super.dispatch(ApiFidelity.get(path)));
        if (answered != null) {
            return answered;
        }
        MockResponse response = super.dispatch(request);
        WebSocketListener listener = response.getWebSocketListener();
        return listener == null ? response : response.withWebSocketUpgrade(new CloseOffLoop(listener, WATCH_CLOSING));
    }

    /** Passes every WebSocket callback on, running {@code onClosed} and {@code onFailure} on another thread. */
    private static final class CloseOffLoop extends WebSocketListener {
        private final WebSocketListener delegate;
        private final ExecutorService executor;

        CloseOffLoop(WebSocketListener delegate, ExecutorService executor) {
            this.delegate = delegate;
            this.executor = executor;
        }

        @Override
        public void onBeforeAccept(WebSocket webSocket, Response response) {
            delegate.onBeforeAccept(webSocket, response);
        }

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            delegate.onOpen(webSocket, response);
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            delegate.onMessage(webSocket, text);
        }

        @Override
        public void onMessage(WebSocket webSocket, ByteString bytes) {
            delegate.onMessage(webSocket, bytes);
        }

        @Override
        public void onMessage(WebSocket webSocket, byte[] bytes) {
            delegate.onMessage(webSocket, bytes);
        }

        @Override
        public void onPing(WebSocket webSocket, byte[] bytes) {
            delegate.onPing(webSocket, bytes);
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            delegate.onClosing(webSocket, code, reason);
        }

        @Override
        public void onClosed(WebSocket webSocket, int code, String reason) {
            run(() -> delegate.onClosed(webSocket, code, reason));
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable failure, Response response) {
            run(() -> delegate.onFailure(webSocket, failure, response));
        }

        private void run(Runnable task) {
            try {
                executor.execute(task);
            } catch (RejectedExecutionException e) {
                // The server is stopping; nothing is left to clean up for.
            }
        }
    }
}
