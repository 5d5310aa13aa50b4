package io.agentgateway.plugins.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.agentgateway.api.upstream.UpstreamException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChunkStreamReaderTest {

    private static final ObjectReader MAPS = new ObjectMapper().readerFor(new TypeReference<Map<String, Object>>() { });
    private final ChunkStreamReader reader = new ChunkStreamReader(MAPS, new UpstreamFailures("test", MAPS));
    private final List<Map<String, Object>> received = new ArrayList<>();

    private ChunkStreamReader.End read(String sse) throws Exception {
        return reader.read(new ByteArrayInputStream(sse.getBytes(StandardCharsets.UTF_8)), received::add);
    }

    @Test
    void handsOverChunksInOrderAndStopsAtDone() throws Exception {
        String sse = ": keep-alive\n\ndata: {\"n\":1}\n\ndata:{\"n\":2}\r\n\r\ndata: [DONE]\n\ndata: {\"n\":3}\n\n";
        assertEquals(ChunkStreamReader.End.DONE, read(sse));
        assertEquals(List.of(Map.of("n", 1), Map.of("n", 2)), received);
    }

    @Test
    void joinsMultiLineDataAndAcceptsALastEventWithoutBlankLine() throws Exception {
        String sse = "data: {\"choices\":[{\"finish_reason\":null}],\ndata: \"x\":1}\n\n"
                + "data: {\"choices\":[{\"finish_reason\":\"stop\"}]}";
        assertEquals(ChunkStreamReader.End.FINISHED_WITHOUT_DONE, read(sse));
        assertEquals(2, received.size());
        assertEquals(1, received.get(0).get("x"));
    }

    @Test
    void aStreamEndingWithoutFinishOrDoneIsDropped() {
        UpstreamException e = assertThrows(UpstreamException.class,
                () -> read("data: {\"choices\":[{\"finish_reason\":null}]}\n\n"));
        assertEquals(UpstreamException.Kind.DROPPED, e.kind());
        assertEquals(1, received.size());
    }

    @Test
    void anErrorEventIsRejectedWithItsBody() {
        UpstreamException e = assertThrows(UpstreamException.class,
                () -> read("data: {\"error\":{\"message\":\"overloaded\",\"type\":\"api_error\"}}\n\n"));
        assertEquals(UpstreamException.Kind.REJECTED, e.kind());
        assertEquals("overloaded", ((Map<?, ?>) e.errorBody().get("error")).get("message"));
    }

    @Test
    void anErrorEventTypeWithAPlainMessageIsRejectedToo() {
        UpstreamException e = assertThrows(UpstreamException.class,
                () -> read("event: error\ndata: {\"message\":\"boom\"}\n\n"));
        assertEquals(UpstreamException.Kind.REJECTED, e.kind());
        assertEquals("boom", ((Map<?, ?>) e.errorBody().get("error")).get("message"));
    }

    @Test
    void anEventThatIsNotJsonIsAProtocolError() {
        UpstreamException e = assertThrows(UpstreamException.class, () -> read("data: {not json\n\n"));
        assertEquals(UpstreamException.Kind.PROTOCOL, e.kind());
    }

    @Test
    void aSinkThatWantsNoMoreStopsTheReading() throws Exception {
        ChunkStreamReader.End end = reader.read(new ByteArrayInputStream(
                "data: {\"n\":1}\n\ndata: {\"n\":2}\n\n".getBytes(StandardCharsets.UTF_8)), chunk -> {
                    received.add(chunk);
                    return false;
                });
        assertEquals(ChunkStreamReader.End.STOPPED_BY_SINK, end);
        assertEquals(1, received.size());
    }
}
