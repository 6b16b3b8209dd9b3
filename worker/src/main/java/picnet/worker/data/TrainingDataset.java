package picnet.worker.data;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import picnet.common.images.ImageFiles;
import picnet.common.images.ImageLimits;
import picnet.common.images.InvalidImageException;
import picnet.common.images.RgbImage;
import picnet.common.masks.HoleMask;
import picnet.common.masks.MaskKind;

/**
 * Training samples as a pure function of their global index {@code n = step * batch + i}: epoch
 * {@code n / count} visits the files in a seeded permutation, and each sample's augmentation and mask
 * come from streams keyed by n. Any step can therefore be reproduced (resume is exact) and samples
 * can be decoded on any thread in any order. An unreadable file is skipped (warned once, counted)
 * in favour of the next file of the permutation.
 */
public final class TrainingDataset {
    private final List<Path> files;
    private final int size;
    private final MaskSource masks;
    private final long seed;
    private final SkippedFiles skipped;
    private long cachedEpoch = -1;
    private int[] cachedOrder;

    public TrainingDataset(List<Path> files, int size, MaskSource masks, long seed, SkippedFiles skipped) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("the training set is empty");
        }
        this.files = List.copyOf(files);
        this.size = size;
        this.masks = masks;
        this.seed = seed;
        this.skipped = skipped;
    }

    /**
     * The training set of a folder of images or a {@code .flist}, with masks mixed from generated kinds and
     * an optional mask folder, at {@code size}: how the command line and training jobs build it.
     *
     * @throws IllegalArgumentException if a source is missing or names no image
     */
    public static TrainingDataset open(Path images, List<MaskKind> maskKinds, Path maskDir, int size, long seed) {
        SkippedFiles skipped = new SkippedFiles();
        return new TrainingDataset(ImageSources.list(images), size, MaskSource.of(maskKinds, maskDir, skipped), seed,
                skipped);
    }

    /** One augmented image in [0, 1] at the model's size, its mask, and the file it came from. */
    public record Sample(RgbImage image, HoleMask mask, Path file) {}

    public Sample sample(long n) {
        int count = files.size();
        int[] order = order(n / count);
        int position = (int) (n % count);
        for (int i = 0; i < count; i++) {
            Path file = files.get(order[(position + i) % count]);
            if (skipped.contains(file)) {
                continue;
            }
            RgbImage decoded;
            try {
                decoded = ImageFiles.read(file, ImageLimits.DEFAULT);
            } catch (InvalidImageException | UncheckedIOException e) {
                skipped.add(file, e);
                continue;
            }
            RgbImage image = TrainingTransforms.image(decoded, size, Seeds.random(seed, Seeds.AUGMENTATION, n));
            HoleMask mask = masks.draw(size, Seeds.random(seed, Seeds.MASK, n));
            return new Sample(image, mask, file);
        }
        throw new IllegalStateException("none of the " + count + " training images is readable");
    }

    /** The file order of {@code epoch}: a Fisher-Yates shuffle seeded by (seed, epoch). */
    synchronized int[] order(long epoch) {
        if (epoch != cachedEpoch) {
            int[] order = new int[files.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            SplittableRandom rng = Seeds.random(seed, Seeds.IMAGE_ORDER, epoch);
            for (int i = order.length - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            cachedEpoch = epoch;
            cachedOrder = order;
        }
        return cachedOrder;
    }

    public int fileCount() {
        return files.size();
    }

    public int size() {
        return size;
    }

    public long seed() {
        return seed;
    }

    public SkippedFiles skipped() {
        return skipped;
    }
}
