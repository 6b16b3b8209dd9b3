package picnet.worker.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Differentiable augmentation of everything the discriminators see (DiffAugment: Zhao, Liu, Lin, Zhu
 * and Han, "Differentiable Augmentation for Data-Efficient GAN Training", NeurIPS 2020), the
 * remedy for a discriminator that memorises a small training set. Real and generated images pass
 * through the same random transforms, in the D step and in the generator's adversarial terms, and
 * gradients flow back through them, so the generator is never taught the augmentation.
 *
 * <p>Not part of the authors' objective: off by default, and the reference check runs without it.
 * The policies are the paper's, on images in [-1, 1], with per-image parameters:
 * <ul>
 *   <li>{@code color}: brightness {@code + (r - 0.5)}, saturation {@code x 2r} around the pixel's
 *       channel mean, contrast {@code x (r + 0.5)} around the image mean;
 *   <li>{@code translation}: a shift of up to 1/8 of the side in each direction, zeros shifted in;
 *   <li>{@code cutout}: a zeroed square of half the side, centred anywhere in the image.
 * </ul>
 */
public final class DiscriminatorAugment {
    /** The paper's policies, applied in this order. */
    public enum Policy {
        COLOR, TRANSLATION, CUTOUT;

        public static Policy parse(String name) {
            for (Policy p : values()) {
                if (p.name().equalsIgnoreCase(name.trim())) {
                    return p;
                }
            }
            throw new IllegalArgumentException("unknown augmentation '" + name.trim()
                    + "': expected color, translation or cutout");
        }
    }

    private static final DiscriminatorAugment NONE = new DiscriminatorAugment(EnumSet.noneOf(Policy.class));
    private static final Draw IDENTITY = new Draw(EnumSet.noneOf(Policy.class), new float[0], new float[0],
            new float[0], new int[0], new int[0], new int[0], new int[0]);

    private final EnumSet<Policy> policies;

    private DiscriminatorAugment(Set<Policy> policies) {
        this.policies = EnumSet.noneOf(Policy.class);
        this.policies.addAll(policies);
    }

    /** The authors' objective: the discriminators see the images as they are. */
    public static DiscriminatorAugment none() {
        return NONE;
    }

    public static DiscriminatorAugment of(Set<Policy> policies) {
        return policies.isEmpty() ? NONE : new DiscriminatorAugment(policies);
    }

    /** A comma-separated list of policies ({@code color,translation,cutout}); empty or {@code none} for none. */
    public static DiscriminatorAugment parse(String list) {
        String trimmed = list.trim();
        if (trimmed.isEmpty() || trimmed.equalsIgnoreCase("none")) {
            return NONE;
        }
        return named(List.of(trimmed.split(",")));
    }

    /** The policies of these names (a training job's list); none for an empty list. */
    public static DiscriminatorAugment named(List<String> names) {
        EnumSet<Policy> set = EnumSet.noneOf(Policy.class);
        for (String name : names) {
            set.add(Policy.parse(name));
        }
        return of(set);
    }

    public boolean enabled() {
        return !policies.isEmpty();
    }

    public Set<Policy> policies() {
        return EnumSet.copyOf(policies);
    }

    /** Draws that leave every image as it is. */
    public static Supplier<Draw> unchanged() {
        return () -> IDENTITY;
    }

    /** A fresh {@link #draw} from {@code rng} on every call. */
    public Supplier<Draw> draws(SplittableRandom rng, int batch, int size) {
        return enabled() ? () -> draw(rng, batch, size) : unchanged();
    }

    /** The policies as {@link #parse} reads them, {@code none} for none. */
    @Override
    public String toString() {
        return policies.isEmpty() ? "none"
                : policies.stream().map(p -> p.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(","));
    }

    /** Fresh random parameters for one batch of {@code batch} images of {@code size x size}. */
    public Draw draw(SplittableRandom rng, int batch, int size) {
        float[] brightness = new float[batch];
        float[] saturation = new float[batch];
        float[] contrast = new float[batch];
        int[] dx = new int[batch];
        int[] dy = new int[batch];
        int[] cutoutX = new int[batch];
        int[] cutoutY = new int[batch];
        int shift = (int) (size * 0.125 + 0.5);
        int cut = cutoutSide(size);
        for (int i = 0; i < batch; i++) {
            brightness[i] = (float) (rng.nextDouble() - 0.5);
            saturation[i] = (float) (rng.nextDouble() * 2);
            contrast[i] = (float) (rng.nextDouble() + 0.5);
            dx[i] = rng.nextInt(-shift, shift + 1);
            dy[i] = rng.nextInt(-shift, shift + 1);
            cutoutX[i] = rng.nextInt(size + (1 - cut % 2));
            cutoutY[i] = rng.nextInt(size + (1 - cut % 2));
        }
        return new Draw(policies, brightness, saturation, contrast, dx, dy, cutoutX, cutoutY);
    }

