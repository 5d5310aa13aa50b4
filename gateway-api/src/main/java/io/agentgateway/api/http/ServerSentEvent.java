package io.agentgateway.api.http;

/**
 * One event of a {@code text/event-stream} body.
 *
 * @param event the {@code event:} field, or null when the event named none
 * @param data the {@code data:} lines, joined by {@code \n}
 */
public record ServerSentEvent(String event, String data) {
}
