package io.agentgateway.host.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.helidon.http.BadRequestException;
import org.junit.jupiter.api.Test;

class ChunkLinesTest {

    @Test
    void extensionsAndTheWhitespaceBeforeThemAreDropped() {
        assertEquals("3f", ChunkLines.size("3f;foo=bar"));
        assertEquals("3f", ChunkLines.size("3f ;foo=\"a;b\""));
        assertEquals("A", ChunkLines.size("A;x"));
        assertEquals("10", ChunkLines.size("10"));
    }

    @Test
    void leadingZerosDoNotCountTowardsTheSize() {
        assertEquals("3f", ChunkLines.size("000000000000003f"));
        assertEquals("0", ChunkLines.size("0000"));
    }

    @Test
    void aSizeThatIsNotHexIsRefusedSayingSo() {
        BadRequestException e = assertThrows(BadRequestException.class, () -> ChunkLines.size("zz"));
        assertTrue(e.getMessage().contains("'zz' is not a hexadecimal number"), e.getMessage());
        assertThrows(BadRequestException.class, () -> ChunkLines.size(""));
        assertThrows(BadRequestException.class, () -> ChunkLines.size("3f x"));
        assertThrows(BadRequestException.class, () -> ChunkLines.size("-1"));
    }

    @Test
    void aSizeBeyondAnIntIsRefusedNotWrapped() {
        BadRequestException e = assertThrows(BadRequestException.class, () -> ChunkLines.size("ffffffffffffffff"));
        assertTrue(e.getMessage().contains("larger than any body"), e.getMessage());
        assertThrows(BadRequestException.class, () -> ChunkLines.size("80000000"));
        assertEquals("7fffffff", ChunkLines.size("7fffffff"));
    }
}
