package io.agentgateway.plugins.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The demo model's tokens are words: runs of characters other than white space. */
final class Words {

    private static final Pattern WORD = Pattern.compile("\\S+");
    private static final Pattern WORD_AND_SPACE = Pattern.compile("\\s*\\S+\\s*");

    private Words() {
    }

    static int count(String text) {
        int count = 0;
        Matcher matcher = WORD.matcher(text);
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    /** @return {@code text} up to the end of its {@code max}-th word, or all of it when it has no more words */
    static String firstWords(String text, int max) {
        if (max <= 0) {
            return "";
        }
        Matcher matcher = WORD.matcher(text);
        int count = 0;
        while (matcher.find()) {
            if (++count == max) {
                return text.substring(0, matcher.end());
            }
        }
        return text;
    }

    /** @return each word with the white space around it, so that joining the pieces gives {@code text} back */
    static List<String> pieces(String text) {
        List<String> pieces = new ArrayList<>();
        Matcher matcher = WORD_AND_SPACE.matcher(text);
        while (matcher.find()) {
            pieces.add(matcher.group());
        }
        if (pieces.isEmpty() && !text.isEmpty()) {
            pieces.add(text);
        }
        return pieces;
    }
}
