package io.agentgateway.mock;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The request bodies received per model, kept verbatim so that tests can check exactly what reached the server. Only
 * the newest {@value #KEEP} bodies per model are kept, so that long benchmark runs do not grow the heap.
 */
final class RequestLog {

    static final int KEEP = 1000;

    private final ConcurrentHashMap<String, Deque<String>> bodies = new ConcurrentHashMap<>();

    void record(String model, String body) {
        Deque<String> list = bodies.computeIfAbsent(model, m -> new ArrayDeque<>());
        synchronized (list) {
            if (list.size() == KEEP) {
                list.removeFirst();
            }
            list.addLast(body);
        }
    }

    /** @return the bodies received for {@code model} as a JSON array, oldest first */
    String json(String model) {
        Deque<String> list = bodies.get(model);
        if (list == null) {
            return "[]";
        }
        synchronized (list) {
            return "[" + String.join(",", list) + "]";
        }
    }

    void clear() {
        bodies.clear();
    }
}
