package picnet.worker.data;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import picnet.common.images.ImageLimits;
import picnet.common.images.InvalidImageException;
import picnet.common.masks.HoleMask;
import picnet.common.masks.MaskFiles;
import picnet.common.masks.MaskGenerator;
import picnet.common.masks.MaskKind;

/**
 * Training masks mixed from generated kinds (center, regular, irregular) and, optionally, a folder
 * of mask files (white = hole, augmented by {@link TrainingTransforms#mask}). Each sample picks one
 * source uniformly, as the reference picks among its mask types.
 */
public final class MaskSource {
    private final List<MaskKind> kinds;
    private final List<Path> files;
    private final SkippedFiles skipped;

    private MaskSource(List<MaskKind> kinds, List<Path> files, SkippedFiles skipped) {
        if (kinds.isEmpty() && files.isEmpty()) {
            throw new IllegalArgumentException("no mask source: name mask kinds or a mask folder");
        }
        this.kinds = List.copyOf(kinds);
        this.files = files;
        this.skipped = skipped;
    }

    /** @param maskDir a folder (or .flist) of mask files, or null */
    public static MaskSource of(List<MaskKind> kinds, Path maskDir, SkippedFiles skipped) {
        return new MaskSource(kinds, maskDir == null ? List.of() : ImageSources.list(maskDir), skipped);
    }

    public static MaskSource of(List<MaskKind> kinds) {
        return of(kinds, null, new SkippedFiles());
    }

    public HoleMask draw(int size, SplittableRandom rng) {
        int sources = kinds.size() + (files.isEmpty() ? 0 : 1);
        int pick = rng.nextInt(sources);
        if (pick < kinds.size()) {
            return MaskGenerator.generate(kinds.get(pick), size, size, rng.nextLong());
        }
        int first = rng.nextInt(files.size());
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get((first + i) % files.size());
            if (skipped.contains(file)) {
                continue;
            }
            try {
                return TrainingTransforms.mask(MaskFiles.read(file, ImageLimits.DEFAULT), size, rng);
            } catch (InvalidImageException | UncheckedIOException e) {
                skipped.add(file, e);
            }
        }
        throw new IllegalStateException("none of the " + files.size() + " mask files is readable");
    }

    public List<Path> files() {
        return new ArrayList<>(files);
    }
}
