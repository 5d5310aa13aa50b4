package io.agentgateway.host.security;

import io.agentgateway.host.observe.Secrets;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;

/**
 * Finds the key a request presents. Presented secrets are hashed and compared with every stored hash in constant
 * time, so neither the comparison nor the position of a match in the list shows in the response time.
 */
public final class ApiKeyStore {

    private static final MessageDigest SHA_256 = sha256Instance();

    private final List<ApiKey> keys;
    private final boolean open;

    /** Keys every request must present one of. */
    public ApiKeyStore(List<ApiKey> keys) {
        this(keys, false);
    }

    /** @param open {@code auth: none}: a request without a (known) key is let in as {@link ApiKey#OPEN} */
    public ApiKeyStore(List<ApiKey> keys, boolean open) {
        this.open = open;
        this.keys = List.copyOf(keys);
        // an upstream or tool that repeats a client's key in an error never shows it to anyone else
        this.keys.forEach(key -> Secrets.registerHash(key.secretSha256()));
    }

    /** @return true when security.yaml says {@code auth: none}: requests need no key, admin routes still do */
    public boolean open() {
        return open;
    }

    /** @return the key whose secret is {@code presented}, expired or not */
    public Optional<ApiKey> find(String presented) {
        byte[] hash = sha256(presented);
        ApiKey match = null;
        for (ApiKey key : keys) {
            if (MessageDigest.isEqual(key.secretSha256(), hash) && match == null) {
                match = key;
            }
        }
        return Optional.ofNullable(match);
    }

    /** @return the key with that id (its public name) */
    public Optional<ApiKey> byId(String id) {
        return keys.stream().filter(key -> key.id().equals(id)).findFirst();
    }

    /** @return the key ids, never the secrets */
    public List<ApiKey> keys() {
        return keys;
    }

    public static byte[] sha256(String text) {
        return newSha256().digest(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Every request hashes its key: cloning a digest is cheaper than looking the algorithm up among providers. */
    private static MessageDigest newSha256() {
        try {
            return (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            return sha256Instance();
        }
    }

    private static MessageDigest sha256Instance() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
