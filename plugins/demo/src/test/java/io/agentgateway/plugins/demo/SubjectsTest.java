package io.agentgateway.plugins.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SubjectsTest {

    @Test
    void runsOfCapitalisedWordsAreNames() {
        assertEquals(List.of("Tokyo", "New York"), Subjects.of("What is the weather in Tokyo and New York?"));
    }

    @Test
    void theFirstWordOfASentenceAndThePronounIAreNot() {
        assertEquals(List.of("Paris"), Subjects.of("Weather please. Should I go to Paris? I'm unsure."));
        assertEquals(List.of("Oslo"), Subjects.of("Compare Oslo"));
    }

    @Test
    void punctuationEndsARunAndRepeatsAreDropped() {
        assertEquals(List.of("Lyon", "Nice"), Subjects.of("Compare Lyon, Nice and Lyon again"));
    }

    @Test
    void aQuestionWithoutNamesHasNone() {
        assertEquals(List.of(), Subjects.of("weather in tokyo"));
    }
}
