package picnet.common.masks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class HoleMaskTest {
    @Test
    void boundsAreTightWithExclusiveEnds() {
        boolean[] hole = new boolean[10 * 8];
        hole[2 * 10 + 3] = true;
        hole[5 * 10 + 7] = true;
        Box box = new HoleMask(10, 8, hole).holeBounds();
        assertEquals(new Box(3, 2, 8, 6), box);
        assertEquals(5, box.width());
        assertEquals(4, box.height());
    }

    @Test
    void noHoleHasNoBounds() {
        assertNull(new HoleMask(3, 3, new boolean[9]).holeBounds());
    }

    @Test
    void cropTakesTheBoxContent() {
        boolean[] hole = new boolean[4 * 3];
        hole[1 * 4 + 2] = true;
        HoleMask crop = new HoleMask(4, 3, hole).crop(new Box(1, 1, 4, 3));
        assertEquals(3, crop.width());
        assertEquals(2, crop.height());
        assertArrayEquals(new boolean[] {false, true, false, false, false, false}, crop.hole());
        assertThrows(IllegalArgumentException.class, () -> new HoleMask(4, 3, hole).crop(new Box(0, 0, 5, 1)));
    }

    @Test
    void boxExpandIsClippedToTheImage() {
        assertEquals(new Box(0, 3, 12, 9), new Box(2, 5, 10, 7).expand(2, 12, 20));
        assertThrows(IllegalArgumentException.class, () -> new Box(3, 0, 3, 1));
    }
}
