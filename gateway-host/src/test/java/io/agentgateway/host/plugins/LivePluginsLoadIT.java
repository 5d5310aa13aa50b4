package io.agentgateway.host.plugins;

import static io.agentgateway.host.plugins.VersionedJars.answer;
import static io.agentgateway.host.plugins.VersionedJars.ask;
import static io.agentgateway.host.plugins.VersionedJars.drop;
import static io.agentgateway.host.plugins.VersionedJars.versionsIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agentgateway.host.it.RunningGateway;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10's load test: 50 clients for 30 s, half streaming, half through the agent plugin (a tool call and two turns
 * per answer) and half straight to the provider plugin, while that plugin is replaced 20 times, then removed and
 * added back. No request fails, and each answer names one version only (agent, provider and tool alike). Requests
 * sent while the plugin is removed are told it is gone (404 for its agent, 502 for its provider's model); those are
 * counted apart, not as failures. Runs about 40 s, as the issue asks for at least 30 s of load.
 */
class LivePluginsLoadIT {

    static final int CLIENTS = 50;
    static final long LOAD_MILLIS = 30_000;

    @TempDir
    Path dir;

    record Outcome(long started, String model, boolean stream, int status, String answer, String body) {
    }

    @Test
    void fiftyClientsSeeNoFailureWhileThePluginIsReplacedTwentyTimesRemovedAndAddedBack() throws Exception {
        TestPlugins.classes();
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        drop(plugins, "versioned.jar", 1);
        try (RunningGateway gateway = RunningGateway.start(Files.createDirectories(dir.resolve("config")),
                LivePluginsIT.UPSTREAMS, Map.of("GATEWAY_PLUGINS_DIR", plugins.toString()))) {
            ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong removedFrom = new AtomicLong(Long.MAX_VALUE);
            AtomicLong backFrom = new AtomicLong(Long.MAX_VALUE);
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                clients.add(Thread.ofVirtual().start(() -> {
                    for (int i = 0; running.get(); i++) {
                        String model = (client + i) % 2 == 0 ? "live/va" : "v/m";
                        boolean stream = (client / 2 + i) % 2 == 0;
                        long started = System.nanoTime();
                        try {
                            HttpResponse<String> res = ask(gateway, model, "hi", stream);
                            outcomes.add(new Outcome(started, model, stream, res.statusCode(), answer(res, stream),
                                    res.body()));
                        } catch (Exception e) {
                            outcomes.add(new Outcome(started, model, stream, -1, null, e.toString()));
                        }
                    }
                }));
            }
            long begin = System.currentTimeMillis();
            Thread.sleep(1000);
            for (int n = 2; n <= 21; n++) {
                drop(plugins, "versioned.jar", n);
                awaitAnswer(gateway, "provider v" + n);
                Thread.sleep(300);
            }
            removedFrom.set(System.nanoTime());
            Files.delete(plugins.resolve("versioned.jar"));
            Thread.sleep(1500);
            drop(plugins, "versioned.jar", 22);
            awaitAnswer(gateway, "provider v22");
            backFrom.set(System.nanoTime());
            long left = LOAD_MILLIS - (System.currentTimeMillis() - begin);
            Thread.sleep(Math.max(3000, left));
            running.set(false);
            for (Thread client : clients) {
                client.join();
            }

            int ok = 0;
            int whileRemoved = 0;
            int streamed = 0;
            int agent = 0;
            List<String> failures = new ArrayList<>();
            for (Outcome outcome : outcomes) {
                boolean single = outcome.answer() != null && versionsIn(outcome.answer()).size() == 1
                        && (outcome.model().equals("v/m") || outcome.answer().startsWith("agent "));
                if (outcome.status() == 200 && single) {
                    ok++;
                    streamed += outcome.stream() ? 1 : 0;
                    agent += outcome.model().equals("live/va") ? 1 : 0;
                } else if (outcome.started() > removedFrom.get() && outcome.started() < backFrom.get()
                        && (outcome.status() == 404 || outcome.body().contains("no loaded plugin provides")
                                || outcome.body().contains("upstream_unavailable"))) {
                    // Its agent is gone (404), its provider's model has no plugin (502), and routing stops calling
                    // the failing target for a while (503): what a client of a removed plugin should be told.
                    whileRemoved++;
                } else {
                    String when = outcome.started() < removedFrom.get() ? "before removal"
                            : outcome.started() < backFrom.get() ? "while removed" : "after re-adding";
                    failures.add(when + ": " + outcome.model() + (outcome.stream() ? " stream " : " ")
                            + outcome.status() + ": " + (outcome.answer() != null ? outcome.answer()
                            : outcome.body().substring(0, Math.min(200, outcome.body().length()))));
                }
            }
            System.out.printf("load: %d answers in %d s from %d clients (%d streamed, %d through the agent),"
                    + " %d told the plugin was removed, %d failed%n", ok,
                    (System.currentTimeMillis() - begin) / 1000, CLIENTS, streamed, agent, whileRemoved,
                    failures.size());
            assertEquals(List.of(), failures.stream().limit(10).toList(), failures.size() + " failed");
            assertTrue(streamed > 100 && agent > 100, "both paths carried load");
        }
    }

    private static void awaitAnswer(RunningGateway gateway, String expected) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!expected.equals(answer(ask(gateway, "v/m", "hi", false), false))) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("not answering '" + expected + "' within 10 s");
            }
            Thread.sleep(50);
        }
    }
}
