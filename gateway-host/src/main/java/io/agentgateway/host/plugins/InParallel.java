package io.agentgateway.host.plugins;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Runs one piece of work per item, all at once, each on a virtual thread of its own, and gives the results back in
 * the order of the items. Loading a plugin is mostly reading, hashing and copying files and defining classes: a slow
 * or failing plugin then takes its own time, not the others'. What comes after (registering what the plugins
 * contribute) stays in the items' order.
 */
final class InParallel {

    private InParallel() {
    }

    /**
     * @param work must not throw: it turns its own failures into a result
     * @return {@code work}'s result for each item, in the items' order
     */
    static <T, R> List<R> each(List<T> items, Function<T, R> work) {
        if (items.size() < 2) {
            return items.stream().map(work).toList();
        }
        List<BackgroundWork<R>> begun = new ArrayList<>(items.size());
        for (T item : items) {
            begun.add(BackgroundWork.onVirtualThread("plugin-load-" + begun.size(), () -> work.apply(item)));
        }
        List<R> results = new ArrayList<>(items.size());
        for (BackgroundWork<R> one : begun) {
            results.add(one.join());
        }
        return results;
    }
}
