package picnet.common.masks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class HoleDistanceTest {
    @Test
    void matchesBruteForceOnRandomMasks() {
        Random random = new Random(11);
        for (int trial = 0; trial < 30; trial++) {
            int w = 5 + random.nextInt(30);
            int h = 5 + random.nextInt(30);
            boolean[] hole = new boolean[w * h];
            double density = random.nextDouble();
            for (int i = 0; i < hole.length; i++) {
                hole[i] = random.nextDouble() < density;
            }
            HoleMask mask = new HoleMask(w, h, hole);
            int cap = 1 + random.nextInt(12);

            float[] distance = HoleDistance.toKnown(mask, cap);

            for (int i = 0; i < hole.length; i++) {
                assertEquals(bruteForce(mask, i % w, i / w, cap), distance[i], 1e-5, "trial " + trial + " pixel " + i);
            }
        }
    }

    private static double bruteForce(HoleMask mask, int x, int y, int cap) {
        if (!mask.isHole(y, x)) {
            return 0;
        }
        double best = cap;
        for (int yy = 0; yy < mask.height(); yy++) {
            for (int xx = 0; xx < mask.width(); xx++) {
                if (!mask.isHole(yy, xx)) {
                    best = Math.min(best, Math.hypot(xx - x, yy - y));
                }
            }
        }
        return best;
    }

    @Test
    void blockCentreIsItsHalfWidthPlusOneFromTheEdge() {
        boolean[] hole = new boolean[9 * 9];
        for (int y = 2; y < 7; y++) {
            for (int x = 2; x < 7; x++) {
                hole[y * 9 + x] = true;
            }
        }
        float[] distance = HoleDistance.toKnown(new HoleMask(9, 9, hole), 100);
        assertEquals(3f, distance[4 * 9 + 4]);
        assertEquals(1f, distance[2 * 9 + 2]);
        assertEquals(0f, distance[0]);
    }

    @Test
    void allHoleIsCappedEverywhereAndNoHoleIsZero() {
        boolean[] all = new boolean[12];
        java.util.Arrays.fill(all, true);
        for (float d : HoleDistance.toKnown(new HoleMask(4, 3, all), 7)) {
            assertEquals(7f, d);
        }
        for (float d : HoleDistance.toKnown(new HoleMask(4, 3, new boolean[12]), 7)) {
            assertEquals(0f, d);
        }
    }
}
