package io.agentgateway.plugins.texttools;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The text work behind the tools, free of any gateway type so it is easy to test. */
final class TextFunctions {

    private static final Pattern SENTENCE = Pattern.compile("[^.!?]+[.!?]*");

    private TextFunctions() {
    }

    static String summarize(String text, int maxSentences) {
        List<String> sentences = sentences(text);
        if (sentences.size() <= maxSentences) {
            return text.strip();
        }
        return String.join(" ", sentences.subList(0, maxSentences)) + " …";
    }

    static String countJson(String text) {
        String stripped = text.strip();
        int words = stripped.isEmpty() ? 0 : stripped.split("\\s+").length;
        return "{\"words\":" + words + ",\"sentences\":" + sentences(text).size() + ",\"characters\":"
                + text.length() + "}";
    }

    private static List<String> sentences(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = SENTENCE.matcher(text);
        while (m.find()) {
            String sentence = m.group().strip();
            if (!sentence.isEmpty()) {
                out.add(sentence);
            }
        }
        return out;
    }
}
