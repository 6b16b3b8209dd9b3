package picnet.common.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import picnet.common.images.RgbImage;
import picnet.common.masks.HoleMask;

/** Hole L1 by distance from the hole's edge, on cases worked out by hand. */
class HoleL1ByDistanceTest {
    static final double NAN = Double.NaN;

    @Test
    void aRowWithKnownEndsSplitsItsHoleByDistance() {
        // known at x = 0 and 11; hole distances 1 2 3 4 5 5 4 3 2 1
        int w = 12;
        boolean[] hole = new boolean[w];
        for (int x = 1; x <= 10; x++) {
            hole[x] = true;
        }
        float[] truth = new float[3 * w];
        java.util.Arrays.fill(truth, 0.5f);
        float[] result = truth.clone();
        float[] bandError = {10, 10, 20, 20, 40, 40, 20, 20, 10, 10};
        for (int x = 1; x <= 10; x++) {
            result[x] += bandError[x - 1] / 255f;
            result[w + x] -= bandError[x - 1] / 255f; // below the truth counts the same
            result[2 * w + x] += bandError[x - 1] / 255f;
        }
        result[0] = 0.9f; // an error at a known pixel is no part of the hole's
        HoleL1ByDistance bands = HoleL1ByDistance.of(new RgbImage(w, 1, result), new RgbImage(w, 1, truth), new HoleMask(w, 1, hole));
        assertArrayEquals(new long[] {4, 4, 2, 0, 0, 0}, bands.pixels());
        assertArrayEquals(new double[] {10, 20, 40, NAN, NAN, NAN}, bands.l1(), 1e-4);
    }

    @Test
    void aLargeSquareHoleReachesTheOpenLastBand() {
        // a 70x70 hole at 5..74 in an 80x80 image: distance min(x - 4, 75 - x, y - 4, 75 - y)
        int size = 80;
        boolean[] hole = new boolean[size * size];
        for (int y = 5; y < 75; y++) {
            for (int x = 5; x < 75; x++) {
                hole[y * size + x] = true;
            }
        }
        RgbImage truth = constant(size, 0.2f);
        HoleL1ByDistance bands = HoleL1ByDistance.of(constant(size, 0.3f), truth, new HoleMask(size, size, hole));
        // up to 2: a ring two pixels wide, 70^2 - 66^2; above 32: the 6x6 centre, distances 33..35
        assertEquals(70 * 70 - 66 * 66, bands.pixels()[0]);
        assertEquals(36, bands.pixels()[5]);
        assertEquals(70 * 70, java.util.Arrays.stream(bands.pixels()).sum());
        for (double l1 : bands.l1()) {
            assertEquals(0.1 * 255, l1, 1e-3);
        }
    }

    @Test
    void imagesPoolByPixelCount() {
        HoleL1ByDistance a = new HoleL1ByDistance(new double[] {4 * 3 * 10 / 255.0, 0, 0, 0, 0, 0}, new long[] {4, 0, 0, 0, 0, 0});
        HoleL1ByDistance b = new HoleL1ByDistance(new double[] {12 * 3 * 30 / 255.0, 0, 0, 0, 0, 1}, new long[] {12, 0, 0, 0, 0, 1});
        HoleL1ByDistance pooled = HoleL1ByDistance.sum(List.of(a, b, HoleL1ByDistance.empty()));
        assertArrayEquals(new long[] {16, 0, 0, 0, 0, 1}, pooled.pixels());
        assertEquals(25.0, pooled.l1()[0], 1e-9);
        assertEquals(255.0 / 3, pooled.l1()[5], 1e-9);
        assertEquals(Double.NaN, pooled.l1()[1]);
    }

    @Test
    void bandsAreNamedByTheirDistances() {
        assertEquals(List.of("1-2", "2-4", "4-8", "8-16", "16-32", "32-"), HoleL1ByDistance.bandNames());
        assertEquals(0, HoleL1ByDistance.band(1));
        assertEquals(0, HoleL1ByDistance.band(2));
        assertEquals(1, HoleL1ByDistance.band(2.2));
        assertEquals(5, HoleL1ByDistance.band(1000));
    }

    @Test
    void refusesMismatchedSizes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HoleL1ByDistance.of(constant(4, 0), constant(5, 0), new HoleMask(4, 4, new boolean[16])));
        assertEquals("sizes differ: result 4x4, truth 5x5, mask 4x4", e.getMessage());
    }

    private static RgbImage constant(int size, float value) {
        float[] v = new float[3 * size * size];
        java.util.Arrays.fill(v, value);
        return new RgbImage(size, size, v);
    }
}
