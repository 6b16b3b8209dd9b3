package picnet.common.images;

import picnet.common.fill.DiffusionFill;
import picnet.common.masks.Box;
import picnet.common.masks.HoleMask;

/** Putting generated content back into the original image without touching any known pixel. */
public final class Compositing {
    private Compositing() {
    }

    /** Original pixels outside the hole, generated pixels inside it: the seam shows any mismatch. */
    public static RgbImage pasteKnown(RgbImage original, HoleMask mask, RgbImage generated) {
        checkSameSize(original, mask, generated);
        int plane = original.width() * original.height();
        float[] out = original.chw().clone();
        float[] gen = generated.chw();
        boolean[] hole = mask.hole();
        for (int i = 0; i < plane; i++) {
            if (hole[i]) {
                for (int c = 0; c < 3; c++) {
                    out[c * plane + i] = gen[c * plane + i];
                }
            }
        }
        return new RgbImage(original.width(), original.height(), out);
    }

    /**
     * An offset (membrane, gradient-domain) blend: inside the hole, the generated pixels plus a smooth
     * correction, the harmonic interpolation ({@link DiffusionFill}) of the colour offsets measured
     * across the hole's edge: for each known pixel beside the hole, its original value minus the mean
     * generated value of its hole neighbours. At the edge the result meets the original in colour and
     * brightness; inside, the generated texture is kept. Only known pixels of the original and hole
     * pixels of {@code generated} are read: the original's hole content, what is being removed, is
     * never used, nor are generated pixels outside the hole (a completion model returns the known
     * input there, so the step between them and its hole pixels is the very seam to hide). Known
     * pixels are copied, so they stay bit-identical; results are clamped to [0, 1]. A mask without any
     * known pixel leaves nothing to match: the generated image is returned.
     */
    public static RgbImage blendInto(RgbImage original, HoleMask mask, RgbImage generated) {
        checkSameSize(original, mask, generated);
        Box bounds = mask.holeBounds();
        if (bounds == null || mask.holeCount() == mask.hole().length) {
            return pasteKnown(original, mask, generated);
        }
        // the hole's box plus one pixel holds every known pixel that borders the hole
        Box box = bounds.expand(1, original.width(), original.height());
        HoleMask boxMask = mask.crop(box);
        float[] out = original.crop(box).chw();
        float[] gen = generated.crop(box).chw();
        float[] offset = edgeOffsets(out, gen, boxMask);
        DiffusionFill.fillPlanes(offset, boxMask);
        boolean[] hole = boxMask.hole();
        int plane = hole.length;
        for (int i = 0; i < plane; i++) {
            if (hole[i]) {
                for (int c = 0; c < 3; c++) {
                    out[c * plane + i] = Math.max(0f, Math.min(1f, gen[c * plane + i] + offset[c * plane + i]));
                }
            }
        }
        return original.paste(new RgbImage(box.width(), box.height(), out), box.x0(), box.y0());
    }

    /** At each known pixel beside the hole: original minus the mean generated value of its hole neighbours. */
    private static float[] edgeOffsets(float[] original, float[] generated, HoleMask mask) {
        int w = mask.width();
        int h = mask.height();
        int plane = w * h;
        boolean[] hole = mask.hole();
        float[] offset = new float[3 * plane];
        int[] neighbours = new int[4];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = y * w + x;
                if (hole[p]) {
                    continue;
                }
                int n = 0;
                if (x > 0 && hole[p - 1]) {
                    neighbours[n++] = p - 1;
                }
                if (x + 1 < w && hole[p + 1]) {
                    neighbours[n++] = p + 1;
                }
                if (y > 0 && hole[p - w]) {
                    neighbours[n++] = p - w;
                }
                if (y + 1 < h && hole[p + w]) {
                    neighbours[n++] = p + w;
                }
                for (int c = 0; c < 3 && n > 0; c++) {
                    double sum = 0;
                    for (int k = 0; k < n; k++) {
                        sum += generated[c * plane + neighbours[k]];
                    }
                    offset[c * plane + p] = (float) (original[c * plane + p] - sum / n);
                }
            }
        }
        return offset;
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
