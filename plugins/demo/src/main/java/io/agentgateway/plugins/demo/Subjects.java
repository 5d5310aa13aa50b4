package io.agentgateway.plugins.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names a question is about, for tool arguments that want a name (a city, a place, a person): every run of
 * capitalised words separated by white space only, in order and without repeats. The first word of a sentence is
 * not taken as a name, nor is the pronoun "I". "What is the weather in Tokyo and New York?" is about {@code Tokyo}
 * and {@code New York}.
 */
final class Subjects {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'’-]*");

    private Subjects() {
    }

    static List<String> of(String question) {
        List<String> subjects = new ArrayList<>();
        Matcher word = WORD.matcher(question);
        int previousEnd = -1;
        StringBuilder run = new StringBuilder();
        while (word.find()) {
            String gap = previousEnd < 0 ? "" : question.substring(previousEnd, word.start());
            boolean beginsSentence = previousEnd < 0 || gap.chars().anyMatch(c -> ".!?".indexOf(c) >= 0);
            boolean name = !beginsSentence && isName(word.group());
            if (!run.isEmpty() && !(name && gap.isBlank())) {
                add(run, subjects);
            }
            if (name) {
                run.append(run.isEmpty() ? "" : " ").append(word.group());
            }
            previousEnd = word.end();
        }
        add(run, subjects);
        return subjects;
    }

    private static void add(StringBuilder run, List<String> subjects) {
        String subject = run.toString();
        if (!subject.isEmpty() && !subjects.contains(subject)) {
            subjects.add(subject);
        }
        run.setLength(0);
    }

    private static boolean isName(String word) {
        return Character.isUpperCase(word.codePointAt(0))
                && !word.equals("I") && !word.startsWith("I'") && !word.startsWith("I’");
    }
}
