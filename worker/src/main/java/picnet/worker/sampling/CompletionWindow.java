package picnet.worker.sampling;

import picnet.common.images.Compositing;
import picnet.common.images.ImageResize;
import picnet.common.images.RgbImage;
import picnet.common.masks.Box;
import picnet.common.masks.HoleMask;

/**
 * The part of a photo that the model sees, and how its completion goes back into the photo.
 *
 * <p>{@code window} is the whole image for {@link SizeStrategy#RESIZE}, or for {@link SizeStrategy#CROP} a
 * square around the hole's bounding box: side {@code max(2 * the box's longer side, modelSize)}, at most
 * the image's shorter side, centred on the box and shifted to stay inside the image. A crop is refused
 * (resize instead) when the box's longer side exceeds the image's shorter side. {@link SizeStrategy#AUTO}
 * crops when the crop window's side is at most {@code 1 / AUTO_MIN_GAIN} of the image's shorter side, that
 * is when cropping gives the hole at least 1.5 times the resolution that resizing the whole image would
 * (on its shorter axis, and without resize's aspect distortion), and resizes otherwise.
 *
 * <p>Shrunk to the model size, a model pixel is a hole only when more than {@link #MODEL_HOLE_SHARE} of its
 * footprint is hole; one that is partly hole is known, with the average of its known pixels (a hole too
 * thin for that keeps the conservative shrink, any hole pixel making a hole, so that a hole never
 * disappears). The conservative shrink makes every stroke of a free-form hole up to a model pixel wider
 * on each side than the model was trained on, and the model's fill there lost to a smooth continuation of
 * the edge (docs/scenery-training.md). A window that is not shrunk on both axes keeps the conservative rule.
 *
 * <p>Going back, the model's output is resized to the window's size, only over the hole's bounding box
 * plus one pixel, and blended in with {@link Compositing#blendInto}: known pixels stay bit-identical, the
 * hole takes the generated content shifted smoothly to meet the known pixels around it, so the seam
 * has no step in colour or brightness (including the blurred step the enlarged completion has there),
 * and the original content under the hole is never used.
 *
 * @param hole   the hole's bounding box in the image
 * @param window the region resized to {@code modelSize x modelSize}; holds {@code hole}
 * @param applied {@link SizeStrategy#RESIZE} or {@link SizeStrategy#CROP}, what was actually done
 */
