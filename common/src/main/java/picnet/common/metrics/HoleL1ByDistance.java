package picnet.common.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picnet.common.images.RgbImage;
import picnet.common.masks.HoleDistance;
import picnet.common.masks.HoleMask;

/**
 * Hole L1 split by how far a hole pixel lies from the hole's edge: where inside a hole a fill is
 * right or wrong. A harmonic fill is hard to beat next to the edge and poor deep inside; a one-number
 * hole L1 mixes the two in proportions set by the mask's shape.
 *
 * <p>The distance is {@link HoleDistance}'s Euclidean distance to the nearest known pixel, in pixels of
 * the measured image. Band {@code i} holds the distances in ({@link #BAND_LIMITS}{@code [i-1]},
 * {@code BAND_LIMITS[i]}], the first starts above 0 and the last has no upper limit. Sums are kept,
 * not means, so that images pool by pixel count ({@link #sum}).
 *
 * @param absoluteErrors per band, the sum of |result - truth| over the band's pixels and all three
 *     channels, in 0..1 units
 * @param pixels per band, how many hole pixels lie in it
 */
public record HoleL1ByDistance(double[] absoluteErrors, long[] pixels) {
    public static final int[] BAND_LIMITS = {2, 4, 8, 16, 32};
    public static final int BANDS = BAND_LIMITS.length + 1;

    public HoleL1ByDistance {
        if (absoluteErrors.length != BANDS || pixels.length != BANDS) {
            throw new IllegalArgumentException("expected " + BANDS + " bands, got " + absoluteErrors.length + " and " + pixels.length);
        }
        absoluteErrors = absoluteErrors.clone();
        pixels = pixels.clone();
    }

    public static HoleL1ByDistance empty() {
        return new HoleL1ByDistance(new double[BANDS], new long[BANDS]);
    }

    public static HoleL1ByDistance of(RgbImage result, RgbImage truth, HoleMask mask) {
        if (result.width() != truth.width() || result.height() != truth.height()
                || mask.width() != truth.width() || mask.height() != truth.height()) {
            throw new IllegalArgumentException("sizes differ: result " + result.width() + "x" + result.height() + ", truth "
                    + truth.width() + "x" + truth.height() + ", mask " + mask.width() + "x" + mask.height());
        }
        float[] distance = HoleDistance.toKnown(mask, BAND_LIMITS[BAND_LIMITS.length - 1] + 1);
        float[] a = result.chw();
        float[] b = truth.chw();
        int plane = distance.length;
        double[] errors = new double[BANDS];
        long[] pixels = new long[BANDS];
        boolean[] hole = mask.hole();
        for (int p = 0; p < plane; p++) {
            if (!hole[p]) {
                continue;
            }
            int band = band(distance[p]);
            for (int c = 0; c < 3; c++) {
                errors[band] += Math.abs((double) a[c * plane + p] - b[c * plane + p]);
            }
            pixels[band]++;
        }
        return new HoleL1ByDistance(errors, pixels);
    }

    /** The band of a hole pixel at {@code distance} from the nearest known pixel. */
    static int band(double distance) {
        int band = 0;
        while (band < BAND_LIMITS.length && distance > BAND_LIMITS[band]) {
            band++;
        }
        return band;
    }

    /** Pools several images: their sums added band by band. */
    public static HoleL1ByDistance sum(List<HoleL1ByDistance> parts) {
        double[] errors = new double[BANDS];
        long[] pixels = new long[BANDS];
        for (HoleL1ByDistance part : parts) {
            for (int i = 0; i < BANDS; i++) {
                errors[i] += part.absoluteErrors[i];
                pixels[i] += part.pixels[i];
            }
        }
        return new HoleL1ByDistance(errors, pixels);
    }

    /** Per band, mean |result - truth| over its pixels' values in 0..255 units; NaN for a band without pixels. */
    public double[] l1() {
        double[] out = new double[BANDS];
        for (int i = 0; i < BANDS; i++) {
            out[i] = pixels[i] == 0 ? Double.NaN : absoluteErrors[i] / (3.0 * pixels[i]) * PixelMetrics.PEAK;
        }
        return out;
    }

    /** "1-2", "2-4", ... "32-": each band's distances in pixels, its lower limit excluded. */
    public static List<String> bandNames() {
        List<String> names = new ArrayList<>(BANDS);
        int lower = 0;
        for (int limit : BAND_LIMITS) {
            names.add((lower == 0 ? 1 : lower) + "-" + limit);
            lower = limit;
        }
        names.add(lower + "-");
        return names;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HoleL1ByDistance other && Arrays.equals(absoluteErrors, other.absoluteErrors)
                && Arrays.equals(pixels, other.pixels);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(absoluteErrors) + Arrays.hashCode(pixels);
    }

    @Override
    public String toString() {
        return "HoleL1ByDistance" + Arrays.toString(l1()) + " over " + Arrays.toString(pixels) + " pixels";
    }
}
