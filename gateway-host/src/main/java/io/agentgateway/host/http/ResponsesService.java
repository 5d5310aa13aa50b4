package io.agentgateway.host.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.type.TypeReference;
import io.agentgateway.host.json.Json;
import io.agentgateway.host.observe.EventLog;
import io.agentgateway.host.openai.GatewayException;
import io.agentgateway.host.openai.Ids;
import io.agentgateway.host.openai.InputItems;
import io.agentgateway.host.openai.RequestBodyParser;
import io.agentgateway.host.openai.ResponseObjects;
import io.agentgateway.host.openai.ResponsesRequest;
import io.agentgateway.host.security.ApiKey;
import io.agentgateway.host.store.ResponseStore;
import io.agentgateway.host.store.StoreException;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Responses API: {@code POST /v1/responses} over every chat model and agent, answered through the chat path
 * (a Responses body is translated to a chat body, the chat answer back to a response), and
 * {@code GET}/{@code DELETE /v1/responses/{id}} for responses kept in the embedded database.
 */
public final class ResponsesService implements HttpService {

    private static final TypeReference<List<Map<String, Object>>> ITEMS = new TypeReference<>() { };

    private final ChatCompletionsService chat;
    private final RequestBodyParser parser;
    private final ResponseStore store;
    private final Clock clock;

    /** @param store where responses are kept; null keeps none (every {@code store: true} is then forgotten) */
    public ResponsesService(ChatCompletionsService chat, long maxBodyBytes, ResponseStore store, Clock clock) {
        this.chat = requireNonNull(chat, "chat is null");
        this.parser = new RequestBodyParser(maxBodyBytes);
        this.store = store;
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/responses", this::create)
                .get("/responses/{id}", this::get)
                .get("/responses/{id}/input_items", this::inputItems)
                .delete("/responses/{id}", this::delete);
    }

    private void create(ServerRequest req, ServerResponse res) {
        ResponsesRequest request = ResponsesRequest.of(parser.readObject(req.content().inputStream(),
                req.headers().contentLength().orElse(-1)));
        String keyId = keyId(req);
        List<Map<String, Object>> history = List.of();
        if (request.previousResponseId() != null) {
            ResponseStore.StoredResponse previous = found(request.previousResponseId(), keyId,
                    "previous_response_id", "Previous response");
            history = readItems(previous.conversationJson());
        }
        Map<String, Object> started = ResponseObjects.started(Ids.responseId(), clock.millis() / 1000, request);
        List<Map<String, Object>> conversation = new ArrayList<>(history);
        conversation.addAll(request.input());
        chat.serve(req, res, request.chatBody(history),
                new ResponseAnswer(started, response -> keep(request, keyId, response, conversation)));
    }

    private void get(ServerRequest req, ServerResponse res) {
        ResponseStore.StoredResponse stored = found(req.path().pathParameters().get("id"), keyId(req), null,
                "Response");
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.send(stored.responseJson());
    }

    /** The items the response was made from: its conversation before its own output, newest first by default. */
    private void inputItems(ServerRequest req, ServerResponse res) {
        ResponseStore.StoredResponse stored = found(req.path().pathParameters().get("id"), keyId(req), null,
                "Response");
        List<Map<String, Object>> items = readItems(stored.conversationJson());
        int outputs = outputCount(stored.responseJson());
        var query = req.query();
        Map<String, Object> page = InputItems.page(items.subList(0, Math.max(0, items.size() - outputs)),
                new InputItems.Query(query.first("limit").orElse(null), query.first("order").orElse(null),
                        query.first("after").orElse(null), query.first("before").orElse(null)));
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.send(Json.writeBytes(page));
    }

    private void delete(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        if (store == null || !store.delete(id, keyId(req))) {
            throw notFound(id, null, "Response");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("object", "response");
        body.put("deleted", true);
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.send(Json.writeBytes(body));
    }

    /** A response another key made is not found, exactly as one that does not exist. */
    private ResponseStore.StoredResponse found(String id, String keyId, String param, String what) {
        if (store == null) {
            throw notFound(id, param, what);
        }
        return store.find(id, keyId).orElseThrow(() -> notFound(id, param, what));
    }

    private static GatewayException notFound(String id, String param, String what) {
        return new GatewayException(404, "invalid_request_error", "not_found", param,
                what + " with id '" + id + "' not found. Responses are kept only when created with 'store' not"
                        + " false, and only for the key that created them.");
    }

    /** Keeps a finished response and its conversation; a failure to keep it is logged, the answer still sent. */
    private void keep(ResponsesRequest request, String keyId, Map<String, Object> response,
            List<Map<String, Object>> conversation) {
        if (store == null || !request.store()) {
            return;
        }
        List<Object> items = new ArrayList<>(InputItems.withIds(conversation));
        if (response.get("output") instanceof List<?> output) {
            items.addAll(output);
        }
        try {
            store.put(new ResponseStore.StoredResponse((String) response.get("id"), keyId, clock.instant(),
                    Json.write(response), Json.write(items)));
        } catch (StoreException e) {
            EventLog.error("responses.store_failed", "response_id", response.get("id"), "error", e.getMessage());
        }
    }

    private static List<Map<String, Object>> readItems(String json) {
        try {
            return Json.MAPPER.readValue(json, ITEMS);
        } catch (java.io.IOException e) {
            throw new StoreException("a stored conversation is not readable: " + e.getMessage(), e);
        }
    }

    private static int outputCount(String responseJson) {
        try {
            return Json.MAPPER.readTree(responseJson).path("output").size();
        } catch (java.io.IOException e) {
            throw new StoreException("a stored response is not readable: " + e.getMessage(), e);
        }
    }

    private static String keyId(ServerRequest req) {
        ApiKey key = RequestScope.of(req).key();
        return key == ApiKey.OPEN ? null : key.id();
    }
}
