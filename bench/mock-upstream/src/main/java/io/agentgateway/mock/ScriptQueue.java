package io.agentgateway.mock;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Scripted answers per model, handed out first in, first out. */
final class ScriptQueue {

    private final ConcurrentHashMap<String, Queue<Answer>> queues = new ConcurrentHashMap<>();

    void add(String model, List<Answer> answers) {
        queues.computeIfAbsent(model, m -> new ConcurrentLinkedQueue<>()).addAll(answers);
    }

    /** @return the next scripted answer for {@code model}, or null when none is queued */
    Answer poll(String model) {
        Queue<Answer> queue = queues.get(model);
        return queue == null ? null : queue.poll();
    }

    int size(String model) {
        Queue<Answer> queue = queues.get(model);
        return queue == null ? 0 : queue.size();
    }

    void clear() {
        queues.clear();
    }
}