    static int cutoutSide(int size) {
        return (int) (size * 0.5 + 0.5);
    }

    /**
     * One draw of parameters: {@link #apply} transforms any batch of its size the same way, so a real and
     * a generated batch compared with each other (D_rec's matching term) can share one draw. Shifts are
     * {@code dx, dy} (output pixel (x, y) reads input (x - dx, y - dy)); the cutout square of side
     * {@link #cutoutSide} covers columns {@code cutoutX - side / 2} to {@code cutoutX - side / 2 + side - 1}
     * (rows likewise from {@code cutoutY}), clipped to the image.
     */
    public record Draw(Set<Policy> policies, float[] brightness, float[] saturation, float[] contrast,
            int[] dx, int[] dy, int[] cutoutX, int[] cutoutY) {

        /** {@code x} (B, 3, H, W) transformed; differentiable in {@code x}. Arrays made here live in x's manager. */
        public NDArray apply(NDArray x) {
            NDArray out = x;
            if (policies.contains(Policy.COLOR)) {
                out = color(out);
            }
            if (policies.contains(Policy.TRANSLATION)) {
                out = translate(out);
            }
            if (policies.contains(Policy.CUTOUT)) {
                out = cutout(out);
            }
            return out;
        }

        private NDArray color(NDArray x) {
            Shape perImage = new Shape(brightness.length, 1, 1, 1);
            NDArray out = x.add(constant(x, brightness, perImage));
            NDArray pixelMean = out.mean(new int[] {1}, true);
            out = out.sub(pixelMean).mul(constant(x, saturation, perImage)).add(pixelMean);
            // DJL's PyTorch mean takes one axis; equal-sized groups make the mean of means the image mean
            NDArray imageMean = out.mean(new int[] {3}, true).mean(new int[] {2}, true).mean(new int[] {1}, true);
            return out.sub(imageMean).mul(constant(x, contrast, perImage)).add(imageMean);
        }

        private NDArray translate(NDArray x) {
            Shape s = x.getShape();
            long c = s.get(1);
            long h = s.get(2);
            long w = s.get(3);
            int pad = 0;
            for (int i = 0; i < dx.length; i++) {
                pad = Math.max(pad, Math.max(Math.abs(dx[i]), Math.abs(dy[i])));
            }
            if (pad == 0) {
                return x;
            }
            NDManager m = x.getManager();
            NDArray rows = m.zeros(new Shape(s.get(0), c, pad, w), x.getDataType(), x.getDevice());
            NDArray tall = NDArrays.concat(new NDList(rows, x, rows), 2);
            NDArray cols = m.zeros(new Shape(s.get(0), c, h + 2L * pad, pad), x.getDataType(), x.getDevice());
            NDArray padded = NDArrays.concat(new NDList(cols, tall, cols), 3);
            NDList shifted = new NDList(dx.length);
            for (int i = 0; i < dx.length; i++) {
                long y0 = pad - dy[i];
                long x0 = pad - dx[i];
                shifted.add(padded.get(new NDIndex("{}, :, {}:{}, {}:{}", i, y0, y0 + h, x0, x0 + w)));
            }
            return NDArrays.stack(shifted, 0);
        }

        private NDArray cutout(NDArray x) {
            Shape s = x.getShape();
            int b = (int) s.get(0);
            int h = (int) s.get(2);
            int w = (int) s.get(3);
            int side = cutoutSide(w);
            float[] keep = new float[b * h * w];
            java.util.Arrays.fill(keep, 1f);
            for (int i = 0; i < b; i++) {
                for (int y = Math.max(0, cutoutY[i] - side / 2); y < Math.min(h, cutoutY[i] - side / 2 + side); y++) {
                    for (int xx = Math.max(0, cutoutX[i] - side / 2); xx < Math.min(w, cutoutX[i] - side / 2 + side); xx++) {
                        keep[(i * h + y) * w + xx] = 0f;
                    }
                }
            }
            return x.mul(constant(x, keep, new Shape(b, 1, h, w)));
        }

        /** Values on {@code like}'s device: its manager may be a CPU one that holds arrays moved to a GPU. */
        private static NDArray constant(NDArray like, float[] values, Shape shape) {
            return like.getManager().create(values, shape).toDevice(like.getDevice(), false);
        }
    }
}
