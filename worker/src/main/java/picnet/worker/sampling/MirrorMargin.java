package picnet.worker.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import picnet.common.masks.Box;
import picnet.common.masks.HoleMask;
import picnet.worker.model.PicnetConfig;
import picnet.worker.model.layers.ReflectionPad;

/**
 * A mirrored border the model sees around its input when a hole comes near the input's edges. Without
 * it the picture's edges are the network's edges, where its zero-padded convolutions paint a band of
 * wrong colours into any hole that reaches them; with the picture reflected outward, its edges are
 * inner pixels like any other and the band falls in the border, which is cut off again. The border is
 * an eighth of the model's side, rounded to half the network's stride so that the padded side stays a
 * multiple of the stride (16 for a 128 model, 32 for the released 256 ones). Holes that keep farther
 * from the edges get none: on the shipped model a border made center holes worse (the network then
 * works on a larger picture than it was trained on), and a quarter was worse than an eighth for the
 * holes it helps (see the README, "Photos of any size").
 *
 * @param width pixels added on each side; 0 for none
 */
public record MirrorMargin(int width) {
    public static final MirrorMargin NONE = new MirrorMargin(0);

    public MirrorMargin {
        if (width < 0) {
            throw new IllegalArgumentException("margin must not be negative, got " + width);
        }
    }

    public static MirrorMargin forModel(PicnetConfig config) {
        int step = config.stride() / 2;
        return new MirrorMargin(Math.max(step, Math.round(config.size() / 8f / step) * step));
    }

    /** This margin if {@code mask}'s hole comes within {@code width} pixels of an edge, else {@link #NONE}. */
    public MirrorMargin forHole(HoleMask mask) {
        Box hole = mask.holeBounds();
        boolean nearAnEdge = hole != null && (hole.x0() < width || hole.y0() < width
                || hole.x1() > mask.width() - width || hole.y1() > mask.height() - width);
        return nearAnEdge ? this : NONE;
    }

    /** (N, C, H, W) to (N, C, H + 2 width, W + 2 width), reflected outward without repeating the edge. */
    public NDArray around(NDArray x) {
        return width == 0 ? x : ReflectionPad.pad(x, width);
    }

    /** The inverse of {@link #around}: the border cut off again. */
    public NDArray inside(NDArray x) {
        if (width == 0) {
            return x;
        }
        long h = x.getShape().get(2);
        long w = x.getShape().get(3);
        return x.get(new NDIndex(":, :, {}:{}, {}:{}", width, h - width, width, w - width));
    }
}
