package picnet.worker.training;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import picnet.common.images.ImageFiles;
import picnet.common.images.RgbImage;

/** Smooth colour gradients with a few coloured discs and rectangles: learnable, yet never constant. */
public final class SyntheticImages {
    private SyntheticImages() {}

    public static RgbImage image(int size, long seed) {
        return image(size, seed, true);
    }

    public static RgbImage image(int size, long seed, boolean shapes) {
        SplittableRandom rng = new SplittableRandom(seed);
        int plane = size * size;
        float[] v = new float[3 * plane];
        float[][] corner = new float[3][4];
        for (float[] c : corner) {
            for (int k = 0; k < 4; k++) {
                c[k] = (float) rng.nextDouble(0.1, 0.9);
            }
        }
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                float fx = (float) x / (size - 1);
                float fy = (float) y / (size - 1);
                for (int c = 0; c < 3; c++) {
                    float[] k = corner[c];
                    v[c * plane + y * size + x] = (1 - fy) * ((1 - fx) * k[0] + fx * k[1]) + fy * ((1 - fx) * k[2] + fx * k[3]);
                }
            }
        }
        int count = shapes ? 1 + rng.nextInt(3) : 0;
        for (int s = 0; s < count; s++) {
            float[] colour = {(float) rng.nextDouble(), (float) rng.nextDouble(), (float) rng.nextDouble()};
            int cx = rng.nextInt(size);
            int cy = rng.nextInt(size);
            int r = size / 8 + rng.nextInt(size / 4);
            boolean disc = rng.nextBoolean();
            for (int y = Math.max(0, cy - r); y < Math.min(size, cy + r); y++) {
                for (int x = Math.max(0, cx - r); x < Math.min(size, cx + r); x++) {
                    if (!disc || (x - cx) * (x - cx) + (y - cy) * (y - cy) < r * r) {
                        for (int c = 0; c < 3; c++) {
                            v[c * plane + y * size + x] = colour[c];
                        }
                    }
                }
            }
        }
        return new RgbImage(size, size, v);
    }

    /** {@code count} PNGs named img-NNN.png in {@code dir}. */
    public static void write(Path dir, int count, int size, long seed) throws java.io.IOException {
        write(dir, count, size, seed, true);
    }

    public static void write(Path dir, int count, int size, long seed, boolean shapes) throws java.io.IOException {
        Files.createDirectories(dir);
        for (int i = 0; i < count; i++) {
            ImageFiles.writePng(image(size, seed * 1000 + i, shapes), dir.resolve(String.format("img-%03d.png", i)));
        }
    }
}
