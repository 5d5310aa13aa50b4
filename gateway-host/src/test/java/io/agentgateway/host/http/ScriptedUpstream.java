package io.agentgateway.host.http;

import io.agentgateway.api.upstream.ChatRequest;
import io.agentgateway.api.upstream.ChunkSink;
import io.agentgateway.api.upstream.Upstream;
import io.agentgateway.api.upstream.UpstreamException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** An in-process upstream double: answers with what the test scripted and records what it received. */
final class ScriptedUpstream implements Upstream {

    final List<Map<String, Object>> received = new CopyOnWriteArrayList<>();
    volatile Map<String, Object> completion;
    volatile List<Map<String, Object>> chunks = List.of();
    volatile UpstreamException failure;
    volatile UpstreamException failureAfterChunks;
    volatile RuntimeException bugAfterChunks;
    volatile boolean stoppedBySink;
    volatile long thinkMillis;

    @Override
    public List<String> listModels() {
        return List.of("m1");
    }

    @Override
    public Map<String, Object> complete(ChatRequest request) throws UpstreamException {
        received.add(request.body());
        think();
        if (failure != null) {
            throw failure;
        }
        return completion;
    }

    @Override
    public void stream(ChatRequest request, ChunkSink sink) throws UpstreamException {
        received.add(request.body());
        if (failure != null) {
            throw failure;
        }
        for (Map<String, Object> chunk : new ArrayList<>(chunks)) {
            think();
            if (!sink.accept(chunk)) {
                stoppedBySink = true;
                return;
            }
        }
        if (failureAfterChunks != null) {
            throw failureAfterChunks;
        }
        if (bugAfterChunks != null) {
            throw bugAfterChunks;
        }
    }

    /** Stands for the time a real model server takes to answer. */
    private void think() {
        if (thinkMillis > 0) {
            try {
                Thread.sleep(thinkMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
