package io.agentgateway.host.plugins;

import static io.agentgateway.host.plugins.TestPluginJar.plugin;

import io.agentgateway.host.it.RunningGateway;
import io.agentgateway.host.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Jars of {@link TestPlugins#VERSIONED} at chosen versions, dropped into a plugins folder as an operator would. */
final class VersionedJars {

    private static final Pattern VERSION = Pattern.compile("\\bv(\\d+)\\b");

    private VersionedJars() {
    }

    /** Writes version {@code n} beside the folder, then moves it in over {@code file} in one step (as {@code mv}). */
    static Path drop(Path plugins, String file, int n) {
        try {
            Path staging = Files.createTempFile(plugins.getParent(), "staging", ".jar");
            plugin("versioned").manifest("Plugin-Version", "1.0." + n).withService(TestPlugins.VERSIONED)
                    .entry("version.txt", "v" + n).writeJar(staging);
            return Files.move(staging, plugins.resolve(file), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return every version named in {@code text} ({@code v3} → 3) */
    static Set<Integer> versionsIn(String text) {
        Matcher matcher = VERSION.matcher(text);
        java.util.Set<Integer> found = new java.util.TreeSet<>();
        while (matcher.find()) {
            found.add(Integer.parseInt(matcher.group(1)));
        }
        return found;
    }

    /** @return the answer's text: a completion's message, or a stream's deltas joined; null when it carries an error */
    @SuppressWarnings("unchecked")
    static String answer(HttpResponse<String> res, boolean stream) throws IOException {
        if (res.statusCode() != 200) {
            return null;
        }
        if (!stream) {
            Map<String, Object> body = Json.readObject(res.body());
            Map<String, Object> choice = ((List<Map<String, Object>>) body.get("choices")).getFirst();
            return String.valueOf(((Map<String, Object>) choice.get("message")).get("content"));
        }
        StringBuilder text = new StringBuilder();
        boolean done = false;
        for (String line : res.body().lines().toList()) {
            if (!line.startsWith("data:")) {
                continue;
            }
            String data = line.substring(5).trim();
            if (data.equals("[DONE]")) {
                done = true;
                continue;
            }
            Map<String, Object> chunk = Json.readObject(data);
            if (chunk.containsKey("error")) {
                return null;
            }
            for (Map<String, Object> choice : (List<Map<String, Object>>) chunk.get("choices")) {
                Object content = ((Map<String, Object>) choice.getOrDefault("delta", Map.of())).get("content");
                if (content != null) {
                    text.append(content);
                }
            }
        }
        return done ? text.toString().trim() : null;
    }

    /** Asks {@code model} through {@code gateway}. */
    static HttpResponse<String> ask(RunningGateway gateway, String model, String what, boolean stream)
            throws IOException, InterruptedException {
        return gateway.chat(RunningGateway.KEY, "{\"model\":\"" + model + "\",\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + what + "\"}]}");
    }
}
