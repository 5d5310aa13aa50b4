package io.agentgateway.testkit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.agentgateway.api.tool.ToolDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * What the gateway relies on from a tool, checked on the tool alone. A tool's test extends it, names the tool and
 * gives arguments a model could send:
 *
 * <pre>{@code
 * class WordCountContractTest extends ToolContract {
 *     protected ToolDefinition tool() { return TextTools.wordCount(); }
 *     protected List<Map<String, Object>> validArguments() { return List.of(Map.of("text", "one two")); }
 * }
 * }</pre>
 *
 * <p>It checks that the tool describes itself well enough for a model (a description, an object schema whose
 * {@code required} names exist), that the example arguments fit that schema, that every example gives a result, that
 * concurrent calls work (the gateway calls tools in parallel on virtual threads), and that a cancelled call ends.
 * {@link #checkResult} adds the tool's own expectations.
 */
public abstract class ToolContract {

    /** @return the tool under test */
    protected abstract ToolDefinition tool();

    /** @return arguments a model could send, each valid under the tool's schema; at least one */
    protected abstract List<Map<String, Object>> validArguments();

    /** Checks the result of a call with {@code arguments}; by default any result passes. */
    protected void checkResult(Map<String, Object> arguments, String result) {
    }

    /** @return how long one call may take; the cancellation check allows this much */
    protected Duration callTimeout() {
        return Duration.ofSeconds(10);
    }

    @Test
    void describesItselfForTheModel() {
        assertFalse(tool().description().isBlank(), "a model picks tools by their description: give one");
    }

    @Test
    void itsParametersAreAnObjectSchema() {
        Map<String, Object> schema = tool().parameters();
        JsonSchemaShape.checkJsonValue(schema, "parameters");
        assertTrue("object".equals(schema.get("type")), "parameters must be {\"type\":\"object\", ...}");
        Object properties = schema.getOrDefault("properties", Map.of());
        assertTrue(properties instanceof Map<?, ?>, "properties must be an object");
        for (String name : JsonSchemaShape.required(schema)) {
            assertTrue(((Map<?, ?>) properties).containsKey(name), "required names '" + name + "', no such property");
        }
    }

    @Test
    void theExampleArgumentsFitTheSchema() {
        assertFalse(validArguments().isEmpty(), "give at least one example of valid arguments");
        for (Map<String, Object> arguments : validArguments()) {
            JsonSchemaShape.checkArguments(tool().parameters(), arguments);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyExampleGivesAResult() {
        return validArguments().stream().map(arguments -> DynamicTest.dynamicTest(arguments.toString(), () -> {
            String result = assertTimeoutPreemptively(callTimeout(),
                    () -> tool().function().call(arguments, FakeToolContext.of()));
            assertNotNull(result, "a tool returns text for the model, never null");
            checkResult(arguments, result);
        }));
    }

    @Test
    void concurrentCallsEachGetAResult() throws Exception {
        List<Future<String>> calls = new ArrayList<>();
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        try {
            for (int round = 0; round < 4; round++) {
                for (Map<String, Object> arguments : validArguments()) {
                    calls.add(threads.submit(() -> tool().function().call(arguments, FakeToolContext.of())));
                }
            }
            for (Future<String> call : calls) {
                assertNotNull(call.get(callTimeout().toMillis(), TimeUnit.MILLISECONDS),
                        "a tool returns text for the model, never null");
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aCancelledCallEnds() {
        Map<String, Object> arguments = validArguments().getFirst();
        FakeToolContext cancelled = FakeToolContext.of().withCancellation(TestCancellation.cancelled());
        assertTimeoutPreemptively(callTimeout(), () -> {
            try {
                tool().function().call(arguments, cancelled);
            } catch (InterruptedException e) {
                fail("a tool must not leak an InterruptedException without restoring the interrupt");
            } catch (Exception e) {
                // Ending with an exception is a proper answer to a cancellation.
            }
        }, "a call whose cancellation has fired must end; honour context.cancellation() in long work");
    }
}
