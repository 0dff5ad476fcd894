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
        // Kept before dispatching: the CRUD handler consumes the body.
        byte[] body = request.getBody() == null
                ? new byte[0]
                : request.getBody().getBytes().clone();
        MockResponse response;
        try {
            response = super.dispatch(request);
        } catch (RejectedExecutionException e) {
            response = storedAfterClosedWatch(request, body);
        }
        WebSocketListener listener = response.getWebSocketListener();
        return listener == null ? response : response.withWebSocketUpgrade(new CloseOffLoop(listener, WATCH_CLOSING));
    }

    /**
     * The CRUD mock stores a change, then tells every watch; a watch closing at that moment has shut its executor
     * but is still listed, and its refusal escaped the dispatcher, leaving the request unanswered until the client
     * timed out. The change is stored by then, so it is answered from the store, as the API server would have.
     */
    private MockResponse storedAfterClosedWatch(RecordedRequest request, byte[] body) {
        String path = request.getPath();
        int query = path.indexOf('?');
        String bare = query < 0 ? path : path.substring(0, query);
        if ("DELETE".equals(request.getMethod())) {
            return new MockResponse()
                    .setResponseCode(200)
                    .setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Success\"}");
        }
        if ("POST".equals(request.getMethod())) {
            var created = io.fabric8.kubernetes.client.utils.Serialization.unmarshal(
                    new String(body, java.nio.charset.StandardCharsets.UTF_8),
                    io.fabric8.kubernetes.api.model.GenericKubernetesResource.class);
            MockResponse stored = super.dispatch(
                    ApiFidelity.get(bare + "/" + created.getMetadata().getName()));
            return stored.code() == 200 ? stored.setResponseCode(201) : stored;
        }
        return super.dispatch(ApiFidelity.get(bare));
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
