package io.agentgateway.host.openai;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The input items of a kept response, as {@code GET /v1/responses/{id}/input_items} lists them: every item of its
 * conversation before its own output (a previous response's items included), each with an id, messages in the item
 * form OpenAI answers with (content as parts), paged by {@code limit}, {@code order}, {@code after} and
 * {@code before}.
 */
public final class InputItems {

    private static final int DEFAULT_LIMIT = 20;
    private static final int MAX_LIMIT = 100;

    private InputItems() {
    }

    /**
     * Gives every item that has none an id, so it can be named when its response's input items are paged. The ids
     * are kept with the conversation; the translation to chat messages ignores them.
     */
    public static List<Map<String, Object>> withIds(List<Map<String, Object>> items) {
        List<Map<String, Object>> out = new ArrayList<>(items.size());
        for (Map<String, Object> item : items) {
            if (item.get("id") instanceof String id && !id.isBlank()) {
                out.add(item);
                continue;
            }
            Map<String, Object> named = new LinkedHashMap<>();
            named.put("id", Ids.outputItemId(prefix(item.get("type"))));
            named.putAll(item);
            out.add(named);
        }
        return out;
    }

    /**
     * @param input the response's input items, oldest first
     * @param query the request's query parameters ({@code limit}, {@code order}, {@code after}, {@code before}),
     *     null for absent
     * @return the list object: {@code data}, {@code first_id}, {@code last_id}, {@code has_more}
     */
    public static Map<String, Object> page(List<Map<String, Object>> input, Query query) {
        int limit = limit(query.limit());
        boolean ascending = switch (query.order() == null ? "desc" : query.order()) {
            case "asc" -> true;
            case "desc" -> false;
            default -> throw GatewayException.badRequest("order", "order must be 'asc' or 'desc', not '"
                    + query.order() + "'.");
        };
        List<Map<String, Object>> ordered = new ArrayList<>(input);
        if (!ascending) {
            ordered = ordered.reversed();
        }
        int from = query.after() == null ? 0 : indexOf(ordered, query.after(), "after") + 1;
        int to = query.before() == null ? ordered.size() : indexOf(ordered, query.before(), "before");
        List<Map<String, Object>> window = from < to ? ordered.subList(from, to) : List.of();
        List<Map<String, Object>> data = window.subList(0, Math.min(limit, window.size())).stream()
                .map(InputItems::shaped).toList();
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("object", "list");
        list.put("data", data);
        list.put("first_id", data.isEmpty() ? null : data.getFirst().get("id"));
        list.put("last_id", data.isEmpty() ? null : data.getLast().get("id"));
        list.put("has_more", window.size() > data.size());
        return list;
    }

    /** The paging parameters as the client sent them; null where absent. */
    public record Query(String limit, String order, String after, String before) {
    }

    private static int limit(String value) {
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw GatewayException.badRequest("limit", "limit must be a whole number from 1 to " + MAX_LIMIT
                + ", not '" + value + "'.");
    }

    private static int indexOf(List<Map<String, Object>> items, String id, String param) {
        for (int i = 0; i < items.size(); i++) {
            if (id.equals(items.get(i).get("id"))) {
                return i;
            }
        }
        throw GatewayException.badRequest(param, "No input item with id '" + id + "' in this response; " + param
                + " takes the id of an item a previous page listed.");
    }

    /** A message as OpenAI lists input items: {@code type} set, text content as one part. */
    private static Map<String, Object> shaped(Map<String, Object> item) {
        Object type = item.get("type");
        if (type != null && !"message".equals(type)) {
            return item;
        }
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("id", item.get("id"));
        message.put("type", "message");
        message.put("role", item.get("role"));
        Object content = item.get("content");
        message.put("content", content instanceof String text
                ? List.of(Map.of("type", "assistant".equals(item.get("role")) ? "output_text" : "input_text",
                        "text", text))
                : content);
        item.forEach(message::putIfAbsent);
        return message;
    }

    private static String prefix(Object type) {
        return switch (type instanceof String t ? t : "message") {
            case "function_call" -> "fc";
            case "function_call_output" -> "fco";
            case "reasoning" -> "rs";
            default -> "msg";
        };
    }
}
