package picnet.worker.checkpoint;

/**
 * IEEE 754 binary16 ("half") and bfloat16 conversions. Java 17 has no {@code Float.floatToFloat16}
 * (added in Java 20), so the conversions are written out here; float to half rounds to nearest, ties
 * to even, exactly like numpy and PyTorch.
 */
public final class HalfPrecision {
    private HalfPrecision() {
    }

    /** Widens half-precision bits (the low 16 bits of {@code half}) to float32; always exact. */
    public static float toFloat(short half) {
        int h = half & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exponent = (h >>> 10) & 0x1f;
        int mantissa = h & 0x3ff;
        if (exponent == 0) {
            // zero or subnormal: mantissa * 2^-24, exact in float32
            float magnitude = mantissa * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        return Float.intBitsToFloat(sign | ((exponent - 15 + 127) << 23) | (mantissa << 13));
    }

    /** Narrows float32 to half precision, round to nearest even; overflow gives infinity, NaN stays NaN. */
    public static short fromFloat(float value) {
        int bits = Float.floatToRawIntBits(value);
        int sign = (bits >>> 16) & 0x8000;
        int abs = bits & 0x7fffffff;
        if (abs >= 0x7f800000) {
            if (abs == 0x7f800000) {
                return (short) (sign | 0x7c00);
            }
            return (short) (sign | 0x7e00 | ((abs >>> 13) & 0x3ff)); // NaN: quiet, keep the top payload bits
        }
        if (abs >= 0x477ff000) {
            return (short) (sign | 0x7c00); // >= 65520, the midpoint above 65504: rounds to infinity
        }
        if (abs >= 0x38800000) {
            // normal half (|value| >= 2^-14): rebias the exponent, round 13 mantissa bits away
            int half = (((abs >>> 23) - 127 + 15) << 10) | ((abs & 0x7fffff) >>> 13);
            return (short) (sign | roundHalfEven(half, abs & 0x1fff, 0x1000));
        }
        if (abs <= 0x33000000) {
            return (short) sign; // |value| <= 2^-25: rounds to (signed) zero, the tie included
        }
        // subnormal half: count in units of 2^-24
        int exponent = abs >>> 23;
        int mantissa = (abs & 0x7fffff) | 0x800000;
        int shift = 126 - exponent; // 14..24
        int half = mantissa >>> shift;
        return (short) (sign | roundHalfEven(half, mantissa & ((1 << shift) - 1), 1 << (shift - 1)));
    }

    /** Rounds a float32 through half precision and back: the value a half-precision file stores. */
    public static float roundToHalf(float value) {
        return toFloat(fromFloat(value));
    }

    /** Widens bfloat16 bits to float32 (bfloat16 is the top half of a float32); exact. */
    public static float bfloat16ToFloat(short bf16) {
        return Float.intBitsToFloat((bf16 & 0xffff) << 16);
    }

    private static int roundHalfEven(int truncated, int remainder, int halfway) {
        if (remainder > halfway || (remainder == halfway && (truncated & 1) != 0)) {
            return truncated + 1; // a carry into the exponent is the correct result
        }
        return truncated;
    }
}
