package io.agentgateway.host.tools;

import java.util.List;
import java.util.regex.Pattern;

/** Shell-style globs for names: {@code *} any run of characters, {@code ?} one character, all else literal. */
final class Globs {

    private Globs() {
    }

    static boolean matchesAny(List<String> patterns, String name) {
        for (String pattern : patterns) {
            if (matches(pattern, name)) {
                return true;
            }
        }
        return false;
    }

    static boolean matches(String pattern, String name) {
        if (pattern.equals("*")) {
            return true;
        }
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return name.matches(regex.toString());
    }
}
