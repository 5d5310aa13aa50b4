package io.agentgateway.host.observe;

/**
 * The request a thread works for, so that every log line it writes, a library's too, names the request. Each request
 * runs on a virtual thread of its own; the HTTP layer sets the id when the request starts and clears it when it ends.
 */
public final class LogContext {

    private static final ThreadLocal<String> REQUEST_ID = new ThreadLocal<>();

    private LogContext() {
    }

    /** Names the request this thread now works for; null clears it. */
    public static void requestId(String requestId) {
        if (requestId == null) {
            REQUEST_ID.remove();
        } else {
            REQUEST_ID.set(requestId);
        }
    }

    /** @return the request this thread works for, or null */
    public static String requestId() {
        return REQUEST_ID.get();
    }
}
