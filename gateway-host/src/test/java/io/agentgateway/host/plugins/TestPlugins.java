package io.agentgateway.host.plugins;

import io.agentgateway.api.GatewayPlugin;
import io.agentgateway.api.upstream.ChatRequest;
import io.agentgateway.api.upstream.Upstream;
import io.agentgateway.host.cancel.CancellationSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Tiny plugin classes, compiled once per test run against the real gateway-api, for {@link TestPluginJar} to pack.
 */
final class TestPlugins {

    /** Its upstream provider's name tells which context class loader was set when the plugin was asked. */
    static final String HELLO = "demo.hello.HelloPlugin";
    /** Its constructor throws. */
    static final String BOOM = "demo.boom.BoomPlugin";
    /** Records its creation and closing in system properties, to show what was started and in which order. */
    static final String TATTLE = "demo.tattle.TattlePlugin";
    /**
     * Provider {@code faulty}: its model {@code m} throws the Error the last user message names
     * ({@code stack-overflow}, {@code no-class-def}, {@code linkage}); its stream sends one chunk first. Its agent
     * {@code faulty/boom} throws a NoClassDefFoundError from its instructions.
     */
    static final String FAULTY = "demo.faulty.FaultyPlugin";
    /**
     * One plugin of every kind, which says its version (the jar's {@code version.txt}) in every answer: provider
     * {@code versioned} (model {@code m}; the user message {@code slow} makes a stream take about a second), tool
     * {@code version_of_tool}, and agent {@code live/va} on upstream {@code v}, which calls the tool once and answers
     * {@code agent <v> / provider <v> / tool <v>}.
     */
    static final String VERSIONED = "demo.versioned.VersionedPlugin";
    /**
     * Reaches into the host as issue 11 found a plugin can: loads a host class through the system class loader and,
     * by reflection, reads the private field of its {@code PluginContext} that leads to the live tool registry. Its
     * one provider is named after what it reached.
     */
    static final String SNOOP = "demo.snoop.SnoopPlugin";
    /**
     * Shows which plugins load at the same time: its constructor adds its plugin id to the system property
     * {@code demo.arrived}, then waits (at most 20 s) until the plugin its jar's {@code wait.txt} names has arrived too;
     * when it never does, it fails with "loaded alone". A {@code fail.txt} in its jar makes it fail after the meeting.
     * Its tool is named after its id.
     */
    static final String RENDEZVOUS = "demo.rendezvous.RendezvousPlugin";
    /** Its close() throws, as a plugin does whose connection is already gone. */
    static final String STUBBORN = "demo.stubborn.StubbornPlugin";
    /** A class of a plugin's own that happens to have the name of a host library class. */
    static final String OWN_OBJECT_MAPPER = "com.fasterxml.jackson.databind.ObjectMapper";

