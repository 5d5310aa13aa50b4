package io.agentgateway.host.openai;

import static java.util.Objects.requireNonNull;

import io.agentgateway.host.json.Json;
import java.util.Map;

/**
 * A chat body as the client sent it and as the gateway read it: the bytes, and the parsed form routing and checks
 * use. An upstream is sent the client's own bytes with only the {@code model} value replaced, so the body is never
 * written again from the parsed form.
 *
 * @param tree the parsed body
 * @param json the client's bytes
 * @param modelStart where the top-level {@code model} value starts in {@code json}, or -1 when there is none (such a
 *     body is refused before any upstream sees it)
 * @param modelEnd where that value ends (exclusive)
 */
public record ChatBody(Map<String, Object> tree, byte[] json, int modelStart, int modelEnd) {

    public ChatBody {
        requireNonNull(tree, "tree is null");
        requireNonNull(json, "json is null");
    }

    /**
     * @return the body for an upstream that calls the model {@code model}: the client's bytes, renamed. They hold
     *     what {@link #tree} holds, as the parser refuses a key sent twice and text after the object.
     */
    public byte[] forModel(String model) {
        if (modelStart < 0) {
            throw new IllegalStateException("the body has no model to replace");
        }
        byte[] name = Json.writeBytes(model);
        byte[] out = new byte[json.length - (modelEnd - modelStart) + name.length];
        System.arraycopy(json, 0, out, 0, modelStart);
        System.arraycopy(name, 0, out, modelStart, name.length);
        System.arraycopy(json, modelEnd, out, modelStart + name.length, json.length - modelEnd);
        return out;
    }

    /** Names the model and the size only: the body holds the client's prompts, which must not reach a log. */
    @Override
    public String toString() {
        return "ChatBody[model=" + tree.get("model") + ", " + json.length + " bytes]";
    }
}
