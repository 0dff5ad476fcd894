package dev.cloudops.demo;

import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.Map;
import java.util.Queue;

/** The mock server's CRUD-plus-expectations dispatcher, with {@link ApiFidelity} in front of it. */
public class FaithfulDispatcher extends KubernetesMixedDispatcher {

    public FaithfulDispatcher(Map<ServerRequest, Queue<ServerResponse>> responses) {
        super(responses);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        MockResponse answered = ApiFidelity.answer(request, path -> super.dispatch(ApiFidelity.get(path)));
        return answered != null ? answered : super.dispatch(request);
    }
}
