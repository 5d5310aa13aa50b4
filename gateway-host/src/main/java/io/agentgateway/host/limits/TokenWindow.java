package io.agentgateway.host.limits;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens per minute per key, over a sliding window of reservations. A request reserves its estimate when it starts,
 * if the tokens reserved or used in the last 60 s leave room for it; when it ends its reservation is settled to what
 * it really used. Decided under the key's lock, so concurrent requests never reserve more than the limit together.
 */
final class TokenWindow {

    private static final long WINDOW_MILLIS = 60_000;

    private final Clock clock;
    private final Map<String, KeyWindow> byKey = new ConcurrentHashMap<>();

    TokenWindow(Clock clock) {
        this.clock = clock;
    }

    /** Tokens held in a key's window since {@code at}; settled to the request's real use. */
    static final class Entry {
        private final long at;
        private long tokens;
        private boolean expired;

        private Entry(long at, long tokens) {
            this.at = at;
            this.tokens = tokens;
        }
    }

    /** One key's entries of the last minute, oldest first, and their sum. */
    private static final class KeyWindow {
        private final ArrayDeque<Entry> entries = new ArrayDeque<>();
        private long sum;

        private void prune(long now) {
            while (!entries.isEmpty() && entries.peekFirst().at <= now - WINDOW_MILLIS) {
                Entry gone = entries.pollFirst();
                gone.expired = true;
                sum -= gone.tokens;
            }
        }
    }

    /**
     * @param tokens the reservation; a request larger than the whole limit reserves the limit, so it runs alone in
     *     an empty window rather than never
     * @return the entry to settle, or null when the window has no room (then {@link #retryAfterSeconds} says when)
     */
    Entry reserve(String keyId, long limit, long tokens) {
        KeyWindow window = byKey.computeIfAbsent(keyId, id -> new KeyWindow());
        synchronized (window) {
            long now = clock.millis();
            window.prune(now);
            long wanted = Math.min(tokens, limit);
            if (window.sum + wanted > limit) {
                return null;
            }
            Entry entry = new Entry(now, wanted);
            window.entries.addLast(entry);
            window.sum += wanted;
            return entry;
        }
    }

    /** Replaces a reservation with the tokens really used. */
    void settle(String keyId, Entry entry, long usedTokens) {
        KeyWindow window = byKey.get(keyId);
        if (window == null) {
            return;
        }
        synchronized (window) {
            long used = Math.max(0, usedTokens);
            if (!entry.expired) {
                window.sum += used - entry.tokens;
            }
            entry.tokens = used;
        }
    }

    /** @return whole seconds until {@code tokens} (at most the limit) would fit in the window */
    long retryAfterSeconds(String keyId, long limit, long tokens) {
        KeyWindow window = byKey.get(keyId);
        if (window == null) {
            return 1;
        }
        synchronized (window) {
            long now = clock.millis();
            window.prune(now);
            long excess = window.sum + Math.min(tokens, limit) - limit;
            for (Entry entry : window.entries) {
                excess -= entry.tokens;
                if (excess <= 0) {
                    return Math.max(1, (entry.at + WINDOW_MILLIS - now + 999) / 1000);
                }
            }
            return 60;
        }
    }
}
