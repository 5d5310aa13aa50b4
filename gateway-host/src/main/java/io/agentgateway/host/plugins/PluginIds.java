package io.agentgateway.host.plugins;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Plugin ids are lower-case ASCII letters, digits, {@code .}, {@code _} and {@code -}: nothing an allow or deny list
 * could miss by case, a trailing space or a look-alike letter from another script.
 */
final class PluginIds {

    private static final Pattern VALID = Pattern.compile("[a-z0-9._-]+");

    private PluginIds() {
    }

    /** @return why {@code id} is not a valid plugin id, or empty when it is */
    static Optional<String> problem(String id) {
        if (VALID.matcher(id).matches()) {
            return Optional.empty();
        }
        return Optional.of("Plugin-Id '" + visible(id) + "' is refused: a plugin id may use only lower-case ASCII"
                + " letters, digits, '.', '_' and '-'" + firstBad(id));
    }

    /**
     * @return {@code id} with every character outside printable ASCII written as {@code \\uXXXX}, so that an id that
     *     only looks like another (a Cyrillic letter, a trailing space) does not look like it in a list
     */
    static String visible(String id) {
        StringBuilder out = new StringBuilder();
        id.chars().forEach(c -> {
            if (c > 0x20 && c < 0x7f) {
                out.append((char) c);
            } else {
                out.append(String.format("\\u%04x", c));
            }
        });
        return out.toString();
    }

    private static String firstBad(String id) {
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!VALID.matcher(String.valueOf(c)).matches()) {
                String hint = c >= 'A' && c <= 'Z' ? " (write it in lower case)"
                        : Character.isWhitespace(c) ? " (remove the space)" : "";
                return "; '" + visible(String.valueOf(c)) + "' at position " + (i + 1) + " is not" + hint;
            }
        }
        return "";
    }
}
