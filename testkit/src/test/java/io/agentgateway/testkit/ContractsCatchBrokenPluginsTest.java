package io.agentgateway.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.agentgateway.api.upstream.ChatRequest;
import io.agentgateway.api.upstream.ChunkSink;
import io.agentgateway.api.upstream.Upstream;
import io.agentgateway.api.upstream.UpstreamProvider;
import io.agentgateway.api.upstream.UpstreamSettings;
import io.agentgateway.api.tool.ToolDefinition;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** The contract suites fail plugins that break the contract, each in the check that names the broken promise. */
class ContractsCatchBrokenPluginsTest {

    @Test
    void aToolThatDescribesItselfBadlyAndIgnoresCancellationFails() {
        assertEquals(Set.of("describesItselfForTheModel()", "itsParametersAreAnObjectSchema()",
                        "theExampleArgumentsFitTheSchema()", "aCancelledCallEnds()", "concurrentCallsEachGetAResult()",
                        "everyExampleGivesAResult()[1]"),
                failedTests(BrokenToolContract.class));
    }

    @Test
    void aWellBehavedToolPasses() {
        assertEquals(Set.of(), failedTests(GoodToolContract.class));
    }

    @Test
    void aProviderThatAnswersWithoutAskingTheServerFailsTheChecksThatNeedTheServer() {
        Set<String> failed = failedTests(CannedProviderContract.class);
        for (String check : List.of("aCompletionComesBackWithItsAnswerAndUsage()",
                "unknownRequestFieldsReachTheServerUntouched()", "aStreamDeliversEveryChunkInOrderAndEndsAtDone()",
                "streamedToolCallDeltasJoinIntoTheCalls()", "aServerThatNeverAnswersTimesOut()",
                "aClosedPortIsUnreachable()", "aStreamThatBreaksOffIsDroppedAfterTheChunksBeforeTheBreak()",
                "aWrongKeyIsRejectedAndNoKeyShowsInTheMessage()", "anAlreadyCancelledRequestIsNotAnswered()")) {
            assertEquals(true, failed.contains(check), check + " should fail; failed: " + failed);
        }
    }

    private static Set<String> failedTests(Class<?> suite) {
        Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(suite)).execute().testEvents();
        Set<String> failed = new TreeSet<>();
        tests.failed().stream().forEach(event -> failed.add(event.getTestDescriptor().getLegacyReportingName()));
        return failed;
    }

    static final class BrokenToolContract extends ToolContract {
        @Override
        protected ToolDefinition tool() {
            return new ToolDefinition("stuck", " ", Map.of("type", "object", "required", List.of("city"),
                    "properties", Map.of("town", Map.of("type", "string"))), (arguments, context) -> {
                        new CountDownLatch(1).await(); // never ends, cancelled or not
                        return "";
                    });
        }

        @Override
        protected List<Map<String, Object>> validArguments() {
            return List.of(Map.of("town", 3));
        }

        @Override
        protected java.time.Duration callTimeout() {
            return java.time.Duration.ofMillis(200);
        }
    }

    static final class GoodToolContract extends ToolContract {
        @Override
        protected ToolDefinition tool() {
            return new ToolDefinition("shout", "Upper-cases a text", Map.of("type", "object",
                    "required", List.of("text"), "properties", Map.of("text", Map.of("type", "string")),
                    "additionalProperties", false),
                    (arguments, context) -> arguments.get("text").toString().toUpperCase());
        }

        @Override
        protected List<Map<String, Object>> validArguments() {
            return List.of(Map.of("text", "hi"));
        }

        @Override
        protected void checkResult(Map<String, Object> arguments, String result) {
            assertEquals("HI", result);
        }
    }

    static final class CannedProviderContract extends UpstreamProviderContract {
        @Override
        protected UpstreamProvider provider() {
            return new UpstreamProvider() {
                public String name() {
                    return "canned";
                }

                public Upstream open(UpstreamSettings settings) {
                    return new Upstream() {
                        public List<String> listModels() {
                            return List.of("mock-model", "tool-calls");
                        }

                        public Map<String, Object> complete(ChatRequest request) {
                            return Map.of("object", "chat.completion", "choices", List.of());
                        }

                        public void stream(ChatRequest request, ChunkSink sink) {
                        }
                    };
                }
            };
        }
    }
}
