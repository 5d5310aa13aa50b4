package io.agentgateway.host.security;

import java.util.List;
import java.util.regex.Pattern;

/** A shell-style pattern: {@code *} matches any run of characters, {@code ?} one character; the rest is literal. */
public record Glob(String pattern, Pattern regex) {

    public static Glob of(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return new Glob(pattern, Pattern.compile(regex.toString()));
    }

    public boolean matches(String value) {
        return regex.matcher(value).matches();
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

    /** @return the patterns compiled */
    public static List<Glob> all(List<String> patterns) {
        return patterns.stream().map(Glob::of).toList();
    }
}
