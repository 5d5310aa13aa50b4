package io.agentgateway.plugins.demo;

/** A request the demo model cannot answer, with the field to fix; it reaches the client as a 400. */
final class BadRequest extends RuntimeException {

    private final String param;

    BadRequest(String param, String message) {
        super(message);
        this.param = param;
    }

    String param() {
        return param;
    }
}
