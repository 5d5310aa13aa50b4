package io.agentgateway.plugins.openai;

/**
 * Finds where the first top-level JSON object in a text ends, so that an event holding several objects
 * ({@code {...}{...}}) can be read one object at a time. {@link io.agentgateway.api.JsonCodec} reads exactly one value
 * and says nothing of where it ended, and a plugin has no JSON library of its own: hence this small scanner. It only
 * tracks nesting and strings (quotes and backslash escapes); whether the object is valid JSON is the codec's to judge.
 */
final class JsonObjectEnd {

    private JsonObjectEnd() {
    }

    /**
     * @return the offset just past the closing brace of the object that {@code text} starts with (after whitespace),
     *     or -1 when it does not start with {@code '{'} or the object never closes
     */
    static int of(String text) {
        int start = 0;
        while (start < text.length() && isWhitespace(text.charAt(start))) {
            start++;
        }
        if (start == text.length() || text.charAt(start) != '{') {
            return -1;
        }
        int depth = 0;
        boolean inString = false;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++; // the escaped character, a quote or a backslash included, cannot end the string
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if ((c == '}' || c == ']') && --depth == 0) {
                return i + 1;
            }
        }
        return -1;
    }

    /** JSON's whitespace, as between two objects of one event. */
    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }
}
