package io.agentgateway.host.observe;

import io.helidon.metrics.api.Meter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import java.util.List;
import java.util.Map;

/**
 * Removes what a gateway started before in the same JVM left in the meter registry, which is the JVM's: a meter that
 * reads that gateway's objects (a gauge) must be registered anew by the next one, or it goes on reading the old.
 * With one gateway per JVM, as in production, there is never anything to remove.
 */
public final class LeftoverMeters {

    private LeftoverMeters() {
    }

    /**
     * Removes the meters named {@code name} with {@code tags} (and any tag the registry adds, such as a scope) that
     * {@code meters} lists. Only listed meters are removed: Helidon 4.5's removal by name fails with a
     * NullPointerException on a meter that another registry over the same Micrometer registry created.
     */
    public static void remove(MeterRegistry meters, String name, List<Tag> tags) {
        for (Meter meter : meters.meters(meter -> meter.id().name().equals(name) && carries(meter, tags))) {
            meters.remove(meter);
        }
    }

    private static boolean carries(Meter meter, List<Tag> tags) {
        Map<String, String> carried = meter.id().tagsMap();
        for (Tag tag : tags) {
            if (!tag.value().equals(carried.get(tag.key()))) {
                return false;
            }
        }
        return true;
    }
}
