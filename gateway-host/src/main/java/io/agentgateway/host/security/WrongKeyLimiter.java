package io.agentgateway.host.security;

import io.agentgateway.host.observe.EventLog;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Refuses a client address for a while once it has sent too many wrong keys in a row, so that keys cannot be guessed
 * at the gateway's full speed. The key compare itself stays constant-time ({@link ApiKeyStore}); this bounds how
 * many compares one address gets. A right key clears the address's count. Addresses are the peer's as the gateway
 * sees it (never a forwarded header, which a client can write), and an IPv6 address counts by its /64, which one
 * machine usually holds whole. At most {@value #MAX_ADDRESSES} addresses are remembered, the least recent dropped.
 */
public final class WrongKeyLimiter {

    static final int MAX_ADDRESSES = 10_000;

    private final int maxFailures;
    private final Duration lockout;
    private final Clock clock;
    private final Map<String, Failures> byAddress = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
            return size() > MAX_ADDRESSES;
        }
    };

    /**
     * @param maxFailures wrong keys in a row after which an address is refused; 0 never refuses
     * @param lockout how long an address is refused, and how long a wrong key is remembered
     */
    public WrongKeyLimiter(int maxFailures, Duration lockout, Clock clock) {
        this.maxFailures = maxFailures;
        this.lockout = lockout;
        this.clock = clock;
    }

    private record Failures(int count, long lastMillis, long refusedUntilMillis) {
    }

    /** @return the whole seconds {@code client} must wait before its next try, 0 when it may try now */
    public long refusedFor(InetAddress client) {
        if (maxFailures <= 0) {
            return 0;
        }
        long now = clock.millis();
        Failures failures;
        synchronized (byAddress) {
            failures = byAddress.get(bucket(client));
        }
        if (failures == null || failures.refusedUntilMillis <= now) {
            return 0;
        }
        return (failures.refusedUntilMillis - now + 999) / 1000;
    }

    /** Counts a wrong key from {@code client}; the one that reaches the limit starts the refusal. */
    public void failed(InetAddress client) {
        if (maxFailures <= 0) {
            return;
        }
        long now = clock.millis();
        String bucket = bucket(client);
        Failures next;
        synchronized (byAddress) {
            Failures last = byAddress.get(bucket);
            // A refusal starts at the last wrong key and lasts the lockout: once it ends, the row is over too.
            boolean fresh = last == null || now - last.lastMillis >= lockout.toMillis();
            int count = fresh ? 1 : last.count + 1;
            next = new Failures(count, now, count >= maxFailures ? now + lockout.toMillis() : 0);
            byAddress.put(bucket, next);
        }
        if (next.refusedUntilMillis > 0) {
            EventLog.warn("agent.security.decision", "decision", "deny", "client", bucket,
                    "reason", next.count + " wrong API keys in a row; refused for " + lockout.toSeconds() + " s");
        }
    }

    /** A right key from {@code client}: its wrong keys are forgotten. */
    public void succeeded(InetAddress client) {
        if (maxFailures <= 0) {
            return;
        }
        synchronized (byAddress) {
            if (!byAddress.isEmpty()) {
                byAddress.remove(bucket(client));
            }
        }
    }

    /** An IPv4 address, or the /64 an IPv6 address is in. */
    static String bucket(InetAddress client) {
        if (client instanceof Inet6Address) {
            byte[] bytes = client.getAddress();
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
            }
            return prefix.append(":/64").toString();
        }
        return client.getHostAddress();
    }
}
