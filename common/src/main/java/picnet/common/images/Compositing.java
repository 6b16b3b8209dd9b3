package picnet.common.images;

import picnet.common.masks.HoleDistance;
import picnet.common.masks.HoleMask;

/** Putting generated content back into the original image without touching any known pixel. */
public final class Compositing {
    private Compositing() {
    }

    /** Original pixels outside the hole, generated pixels inside it. */
    public static RgbImage pasteKnown(RgbImage original, HoleMask mask, RgbImage generated) {
        return blendInto(original, mask, generated, 0);
    }

    /**
     * Like {@link #pasteKnown} but, inside the hole, within {@code featherPixels} of its edge, the
     * generated pixel is mixed with the original one, its weight growing from the edge inward:
     * {@code min(1, d / (featherPixels + 1))} where d is the distance to the nearest known pixel (1 at
     * the edge). This hides the seam of a low-resolution completion pasted into a large photo. Known
     * pixels are copied, so they stay bit-identical to the original.
     */
    public static RgbImage blendInto(RgbImage original, HoleMask mask, RgbImage generated, int featherPixels) {
        checkSameSize(original, mask, generated);
        if (featherPixels < 0) {
            throw new IllegalArgumentException("featherPixels must be >= 0, got " + featherPixels);
        }
        int plane = original.width() * original.height();
        float[] src = original.chw();
        float[] gen = generated.chw();
        float[] out = src.clone();
        float[] distance = featherPixels == 0 ? null : HoleDistance.toKnown(mask, featherPixels + 1);
        boolean[] hole = mask.hole();
        for (int i = 0; i < plane; i++) {
            if (!hole[i]) {
                continue;
            }
            float weight = distance == null ? 1f : Math.min(1f, distance[i] / (featherPixels + 1));
            for (int c = 0; c < 3; c++) {
                int k = c * plane + i;
                out[k] = weight == 1f ? gen[k] : src[k] + weight * (gen[k] - src[k]);
            }
        }
        return new RgbImage(original.width(), original.height(), out);
    }

    private static void checkSameSize(RgbImage original, HoleMask mask, RgbImage generated) {
        int w = original.width();
        int h = original.height();
        if (mask.width() != w || mask.height() != h || generated.width() != w || generated.height() != h) {
            throw new IllegalArgumentException("sizes differ: original " + w + "x" + h + ", mask " + mask.width() + "x"
                    + mask.height() + ", generated " + generated.width() + "x" + generated.height());
        }
    }
}
