package io.agentgateway.host.config;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** "Did you mean" for an unknown config key: the allowed key at the smallest edit distance, when it is close. */
final class KeySuggestions {

    private KeySuggestions() {
    }

    /**
     * @return {@code "; did you mean `allow_agents`?"}, or the allowed keys when none is close, or empty when the place
     *     allows no key at all
     */
    static String hint(String unknown, List<String> allowed) {
        if (allowed.isEmpty()) {
            return "";
        }
        String lower = unknown.toLowerCase(Locale.ROOT);
        String closest = allowed.stream()
                .min(Comparator.comparingInt((String key) -> distance(lower, key)).thenComparing(key -> key))
                .orElseThrow();
        int distance = distance(lower, closest);
        // Up to a third of the key's length (at least 2 edits): "toolz" is "tools", "name" is not "namespace".
        if (distance <= Math.max(2, closest.length() / 3)) {
            return "; did you mean `" + closest + "`?";
        }
        return "; known keys here: " + String.join(", ", allowed);
    }

    /** Levenshtein distance: insertions, deletions and substitutions, each counting one. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
