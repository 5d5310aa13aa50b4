package io.agentgateway.host.security;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A shell-style pattern, as the config files use them for model ids, plugin ids and tool names: {@code *} matches
 * any run of characters, {@code ?} one character; everything else matches itself.
 */
public record Glob(String pattern, Pattern regex) {

    // Patterns come from config files, so the cache stays small; it keeps regex compilation off request paths.
    private static final Map<String, Glob> COMPILED = new ConcurrentHashMap<>();

    public static Glob of(String pattern) {
        return COMPILED.computeIfAbsent(pattern, Glob::compile);
    }

    public boolean matches(String value) {
        return regex.matcher(value).matches();
    }

    /** @return whether {@code pattern} matches {@code value} */
    public static boolean matches(String pattern, String value) {
        return of(pattern).matches(value);
    }

    /** @return whether any of {@code patterns} matches {@code value} */
    public static boolean anyMatches(List<Glob> patterns, String value) {
        for (Glob glob : patterns) {
            if (glob.matches(value)) {
                return true;
            }
        }
        return false;
    }

    /** @return whether any of {@code patterns} matches {@code value} */
    public static boolean matchesAny(List<String> patterns, String value) {
        for (String pattern : patterns) {
            if (matches(pattern, value)) {
                return true;
            }
        }
        return false;
    }

    /** @return the patterns compiled */
    public static List<Glob> all(List<String> patterns) {
        return patterns.stream().map(Glob::of).toList();
    }

    private static Glob compile(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return new Glob(pattern, Pattern.compile(regex.toString(), Pattern.DOTALL));
    }
}
