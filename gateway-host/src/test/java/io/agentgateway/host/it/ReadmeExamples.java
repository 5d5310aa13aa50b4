package io.agentgateway.host.it;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The chat requests the README's {@code curl} examples send, in the order the README shows them. */
final class ReadmeExamples {

    /** A {@code curl} command, joined across its {@code \} line continuations. */
    private static final Pattern CURL = Pattern.compile("curl (?:\\\\\\n|[^\\n])*");
    private static final Pattern KEY = Pattern.compile("Authorization: Bearer ([^']+)'");
    private static final Pattern BODY = Pattern.compile("-d '([^']+)'");

    /**
     * @param key the API key the example sends
     * @param body the JSON body it posts
     */
    record ChatExample(String key, String body) {
    }

    private ReadmeExamples() {
    }

    /** @return every {@code curl} example posting to {@code /v1/chat/completions}, first first */
    static List<ChatExample> chats() throws IOException {
        String readme = Files.readString(Repository.root().resolve("README.md"));
        List<ChatExample> examples = new ArrayList<>();
        Matcher curl = CURL.matcher(readme);
        while (curl.find()) {
            String command = curl.group();
            Matcher key = KEY.matcher(command);
            Matcher body = BODY.matcher(command);
            if (command.contains("/v1/chat/completions") && key.find() && body.find()) {
                examples.add(new ChatExample(key.group(1), body.group(1)));
            }
        }
        return examples;
    }
}
