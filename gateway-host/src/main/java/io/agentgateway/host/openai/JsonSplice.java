package io.agentgateway.host.openai;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Edits of JSON text in place: a few spans replaced, inserted or removed, the rest copied as it came. This is how an
 * answer passed through as JSON is repaired without being parsed into a tree and written again.
 */
final class JsonSplice {

    /** One edit: {@code [start, end)} replaced by {@code with} (an insertion when start equals end). */
    record Edit(int start, int end, byte[] with) {
    }

    private final List<Edit> edits = new ArrayList<>(4);

    void replace(int start, int end, byte[] with) {
        edits.add(new Edit(start, end, with));
    }

    void insert(int at, byte[] text) {
        edits.add(new Edit(at, at, text));
    }

    void remove(int start, int end) {
        edits.add(new Edit(start, end, new byte[0]));
    }

    /** @return {@code json} with every edit made; {@code json} itself when there are none */
    byte[] apply(byte[] json) {
        if (edits.isEmpty()) {
            return json;
        }
        edits.sort(Comparator.comparingInt(Edit::start));
        int length = json.length;
        for (Edit edit : edits) {
            length += edit.with.length - (edit.end - edit.start);
        }
        byte[] out = new byte[length];
        int from = 0;
        int to = 0;
        for (Edit edit : edits) {
            System.arraycopy(json, from, out, to, edit.start - from);
            to += edit.start - from;
            System.arraycopy(edit.with, 0, out, to, edit.with.length);
            to += edit.with.length;
            from = edit.end;
        }
        System.arraycopy(json, from, out, to, json.length - from);
        return out;
    }

    /**
     * @param next where the token after a value starts (the next key, or the closing bracket)
     * @return where that value ends: back over white space and the comma between them
     */
    static int valueEnd(byte[] json, int next) {
        int i = next - 1;
        while (i > 0 && isSpace(json[i])) {
            i--;
        }
        if (json[i] == ',') {
            i--;
            while (i > 0 && isSpace(json[i])) {
                i--;
            }
        }
        return i + 1;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }
}
