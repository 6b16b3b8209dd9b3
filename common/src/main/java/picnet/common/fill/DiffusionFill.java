package picnet.common.fill;

import picnet.common.images.RgbImage;
import picnet.common.masks.HoleMask;

/**
 * A classic non-learned fill: each channel of the hole is the harmonic function (solution of Laplace's
 * equation) whose boundary values are the known pixels around the hole, the smoothest fill in the
 * least-squares gradient sense (as in Bertalmio-style diffusion inpainting). Where the hole touches
 * the image border the border is reflecting (zero normal derivative).
 *
 * <p>Solved on the 4-neighbour grid by multigrid-preconditioned conjugate gradients
 * ({@link LaplaceMultigrid}) until an iteration moves no value by more than {@link #TOLERANCE}; a hole
 * longer than {@link CoarseInterior#FULL_RESOLUTION_SIDE} pixels has its interior solved on a coarser
 * grid and only a band along its edge at full resolution ({@link CoarseInterior}). Deterministic;
 * known pixels are returned untouched. A linear ramp across an interior hole is reproduced up to the
 * tolerance.
 */
public final class DiffusionFill {
    /** Values are colours in [0, 1]: this is 1/400 of one 8-bit step. */
    public static final double TOLERANCE = 1e-5;

    private DiffusionFill() {}

    public static RgbImage fill(RgbImage image, HoleMask mask) {
        Fills.checkSizes(image, mask);
        if (mask.holeCount() == mask.hole().length) {
            return MeanColourFill.fill(image, mask);
        }
        float[] out = image.chw().clone();
        fillPlanes(out, mask);
        return new RgbImage(image.width(), image.height(), out);
    }

    /**
     * In place: in each of the mask-sized row-major planes stacked in {@code planes}, the hole pixels
     * become the harmonic interpolation of that plane's known pixels bordering the hole. Nothing else
     * is read or written, whatever the hole pixels held before.
     *
     * @throws IllegalArgumentException when the planes do not match the mask, or the mask has hole
     *                                  pixels but no known pixel to interpolate from
     */
    public static void fillPlanes(float[] planes, HoleMask mask) {
        int plane = mask.width() * mask.height();
        if (planes.length == 0 || planes.length % plane != 0) {
            throw new IllegalArgumentException(planes.length + " values are not whole " + mask.width() + "x"
                    + mask.height() + " planes");
        }
        if (mask.holeBounds() == null) {
            return;
        }
        int count = planes.length / plane;
        int factor = CoarseInterior.factor(mask);
        HoleMask fine = factor == 1 ? mask : CoarseInterior.fillInterior(planes, count, mask, factor, TOLERANCE);
        new LaplaceMultigrid(fine, count).solve(planes, TOLERANCE);
    }
}