    private static final Map<String, String> SOURCES = Map.of(
            HELLO, """
                    package demo.hello;
                    import io.agentgateway.api.*;
                    import io.agentgateway.api.upstream.*;
                    import java.util.List;
                    public class HelloPlugin implements GatewayPlugin {
                        @Override public List<UpstreamProvider> upstreamProviders(PluginContext context) {
                            String name = "hello via " + Thread.currentThread().getContextClassLoader().getName();
                            return List.of(new UpstreamProvider() {
                                public String name() { return name; }
                                public Upstream open(UpstreamSettings settings) { throw new UnsupportedOperationException(); }
                            });
                        }
                    }
                    """,
            BOOM, """
                    package demo.boom;
                    public class BoomPlugin implements io.agentgateway.api.GatewayPlugin {
                        public BoomPlugin() { throw new IllegalStateException("boom: no API key"); }
                    }
                    """,
            TATTLE, """
                    package demo.tattle;
                    public class TattlePlugin implements io.agentgateway.api.GatewayPlugin, AutoCloseable {
                        private final String id = getClass().getClassLoader().getName();
                        public TattlePlugin() { append("demo.started", id); }
                        @Override public void close() { append("demo.closed", id); }
                        private static void append(String key, String id) {
                            System.setProperty(key, System.getProperty(key, "") + id + " ");
                        }
                    }
                    """,
            FAULTY, """
                    package demo.faulty;
                    import io.agentgateway.api.*;
                    import io.agentgateway.api.upstream.*;
                    import java.util.*;
                    public class FaultyPlugin implements GatewayPlugin {
                        @Override public List<io.agentgateway.api.agent.AgentDefinition> agents(PluginContext context) {
                            return List.of(io.agentgateway.api.agent.AgentDefinition.builder("boom").namespace("faulty")
                                    .instructions(ctx -> { throw new NoClassDefFoundError("demo/faulty/Gone"); })
                                    .upstream("f").model("m").build());
                        }
                        @Override public List<UpstreamProvider> upstreamProviders(PluginContext context) {
                            return List.of(new UpstreamProvider() {
                                public String name() { return "faulty"; }
                                public Upstream open(UpstreamSettings settings) { return new Faulty(); }
                            });
                        }
                        static final class Faulty implements Upstream {
                            public List<String> listModels() { return List.of("m"); }
                            public Map<String, Object> complete(ChatRequest request) { throw fault(request); }
                            public void stream(ChatRequest request, ChunkSink sink) {
                                sink.accept(Map.of("choices", List.of(Map.of("index", 0,
                                        "delta", Map.of("content", "so far")))));
                                throw fault(request);
                            }
                            private static Error fault(ChatRequest request) {
                                List<?> messages = (List<?>) request.body().get("messages");
                                Object what = ((Map<?, ?>) messages.get(messages.size() - 1)).get("content");
                                return switch (String.valueOf(what)) {
                                    case "stack-overflow" -> { recurse(0); yield new Error("unreachable"); }
                                    case "no-class-def" -> new NoClassDefFoundError("demo/faulty/Gone");
                                    default -> new LinkageError("loader constraint violation");
                                };
                            }
                            private static int recurse(int depth) { return recurse(depth + 1) + 1; }
                        }
                    }
                    """,
            VERSIONED, """
                    package demo.versioned;
                    import io.agentgateway.api.*;
                    import io.agentgateway.api.agent.*;
                    import io.agentgateway.api.tool.*;
                    import io.agentgateway.api.upstream.*;
                    import java.util.*;
                    public class VersionedPlugin implements GatewayPlugin {
                        static final String VERSION = read();
                        static String read() {
                            try (var in = VersionedPlugin.class.getResourceAsStream("/version.txt")) {
                                return new String(in.readAllBytes()).trim();
                            } catch (Exception e) { throw new IllegalStateException(e); }
                        }
                        @Override public List<UpstreamProvider> upstreamProviders(PluginContext context) {
                            return List.of(new UpstreamProvider() {
                                public String name() { return "versioned"; }
                                public Upstream open(UpstreamSettings settings) { return new Answers(); }
                            });
                        }
                        @Override public List<ToolDefinition> tools(PluginContext context) { return List.of(tool()); }
                        static ToolDefinition tool() {
                            return new ToolDefinition("version_of_tool", "Says its version.",
                                    Map.of("type", "object", "properties", Map.of()), (args, ctx) -> "tool " + VERSION);
                        }
                        @Override public List<AgentDefinition> agents(PluginContext context) {
                            return List.of(AgentDefinition.builder("va").namespace("live")
                                    .instructions(ctx -> "agent " + VERSION).upstream("v").model("m").tool(tool())
                                    .build());
                        }
                        static final class Answers implements Upstream {
                            public List<String> listModels() { return List.of("m"); }
                            public Map<String, Object> complete(ChatRequest request) {
                                pause(20);
                                Map<String, Object> message = answer(request);
                                Map<String, Object> choice = new HashMap<>();
                                choice.put("index", 0);
                                choice.put("message", message);
                                choice.put("finish_reason", message.containsKey("tool_calls") ? "tool_calls" : "stop");
                                return Map.of("id", "c-" + VERSION, "object", "chat.completion", "created", 1,
                                        "model", "m", "choices", List.of(choice));
                            }
                            public void stream(ChatRequest request, ChunkSink sink) {
                                Map<String, Object> message = answer(request);
                                if (message.containsKey("tool_calls")) {
                                    @SuppressWarnings("unchecked")
                                    Map<String, Object> call = (Map<String, Object>) ((List<?>) message.get("tool_calls")).get(0);
                                    Map<String, Object> delta = new HashMap<>(call);
                                    delta.put("index", 0);
                                    sink.accept(chunk(Map.of("role", "assistant", "tool_calls", List.of(delta)), null));
                                    sink.accept(chunk(Map.of(), "tool_calls"));
                                    return;
                                }
                                long pause = last(request).equals("slow") ? 200 : 10;
                                String[] words = String.valueOf(message.get("content")).split(" ");
                                for (String word : words) {
                                    pause(pause);
                                    if (!sink.accept(chunk(Map.of("content", word + " "), null))) { return; }
                                }
                                sink.accept(chunk(Map.of(), "stop"));
                            }
                            private static Map<String, Object> chunk(Map<String, Object> delta, String finish) {
                                Map<String, Object> choice = new HashMap<>();
                                choice.put("index", 0);
                                choice.put("delta", delta);
                                choice.put("finish_reason", finish);
                                return Map.of("id", "c-" + VERSION, "object", "chat.completion.chunk", "created", 1,
                                        "model", "m", "choices", List.of(choice));
                            }
                            private static String last(ChatRequest request) {
                                List<?> messages = (List<?>) request.body().get("messages");
                                Object content = ((Map<?, ?>) messages.get(messages.size() - 1)).get("content");
                                return String.valueOf(content);
                            }
                            private static Map<String, Object> answer(ChatRequest request) {
                                String system = null;
                                String tool = null;
                                for (Object m : (List<?>) request.body().get("messages")) {
                                    Map<?, ?> message = (Map<?, ?>) m;
                                    if ("system".equals(message.get("role"))) { system = String.valueOf(message.get("content")); }
                                    if ("tool".equals(message.get("role"))) { tool = String.valueOf(message.get("content")); }
                                }
                                Map<String, Object> out = new HashMap<>();
                                out.put("role", "assistant");
                                if (system != null && tool == null) {
                                    out.put("content", null);
                                    out.put("tool_calls", List.of(Map.of("id", "call_1", "type", "function",
                                            "function", Map.of("name", "version_of_tool", "arguments", "{}"))));
                                    return out;
                                }
                                out.put("content", (system == null ? "" : system + " / ") + "provider " + VERSION
                                        + (tool == null ? "" : " / " + tool));
                                return out;
                            }
                            private static void pause(long millis) {
                                try { Thread.sleep(millis); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
                            }
                        }
                    }
                    """,
            SNOOP, """
                    package demo.snoop;
                    import io.agentgateway.api.*;
                    import io.agentgateway.api.upstream.*;
                    import java.lang.reflect.Field;
                    import java.util.List;
                    public class SnoopPlugin implements GatewayPlugin {
                        @Override public List<UpstreamProvider> upstreamProviders(PluginContext context) {
                            String found;
                            try {
                                Class<?> manager = ClassLoader.getSystemClassLoader()
                                        .loadClass("io.agentgateway.host.tools.ToolManager");
                                Field field = context.getClass().getDeclaredField("gatewayTools");
                                field.setAccessible(true);
                                Object lookup = field.get(context);
                                Object reached = null;
                                for (Field captured : lookup.getClass().getDeclaredFields()) {
                                    captured.setAccessible(true);
                                    Object value = captured.get(lookup);
                                    if (manager.isInstance(value)) { reached = value; }
                                }
                                found = reached == null ? "loaded " + manager.getName()
                                        : "reached the live " + reached.getClass().getName();
                            } catch (Throwable e) {
                                found = "refused: " + e;
                            }
                            String name = found;
                            return List.of(new UpstreamProvider() {
                                public String name() { return name; }
                                public Upstream open(UpstreamSettings settings) { throw new UnsupportedOperationException(); }
                            });
                        }
                    }
                    """,
            RENDEZVOUS, """
                    package demo.rendezvous;
                    import io.agentgateway.api.*;
                    import io.agentgateway.api.tool.*;
                    import java.util.*;
                    public class RendezvousPlugin implements GatewayPlugin {
                        private final String id = getClass().getClassLoader().getName();
                        public RendezvousPlugin() throws Exception {
                            synchronized (System.getProperties()) {
                                System.setProperty("demo.arrived", System.getProperty("demo.arrived", "") + id + " ");
                            }
                            String other = read("/wait.txt");
                            long deadline = System.nanoTime() + 20_000_000_000L;
                            while (other != null && !System.getProperty("demo.arrived", "").contains(other + " ")) {
                                if (System.nanoTime() > deadline) { throw new IllegalStateException("loaded alone"); }
                                Thread.sleep(5);
                            }
                            if (read("/fail.txt") != null) { throw new IllegalStateException("fails on purpose"); }
                        }
                        private static String read(String name) throws Exception {
                            try (var in = RendezvousPlugin.class.getResourceAsStream(name)) {
                                return in == null ? null : new String(in.readAllBytes()).trim();
                            }
                        }
                        @Override public List<ToolDefinition> tools(PluginContext context) {
                            return List.of(new ToolDefinition("tool_of_" + id, "Names its plugin.",
                                    Map.of("type", "object", "properties", Map.of()), (args, ctx) -> id));
                        }
                    }
                    """,
            STUBBORN, """
                    package demo.stubborn;
                    public class StubbornPlugin implements io.agentgateway.api.GatewayPlugin, AutoCloseable {
                        @Override public void close() { throw new IllegalStateException("still connected"); }
                    }
                    """,
            OWN_OBJECT_MAPPER, """
                    package com.fasterxml.jackson.databind;
                    public class ObjectMapper { }
                    """);

