package io.agentgateway.plugins.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.agentgateway.api.http.ServerSentEvent;
import io.agentgateway.api.http.ServerSentEvents;
import io.agentgateway.api.upstream.UpstreamException;
import io.agentgateway.testkit.FakePluginContext;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChunkStreamReaderTest {

    private final ChunkStreamReader reader = new ChunkStreamReader(new FakePluginContext("openai-compatible").json(),
            new UpstreamFailures("test", new FakePluginContext("openai-compatible").json()));
    private final List<Map<String, Object>> received = new ArrayList<>();

    /** @param events each event's data, or {@code "type|data"} for an event with a type */
    private ChunkStreamReader.End read(String... events) throws Exception {
        return reader.read(events(events), received::add);
    }

    private static ServerSentEvents events(String... events) {
        Deque<ServerSentEvent> left = new ArrayDeque<>();
        for (String event : events) {
            int bar = event.indexOf('|');
            left.add(bar < 0 ? new ServerSentEvent(null, event)
                    : new ServerSentEvent(event.substring(0, bar), event.substring(bar + 1)));
        }
        return left::poll;
    }

    @Test
    void handsOverChunksInOrderAndStopsAtDone() throws Exception {
        assertEquals(ChunkStreamReader.End.DONE, read("{\"n\":1}", "{\"n\":2}", "[DONE]", "{\"n\":3}"));
        assertEquals(List.of(Map.of("n", 1), Map.of("n", 2)), received);
    }

    @Test
    void aStreamThatEndsAfterAFinishReasonWithoutDoneIsFinished() throws Exception {
        assertEquals(ChunkStreamReader.End.FINISHED_WITHOUT_DONE,
                read("{\"choices\":[{\"finish_reason\":null}],\n\"x\":1}", "{\"choices\":[{\"finish_reason\":\"stop\"}]}"));
        assertEquals(2, received.size());
        assertEquals(1, received.get(0).get("x"));
    }

    @Test
    void aStreamEndingWithoutFinishOrDoneIsDropped() {
        UpstreamException e = assertThrows(UpstreamException.class,
                () -> read("{\"choices\":[{\"finish_reason\":null}]}"));
        assertEquals(UpstreamException.Kind.DROPPED, e.kind());
        assertEquals(1, received.size());
    }

    @Test
    void anErrorEventIsRejectedWithItsBody() {
        UpstreamException e = assertThrows(UpstreamException.class,
                () -> read("{\"error\":{\"message\":\"overloaded\",\"type\":\"api_error\"}}"));
        assertEquals(UpstreamException.Kind.REJECTED, e.kind());
        assertEquals("overloaded", ((Map<?, ?>) e.errorBody().get("error")).get("message"));
    }

    @Test
    void anErrorEventTypeWithAPlainMessageIsRejectedToo() {
        UpstreamException e = assertThrows(UpstreamException.class,
                () -> read("error|{\"message\":\"boom\"}"));
        assertEquals(UpstreamException.Kind.REJECTED, e.kind());
        assertEquals(Map.of("message", "boom"), e.errorBody(), "the body as the server sent it");
    }

    @Test
    void anEventThatIsNotJsonIsAProtocolError() {
        UpstreamException e = assertThrows(UpstreamException.class, () -> read("{not json"));
        assertEquals(UpstreamException.Kind.PROTOCOL, e.kind());
    }

    @Test
    void twoChunksInOneEventBothReachTheSinkAndTheSecondsFinishReasonCounts() throws Exception {
        assertEquals(ChunkStreamReader.End.FINISHED_WITHOUT_DONE,
                read("{\"n\":1}{\"n\":2,\"choices\":[{\"finish_reason\":\"stop\"}]}"));
        assertEquals(List.of(1, 2), received.stream().map(chunk -> chunk.get("n")).toList());
    }

    @Test
    void chunksSeparatedByWhitespaceOrLineBreaksInOneEventAreEachHandedOver() throws Exception {
        assertEquals(ChunkStreamReader.End.DONE, read("{\"n\":1} \n\t{\"n\":2}\r\n{\"n\":3}\n", "[DONE]"));
        assertEquals(List.of(Map.of("n", 1), Map.of("n", 2), Map.of("n", 3)), received);
    }

    @Test
    void braceLikeTextInsideAStringDoesNotSplitTheChunk() throws Exception {
        assertEquals(ChunkStreamReader.End.DONE,
                read("{\"text\":\"a}{b \\\"}{\\\\\",\"nested\":{\"x\":[{}]}}", "[DONE]"));
        assertEquals(1, received.size());
        assertEquals("a}{b \"}{\\", received.get(0).get("text"));
    }

    @Test
    void anErrorObjectAfterAChunkInOneEventIsRejected() {
        UpstreamException e = assertThrows(UpstreamException.class,
                () -> read("{\"n\":1}\n{\"error\":{\"message\":\"overloaded\"}}"));
        assertEquals(UpstreamException.Kind.REJECTED, e.kind());
        assertEquals(List.of(Map.of("n", 1)), received);
    }

    @Test
    void textAfterAChunkThatIsNotJsonIsAProtocolError() {
        UpstreamException e = assertThrows(UpstreamException.class,
                () -> read("{\"choices\":[{\"finish_reason\":\"stop\"}]} trailing"));
        assertEquals(UpstreamException.Kind.PROTOCOL, e.kind());
    }

    @Test
    void aSinkThatWantsNoMoreStopsTheReading() throws Exception {
        ChunkStreamReader.End end = reader.read(events("{\"n\":1}", "{\"n\":2}"), chunk -> {
                    received.add(chunk);
                    return false;
                });
        assertEquals(ChunkStreamReader.End.STOPPED_BY_SINK, end);
        assertEquals(1, received.size());
    }
}
