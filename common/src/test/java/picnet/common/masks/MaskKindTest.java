package picnet.common.masks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class MaskKindTest {
    @Test
    void parsesCaseInsensitively() {
        assertEquals(MaskKind.CENTER, MaskKind.parse("center"));
        assertEquals(MaskKind.REGULAR, MaskKind.parse("REGULAR"));
        assertEquals(MaskKind.IRREGULAR, MaskKind.parse(" Irregular "));
    }

    @Test
    void unknownKindListsTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MaskKind.parse("square"));
        assertEquals("unknown mask kind 'square', valid kinds are center, regular, irregular", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MaskKind.parse(null));
    }

    @Test
    void jsonUsesTheLowerCaseId() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertEquals("\"irregular\"", json.writeValueAsString(MaskKind.IRREGULAR));
        assertEquals(MaskKind.CENTER, json.readValue("\"Center\"", MaskKind.class));
    }
}