    private static Path classes;

    private TestPlugins() {
    }

    /** @return a folder holding the compiled classes, each under its package path */
    static synchronized Path classes() {
        if (classes == null) {
            classes = compile();
        }
        return classes;
    }

    private static Path compile() {
        try {
            Path root = Files.createTempDirectory("test-plugins");
            Path src = Files.createDirectories(root.resolve("src"));
            Path out = Files.createDirectories(root.resolve("classes"));
            List<String> args = new ArrayList<>(List.of("-d", out.toString(), "-classpath", apiLocation(),
                    "-proc:none", "--release", "21"));
            for (var source : SOURCES.entrySet()) {
                Path file = src.resolve(source.getKey().replace('.', '/') + ".java");
                Files.createDirectories(file.getParent());
                Files.writeString(file, source.getValue());
                args.add(file.toString());
            }
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            if (javac.run(null, null, null, args.toArray(String[]::new)) != 0) {
                throw new IllegalStateException("test plugin sources do not compile");
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String apiLocation() {
        try {
            return Path.of(GatewayPlugin.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return what a provider's model {@code m} answers to "hi", without the gateway around it */
    @SuppressWarnings("unchecked")
    static String answer(Upstream upstream) throws Exception {
        Map<String, Object> completion = upstream.complete(new ChatRequest(Map.of("model", "m", "messages",
                List.of(Map.of("role", "user", "content", "hi"))), "r", new CancellationSource()));
        Map<String, Object> choice = ((List<Map<String, Object>>) completion.get("choices")).getFirst();
        return String.valueOf(((Map<String, Object>) choice.get("message")).get("content"));
    }
}
