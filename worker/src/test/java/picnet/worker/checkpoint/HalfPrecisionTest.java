package picnet.worker.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HalfPrecisionTest {
    @Test
    void everyHalfValueSurvivesWideningAndNarrowing() {
        for (int h = 0; h < 0x10000; h++) {
            float f = HalfPrecision.toFloat((short) h);
            boolean nan = (h & 0x7c00) == 0x7c00 && (h & 0x3ff) != 0;
            if (nan) {
                assertTrue(Float.isNaN(f));
                assertTrue(Float.isNaN(HalfPrecision.toFloat(HalfPrecision.fromFloat(f))));
            } else {
                assertEquals(h, HalfPrecision.fromFloat(f) & 0xffff, Integer.toHexString(h));
            }
        }
    }

    @Test
    void knownEncodings() {
        assertEquals(0x3c00, bits(1f));
        assertEquals(0xc000, bits(-2f));
        assertEquals(0x7bff, bits(65504f));
        assertEquals(0x0400, bits(0x1p-14f)); // smallest normal
        assertEquals(0x0001, bits(0x1p-24f)); // smallest subnormal
        assertEquals(0x8000, bits(-0f));
        assertEquals(0x7c00, bits(Float.POSITIVE_INFINITY));
        assertEquals(0x3555, bits(1f / 3)); // 0.333251953125, as numpy.float16(1/3)
        assertEquals(0.333251953125f, HalfPrecision.toFloat((short) 0x3555));
    }

    @Test
    void roundsToNearestTiesToEven() {
        assertEquals(0x3c00, bits(1f + 0x1p-11f));                // tie between 1 and 1+2^-10: even is 1
        assertEquals(0x3c02, bits(1f + 3 * 0x1p-11f));            // tie between 1+2^-10 and 1+2^-9: even is up
        assertEquals(0x3c01, bits(Math.nextUp(1f + 0x1p-11f)));   // just above the tie rounds up
        assertEquals(0x7bff, bits(65519.99f));
        assertEquals(0x7c00, bits(65520f));                       // tie above the largest half: rounds to infinity
        assertEquals(0x0000, bits(0x1p-25f));                     // tie between 0 and 2^-24: even is 0
        assertEquals(0x0001, bits(Math.nextUp(0x1p-25f)));
        assertEquals(0x0002, bits(0x1p-24f * 1.5f * 1f + 0x1p-24f * 0.5f)); // 2 * 2^-24 exactly
        assertEquals(0x0002, bits(0x1p-24f * 2.5f));              // tie between 2 and 3 units: even is 2
        assertEquals(0x0004, bits(0x1p-24f * 3.5f));              // tie between 3 and 4 units: even is 4
        assertEquals(0x0400, bits(0x1p-14f - 0x1p-26f));          // rounds up into the smallest normal
        assertEquals(0x8000, bits(-0x1p-26f));
    }

    @Test
    void nanStaysNanAndBfloat16Widens() {
        assertTrue(Float.isNaN(HalfPrecision.toFloat(HalfPrecision.fromFloat(Float.NaN))));
        assertTrue(Float.isNaN(HalfPrecision.toFloat(HalfPrecision.fromFloat(Float.intBitsToFloat(0x7f800001)))));
        assertEquals(1.5f, HalfPrecision.bfloat16ToFloat((short) 0x3fc0));
        assertEquals(-123.5f, HalfPrecision.bfloat16ToFloat((short) 0xc2f7));
    }

    private static int bits(float f) {
        return HalfPrecision.fromFloat(f) & 0xffff;
    }
}
