package picnet.worker.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picnet.common.images.ImageDecoder;
import picnet.common.images.ImageFiles;
import picnet.common.images.ImageLimits;
import picnet.common.images.ImageResize;
import picnet.common.images.InvalidImageException;
import picnet.common.images.RgbImage;
import picnet.common.masks.Box;

/**
 * Turns a folder of large photographs (such as Debian's wallpaper packages) into square training crops
 * at several scales, with a held-out split that is the same on every machine.
 *
 * <p>Wallpapers ship the same picture several times (sizes, aspect ratios, light and dark variants), so
 * files are grouped into <em>pictures</em>: one per wallpaper folder (everything under {@code wallpapers/NAME/contents/}, dark variants included)
 * or per file name without a {@code -l}/{@code -d}/{@code -day}/{@code -night} suffix. Only the largest
 * file of a picture is cut, and a whole picture goes to one side of the split (chosen by a hash of its
 * name), so no held-out picture is ever seen in training.
 *
 * <p>At scale {@code s} the picture is shrunk (area averaging) so its short side is {@code size * s}, and
 * up to {@code cropsPerScale} crops are cut at seeded positions (at most twice the number of whole tiles
 * that fit, so a small picture is not cut into near copies); scales larger than the picture are skipped.
 *
 * <p>Crops with less {@linkplain #detail detail} than {@code minDetail} are dropped: wallpapers have large
 * areas of one flat colour or of a gradient so smooth that any fill is exact, and such crops teach a
 * model nothing and make a plain diffusion fill look better than it is on real photographs.
 */
public final class CropSet {
    private static final Pattern VARIANT = Pattern.compile("[-_](l|d|day|night|light|dark)$");
    private static final ImageLimits LIMITS = new ImageLimits(16_384, 120_000_000L);

    private final int size;
    private final List<Integer> scales;
    private final int cropsPerScale;
    private final int heldOutPercent;
    private final double minDetail;

    public CropSet(int size, List<Integer> scales, int cropsPerScale, int heldOutPercent, double minDetail) {
        if (size < 32 || scales.isEmpty() || cropsPerScale < 1 || heldOutPercent < 0 || heldOutPercent > 100
                || !(minDetail >= 0)) {
            throw new IllegalArgumentException("crop size must be >= 32, scales non-empty, crops per scale >= 1, "
                    + "held-out percent in 0..100, minimum detail >= 0");
        }
        this.size = size;
        this.scales = List.copyOf(scales);
        this.cropsPerScale = cropsPerScale;
        this.heldOutPercent = heldOutPercent;
        this.minDetail = minDetail;
    }

    /** What was written: crops per split, pictures per split, crops dropped as flat, and files that could not be read. */
    public record Summary(int trainCrops, int heldOutCrops, int trainPictures, int heldOutPictures, int flatCrops,
                          List<String> skipped) {}