public record CompletionWindow(int imageWidth, int imageHeight, Box hole, Box window, SizeStrategy applied,
                               int modelSize) {
    /** AUTO crops when that makes the hole's resolution at least this many times higher than resizing. */
    public static final double AUTO_MIN_GAIN = 1.5;
    /** A shrunk model pixel is a hole when more than this share of its footprint is. */
    public static final double MODEL_HOLE_SHARE = 0.75;

    public CompletionWindow {
        if (applied == SizeStrategy.AUTO) {
            throw new IllegalArgumentException("a window is either RESIZE or CROP");
        }
        if (window.x1() > imageWidth || window.y1() > imageHeight || hole.x0() < window.x0() || hole.y0() < window.y0()
                || hole.x1() > window.x1() || hole.y1() > window.y1()) {
            throw new IllegalArgumentException("window " + window + " must hold hole " + hole + " inside the "
                    + imageWidth + "x" + imageHeight + " image");
        }
    }

    /** The window for {@code requested} on this mask (which must have a hole). */
    public static CompletionWindow choose(HoleMask mask, SizeStrategy requested, int modelSize) {
        Box hole = mask.holeBounds();
        if (hole == null) {
            throw new IllegalArgumentException("the mask has no hole (no white pixel)");
        }
        int w = mask.width();
        int h = mask.height();
        CompletionWindow resize = new CompletionWindow(w, h, hole, new Box(0, 0, w, h), SizeStrategy.RESIZE, modelSize);
        Box crop = cropWindow(hole, w, h, modelSize);
        if (crop == null || requested == SizeStrategy.RESIZE) {
            return resize;
        }
        if (requested == SizeStrategy.AUTO && crop.width() * AUTO_MIN_GAIN > Math.min(w, h)) {
            return resize;
        }
        return new CompletionWindow(w, h, hole, crop, SizeStrategy.CROP, modelSize);
    }

    /** The square crop window around {@code hole} (see the class comment), or null when the hole does not fit one. */
    public static Box cropWindow(Box hole, int imageWidth, int imageHeight, int modelSize) {
        int longer = Math.max(hole.width(), hole.height());
        int shortSide = Math.min(imageWidth, imageHeight);
        if (longer > shortSide) {
            return null;
        }
        int side = (int) Math.min(shortSide, Math.max(2L * longer, modelSize));
        int x0 = place(hole.x0(), hole.width(), side, imageWidth);
        int y0 = place(hole.y0(), hole.height(), side, imageHeight);
        return new Box(x0, y0, x0 + side, y0 + side);
    }

    /** Start of a {@code side}-long span centred on [start, start + length), shifted into [0, limit). */
    private static int place(int start, int length, int side, int limit) {
        return Math.max(0, Math.min(start - (side - length) / 2, limit - side));
    }

    private boolean wholeImage() {
        return window.width() == imageWidth && window.height() == imageHeight;
    }

    /** The window of {@code image} at the model size, its known pixels averaged as {@link #modelMask} counts them. */
    public RgbImage modelImage(RgbImage image, HoleMask mask) {
        RgbImage windowImage = wholeImage() ? image : image.crop(window);
        if (!shrinks()) {
            return ImageResize.resize(windowImage, modelSize, modelSize);
        }
        return ImageResize.resizeKnown(windowImage, windowMask(mask), modelSize, modelSize);
    }

    /** The window of {@code mask} at the model size (see the class comment); it always has a hole. */
    public HoleMask modelMask(HoleMask mask) {
        HoleMask windowMask = windowMask(mask);
        if (shrinks()) {
            HoleMask mostly = ImageResize.resizeMostlyHole(windowMask, modelSize, modelSize, MODEL_HOLE_SHARE);
            if (mostly.holeBounds() != null) {
                return mostly;
            }
        }
        return ImageResize.resize(windowMask, modelSize, modelSize);
    }

    private HoleMask windowMask(HoleMask mask) {
        return wholeImage() ? mask : mask.crop(window);
    }

    private boolean shrinks() {
        return window.width() > modelSize && window.height() > modelSize;
    }

    /**
     * The photo with {@code generated} (the model's whole output for the window, at the model size: see
     * {@link ModelSample} for why not the composite) blended into its hole. Only hole pixels differ from
     * {@code original}.
     */
    public RgbImage pasteBack(RgbImage original, HoleMask mask, RgbImage generated) {
        return completeRegion(original, mask, generated).into(original);
    }

    /**
     * The part of {@link #pasteBack} that differs from the photo: the hole's bounding box plus one pixel,
     * which holds every known pixel the blend reads.
     */
    public CompletedRegion completeRegion(RgbImage original, HoleMask mask, RgbImage generated) {
        Box region = hole.expand(1, imageWidth, imageHeight);
        Box inWindow = new Box(Math.max(region.x0(), window.x0()), Math.max(region.y0(), window.y0()),
                Math.min(region.x1(), window.x1()), Math.min(region.y1(), window.y1()));
        RgbImage content = ImageResize.resizeRegion(generated, window.width(), window.height(), new Box(
                inWindow.x0() - window.x0(), inWindow.y0() - window.y0(),
                inWindow.x1() - window.x0(), inWindow.y1() - window.y0()));
        RgbImage known = original.crop(region);
        if (!inWindow.equals(region)) {
            // only a known ring lies outside the window, and blendInto reads generated pixels in the hole only
            content = known.paste(content, inWindow.x0() - region.x0(), inWindow.y0() - region.y0());
        }
        RgbImage blended = Compositing.blendInto(known, mask.crop(region), content);
        return new CompletedRegion(region, blended);
    }
}
