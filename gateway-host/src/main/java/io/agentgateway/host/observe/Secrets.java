package io.agentgateway.host.observe;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes secrets out of text the gateway did not write itself (an upstream's error body, an HTTP tool's error answer)
 * before it reaches a log, a client or a model.
 *
 * <p>Two things are redacted: every secret the gateway knows (upstream API keys, the gateway's own keys, tool header
 * values), wherever it appears as a word, and whatever follows a credential's name ({@code Authorization: ...},
 * {@code Bearer ...}, {@code "api_key": ...}), known or not. Known secrets are kept as SHA-256 hashes only, so this
 * class holds no secret a heap dump could show, and gateway keys that security.yaml gives as hashes are covered too.
 * The set only grows for the life of the process: a key removed at a refresh stays redacted in answers still on
 * their way.
 */
public final class Secrets {

    /** What a redacted value becomes. */
    public static final String REDACTED = "[redacted]";

    private static final Set<String> KNOWN_HASHES = ConcurrentHashMap.newKeySet();
    /**
     * Words are looked up twice: split at whitespace and quotes (a secret with punctuation in it), then also at what
     * JSON, headers and query strings put around a value. A JSON escape ({@code \n}) ends a word too.
     */
    private static final Pattern COARSE_WORD = words("\\s\"'`,");
    private static final Pattern WORD = words("\\s\"'`,;:=&?{}\\[\\]()<>");
    private static final Pattern CREDENTIAL = Pattern.compile(
            "(?i)((?:proxy-)?authorization|x-api-key|api[-_]?key|x-goog-api-key|cookie|set-cookie|password|secret"
                    + "|access[-_]?token|token)([\"']?\\s*[:=]\\s*[\"']?)((?:bearer|basic)\\s+)?([^\\s\"',;&}\\\\]+)");
    private static final Pattern SCHEME = Pattern.compile("(?i)\\b(bearer|basic)\\s+([A-Za-z0-9._~+/=-]{4,})");
    /** Names of request headers: an upstream that repeats them is echoing our request, not explaining an error. */
    private static final Pattern ECHOED_HEADERS = Pattern.compile(
            "(?i)(?<![\\w.-])(authorization|x-api-key|api-key|user-agent|content-type|content-length|host)[\"']?\\s*[:=]");
    private static final int CLIENT_MESSAGE_CHARS = 300;

    private Secrets() {
    }

    private static Pattern words(String delimiters) {
        return Pattern.compile("(?<=^|[" + delimiters + "]|\\\\[nrtbf\"/\\\\])[^" + delimiters + "\\\\]+");
    }

    /** Makes {@code secret} one that {@link #redact} removes; null and blank are ignored. */
    public static void register(String secret) {
        if (secret != null && !secret.isBlank()) {
            KNOWN_HASHES.add(hex(sha256(secret.getBytes(StandardCharsets.UTF_8))));
        }
    }

    /** Makes the secret whose SHA-256 is {@code sha256} one that {@link #redact} removes. */
    public static void registerHash(byte[] sha256) {
        KNOWN_HASHES.add(hex(sha256));
    }

    /** @return {@code text} with every known secret and every credential's value replaced by {@link #REDACTED} */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String named = CREDENTIAL.matcher(text).replaceAll(m -> Matcher.quoteReplacement(
                m.group(1) + m.group(2) + (m.group(3) == null ? "" : m.group(3)) + REDACTED));
        String schemes = SCHEME.matcher(named).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + " " + REDACTED));
        if (KNOWN_HASHES.isEmpty()) {
            return schemes;
        }
        return withoutKnown(WORD, withoutKnown(COARSE_WORD, schemes));
    }

    private static String withoutKnown(Pattern words, String text) {
        return words.matcher(text).replaceAll(m -> Matcher.quoteReplacement(withoutKnown(m.group())));
    }

    /** A word, or the word before a sentence's full stop, that is a known secret becomes {@link #REDACTED}. */
    private static String withoutKnown(String word) {
        if (known(word)) {
            return REDACTED;
        }
        String bare = word.replaceFirst("[.!]+$", "");
        return bare.length() < word.length() && known(bare) ? REDACTED + word.substring(bare.length()) : word;
    }

    /**
     * What a client may see of a message from outside the gateway: redacted, on one line, at most 300 characters,
     * and nothing at all when it repeats request headers (an upstream echoing the call it received).
     *
     * @return the message to show, or empty when nothing of it may be shown
     */
    public static String forClient(String text) {
        if (text == null || text.isBlank() || ECHOED_HEADERS.matcher(text).find()) {
            return "";
        }
        String line = redact(text).replaceAll("\\s+", " ").strip();
        return line.length() <= CLIENT_MESSAGE_CHARS ? line : line.substring(0, CLIENT_MESSAGE_CHARS) + "...";
    }

    private static boolean known(String word) {
        return KNOWN_HASHES.contains(hex(sha256(word.getBytes(StandardCharsets.UTF_8))));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static String hex(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(bytes);
    }
}