    /**
     * Writes {@code out/train/*.png}, {@code out/held-out/*.png} and {@code out/manifest.tsv} (crop, split,
     * source, scale, x, y).
     */
    public Summary build(Path from, Path out) {
        Map<String, Path> pictures = pictures(from);
        if (pictures.isEmpty()) {
            throw new IllegalArgumentException("no PNG or JPEG pictures under " + from);
        }
        try {
            Files.createDirectories(out.resolve("train"));
            Files.createDirectories(out.resolve("held-out"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> manifest = new ArrayList<>(List.of("crop\tsplit\tsource\tscale\tx\ty"));
        List<String> skipped = new ArrayList<>();
        int[] crops = new int[2];
        int[] picturesPerSplit = new int[2];
        int flat = 0;
        for (Map.Entry<String, Path> picture : pictures.entrySet()) {
            boolean heldOut = isHeldOut(picture.getKey());
            String split = heldOut ? "held-out" : "train";
            RgbImage image;
            try {
                image = ImageFiles.read(picture.getValue(), LIMITS);
            } catch (InvalidImageException | UncheckedIOException e) {
                skipped.add(picture.getValue() + ": " + e.getMessage());
                continue;
            }
            picturesPerSplit[heldOut ? 1 : 0]++;
            String stem = picture.getKey().replaceAll("[^A-Za-z0-9._-]", "_");
            SplittableRandom rng = new SplittableRandom(picture.getKey().hashCode());
            for (int scale : scales) {
                int shortSide = size * scale;
                if (Math.min(image.width(), image.height()) < shortSide) {
                    continue;
                }
                double shrink = (double) shortSide / Math.min(image.width(), image.height());
                int w = Math.max(size, (int) Math.round(image.width() * shrink));
                int h = Math.max(size, (int) Math.round(image.height() * shrink));
                RgbImage scaled = ImageResize.resize(image, w, h);
                int n = Math.min(cropsPerScale, (w / size) * (h / size) * 2);
                for (int k = 0; k < n; k++) {
                    int x = rng.nextInt(w - size + 1);
                    int y = rng.nextInt(h - size + 1);
                    RgbImage crop = scaled.crop(new Box(x, y, x + size, y + size));
                    if (detail(crop) < minDetail) {
                        flat++;
                        continue;
                    }
                    String name = String.format(Locale.ROOT, "%s-s%d-%02d.png", stem, scale, k);
                    ImageFiles.writePng(crop, out.resolve(split).resolve(name));
                    manifest.add(String.join("\t", split + "/" + name, split, picture.getValue().toString(),
                            String.valueOf(scale), String.valueOf(x), String.valueOf(y)));
                    crops[heldOut ? 1 : 0]++;
                }
            }
        }
        try {
            Files.write(out.resolve("manifest.tsv"), manifest, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Summary(crops[0], crops[1], picturesPerSplit[0], picturesPerSplit[1], flat, skipped);
    }

    /**
     * How much an image changes from pixel to pixel: the mean over pixels of |dx| + |dy| of its luminance
     * (Rec. 601 weights) in 0..255 units. 0 for one flat colour; about 0.4 for a gradient across the
     * whole of a 256-pixel crop; photographs are mostly above 2.
     */
    public static double detail(RgbImage image) {
        int w = image.width();
        int h = image.height();
        int plane = w * h;
        float[] chw = image.chw();
        float[] y = new float[plane];
        for (int i = 0; i < plane; i++) {
            y[i] = 255f * (0.299f * chw[i] + 0.587f * chw[plane + i] + 0.114f * chw[2 * plane + i]);
        }
        double sum = 0;
        for (int row = 0; row < h; row++) {
            for (int x = 0; x < w; x++) {
                int i = row * w + x;
                if (x + 1 < w) {
                    sum += Math.abs(y[i + 1] - y[i]);
                }
                if (row + 1 < h) {
                    sum += Math.abs(y[i + w] - y[i]);
                }
            }
        }
        return sum / plane;
    }

    /** A picture is held out when a hash of its name falls in the first {@code heldOutPercent} of 100. */
    boolean isHeldOut(String picture) {
        return Math.floorMod(picture.hashCode() * 0x9E3779B1, 100) < heldOutPercent;
    }

    /** The largest PNG or JPEG of each picture under {@code from}, keyed by picture name, in name order. */
    static Map<String, Path> pictures(Path from) {
        Map<String, Path> largest = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(from)) {
            files.filter(Files::isRegularFile).filter(CropSet::isRaster).sorted().forEach(file -> {
                String key = pictureName(from, file);
                largest.merge(key, file, (a, b) -> pixelsOf(b) > pixelsOf(a) ? b : a);
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Path> sorted = new LinkedHashMap<>();
        largest.entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    static String pictureName(Path root, Path file) {
        Path relative = root.relativize(file);
        for (int i = 1; i < relative.getNameCount(); i++) {
            if (relative.getName(i).toString().equals("contents")) {
                return relative.subpath(0, i).toString();
            }
        }
        String name = relative.toString().replaceFirst("\\.[^.]+$", "");
        return VARIANT.matcher(name).replaceFirst("");
    }

    private static boolean isRaster(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg");
    }

    /** Width times height from the file's header, without decoding it; 0 when unreadable. */
    private static long pixelsOf(Path file) {
        try {
            return ImageDecoder.dimensions(file).pixels();
        } catch (InvalidImageException | UncheckedIOException e) {
            return 0;
        }
    }
}
