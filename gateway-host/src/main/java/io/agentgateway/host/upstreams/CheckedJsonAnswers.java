package io.agentgateway.host.upstreams;

import io.agentgateway.api.upstream.JsonChunkSink;
import io.agentgateway.api.upstream.UpstreamException;
import io.agentgateway.api.upstream.UpstreamException.Kind;
import io.agentgateway.host.json.Json;
import io.agentgateway.host.openai.AnswerFacts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The checks an answer passed through as JSON text gets, made where the upstream that sent it is known and before
 * routing decides whether another target may still answer: text that is not a JSON object is a protocol failure,
 * an {@code {"error": ...}} object after a 200 is the upstream's rejection, and a stream that ends with neither
 * {@code [DONE]} nor a {@code finish_reason} was dropped. Answers a provider handed over as maps were checked by it.
 */
final class CheckedJsonAnswers {

    private final String upstream;

    CheckedJsonAnswers(String upstreamName) {
        this.upstream = "upstream '" + upstreamName + "'";
    }

    /** @return the facts of a whole completion, once it is known to be one */
    AnswerFacts completion(byte[] answer) throws UpstreamException {
        AnswerFacts facts = AnswerFacts.of(answer);
        if (!facts.object()) {
            throw new UpstreamException(Kind.PROTOCOL, upstream + ": the answer is not a JSON object", null);
        }
        if (facts.error()) {
            throw errorAfter200(answer);
        }
        return facts;
    }

    /** @return a sink that checks each event before {@code downstream} sees it; call {@link Stream#end()} after */
    Stream stream(JsonChunkSink downstream) {
        return new Stream(downstream);
    }

    /** One stream's checks and what they found. */
    final class Stream implements JsonChunkSink {
        private final JsonChunkSink downstream;
        private UpstreamException failure;
        private boolean done;
        private boolean finished;
        private boolean stopped;
        private Object usage;
        private String finishReason;

        private Stream(JsonChunkSink downstream) {
            this.downstream = downstream;
        }

        @Override
        public boolean accept(Map<String, Object> chunk) {
            if (chunk.get("usage") instanceof Map<?, ?> reported) {
                usage = reported;
            }
            if (chunk.get("choices") instanceof List<?> choices && !choices.isEmpty()
                    && choices.getFirst() instanceof Map<?, ?> choice && choice.get("finish_reason") != null) {
                finished = true;
                if (choice.get("finish_reason") instanceof String reason) {
                    finishReason = reason;
                }
            }
            stopped = !downstream.accept(chunk);
            return !stopped;
        }

        /**
         * An event's data may hold more than one chunk ({@code data: {...}{...}}, or one object per {@code data:}
         * line of the event): each goes on as an event of its own, so that none is lost.
         */
        @Override
        public boolean acceptJson(String data) {
            String rest = data;
            while (rest != null) {
                if (rest.equals(DONE)) {
                    done = true;
                    return false;
                }
                byte[] json = rest.getBytes(StandardCharsets.UTF_8);
                AnswerFacts facts = AnswerFacts.of(json);
                String chunk = rest;
                rest = null;
                if (facts.next() >= 0) {
                    chunk = new String(json, 0, facts.next(), StandardCharsets.UTF_8).strip();
                    rest = new String(json, facts.next(), json.length - facts.next(), StandardCharsets.UTF_8).strip();
                }
                if (!acceptOne(chunk, facts)) {
                    return false;
                }
            }
            return true;
        }

        private boolean acceptOne(String data, AnswerFacts facts) {
            if (!facts.object()) {
                failure = new UpstreamException(Kind.PROTOCOL, upstream + ": a stream event is not a JSON object",
                        null);
                return false;
            }
            if (facts.error()) {
                failure = errorAfter200(data.getBytes(StandardCharsets.UTF_8));
                return false;
            }
            if (facts.usage() != null) {
                usage = facts.usage();
            }
            if (facts.finished()) {
                finished = true;
                finishReason = facts.finishReason() != null ? facts.finishReason() : finishReason;
            }
            stopped = !downstream.acceptJson(data);
            return !stopped;
        }

        /** @throws UpstreamException what the stream's events showed, or DROPPED for one that broke off */
        void end() throws UpstreamException {
            if (failure != null) {
                throw failure;
            }
            if (!done && !finished && !stopped) {
                throw new UpstreamException(Kind.DROPPED, upstream
                        + ": the stream ended before a finish_reason or [DONE]", null);
            }
        }

        Object usage() {
            return usage;
        }

        String finishReason() {
            return finishReason;
        }
    }

    /** The body is kept as the upstream sent it: the client's error is made of it in one place (OpenAiErrors). */
    private UpstreamException errorAfter200(byte[] json) {
        Map<String, Object> body;
        try {
            body = Json.readObject(json);
        } catch (IOException e) {
            body = Map.of();
        }
        return new UpstreamException(Kind.REJECTED, 0, upstream + " reported an error after answering 200",
                body, null);
    }

    /**
     * The body with {@code stream_options.include_usage} set, as {@code asked} has it: the client's bytes with the
     * option put first when it had no {@code stream_options}, else {@code asked} written.
     */
    static byte[] usageAsked(byte[] body, Map<String, Object> given, Map<String, Object> asked) {
        int open = 0;
        while (open < body.length && body[open] != '{') {
            open++;
        }
        if (given.containsKey("stream_options") || open == body.length) {
            return Json.writeBytes(asked);
        }
        byte[] option = "\"stream_options\":{\"include_usage\":true},".getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[body.length + option.length];
        System.arraycopy(body, 0, out, 0, open + 1);
        System.arraycopy(option, 0, out, open + 1, option.length);
        System.arraycopy(body, open + 1, out, open + 1 + option.length, body.length - open - 1);
        return out;
    }
}
