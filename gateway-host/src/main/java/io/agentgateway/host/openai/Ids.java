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

    /** @return a Responses API response id, {@code resp_...} */
    public static String responseId() {
        return "resp_" + random(40);
    }

    /** @return the id of a response's output item: {@code msg_...} for a message, {@code fc_...} for a call */
    public static String outputItemId(String prefix) {
        return prefix + "_" + random(40);
    }

    /** @return a legacy completions id, {@code cmpl-...} */
    public static String textCompletionId() {
        return "cmpl-" + random(24);
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
