package io.agentgateway.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void readsAndWritesNestedValuesWithEscapes() {
        String text = "{\"a\":[1,2.5,true,null],\"s\":\"q\\\"\\n\\u00e9\",\"o\":{}}";
        Object value = Json.parse(text);
        assertEquals(Map.of("a", java.util.Arrays.asList(1L, 2.5, true, null), "s", "q\"\n\u00e9", "o", Map.of()),
                value);
        assertEquals("{\"a\":[1,2.5,true,null],\"s\":\"q\\\"\\n\u00e9\",\"o\":{}}", Json.write(value));
        assertEquals(List.of(), Json.parse(" [ ] "));
    }

    @Test
    void rejectsBrokenJson() {
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"model\":"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{} x"));
    }
}
