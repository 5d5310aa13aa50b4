package io.agentgateway.host.openai;

import java.util.concurrent.ThreadLocalRandom;

/** Ids in OpenAI's shapes, for upstreams that send none. */
public final class Ids {

    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();

    private Ids() {
    }

    public static String completionId() {
        return "chatcmpl-" + random(24);
    }

    public static String toolCallId() {
        return "call_" + random(24);
    }

    public static String requestId() {
        return random(32);
    }

    private static String random(int length) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(out);
    }
}
