package picnet.worker.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picnet.common.images.ImageFiles;
import picnet.common.images.ImageLimits;
import picnet.common.images.RgbImage;

class CropSetTest {
    @Test
    void variantsOfOnePictureAreOnePictureAndOnlyTheLargestIsCut(@TempDir Path tmp) {
        write(tmp.resolve("wallpapers/Hills/contents/images/640x400.png"), 640, 400);
        write(tmp.resolve("wallpapers/Hills/contents/images/1280x800.png"), 1280, 800);
        write(tmp.resolve("wallpapers/Hills/contents/images_dark/1280x800.png"), 1280, 800);
        write(tmp.resolve("backgrounds/adwaita-l.png"), 300, 200);
        write(tmp.resolve("backgrounds/adwaita-d.png"), 600, 400);
        write(tmp.resolve("backgrounds/lake.png"), 300, 300);

        Map<String, Path> pictures = CropSet.pictures(tmp);

        assertEquals(List.of("backgrounds/adwaita", "backgrounds/lake", "wallpapers/Hills"), List.copyOf(pictures.keySet()));
        assertEquals("adwaita-d.png", pictures.get("backgrounds/adwaita").getFileName().toString());
        assertTrue(pictures.get("wallpapers/Hills").toString().contains("1280x800"));
    }

    @Test
    void cropsHaveTheSizeAndEveryScaleThatFits(@TempDir Path tmp) throws IOException {
        write(tmp.resolve("in/big.png"), 400, 300);
        CropSet.Summary s = new CropSet(64, List.of(1, 2, 8), 3, 0, 0).build(tmp.resolve("in"), tmp.resolve("out"));

        // scale 1: 85x64, one whole tile, so at most 2 crops; scale 2: 171x128, 4 tiles, so the asked 3;
        // scale 8 (short side 512) is larger than the picture
        assertEquals(5, s.trainCrops());
        assertEquals(0, s.heldOutCrops());
        try (Stream<Path> files = Files.list(tmp.resolve("out/train"))) {
            for (Path crop : files.toList()) {
                RgbImage image = ImageFiles.read(crop, ImageLimits.DEFAULT);
                assertEquals(64, image.width());
                assertEquals(64, image.height());
            }
        }
        assertEquals(6, Files.readAllLines(tmp.resolve("out/manifest.tsv")).size(), "a header and one line per crop");
    }

    @Test
    void theSplitKeepsWholePicturesOnOneSideAndIsTheSameEveryTime(@TempDir Path tmp) throws IOException {
        for (int i = 0; i < 30; i++) {
            write(tmp.resolve("in/p" + i + ".png"), 96, 96);
        }
        CropSet set = new CropSet(32, List.of(1, 2), 2, 30, 0);
        CropSet.Summary first = set.build(tmp.resolve("in"), tmp.resolve("a"));
        set.build(tmp.resolve("in"), tmp.resolve("b"));

        assertTrue(first.heldOutPictures() > 0 && first.trainPictures() > 0, first.toString());
        assertEquals(30, first.heldOutPictures() + first.trainPictures());
        assertEquals(sources(tmp.resolve("a"), "held-out"), sources(tmp.resolve("b"), "held-out"));
        Set<String> heldOut = sources(tmp.resolve("a"), "held-out");
        Set<String> train = sources(tmp.resolve("a"), "train");
        assertTrue(heldOut.stream().noneMatch(train::contains), "a picture on both sides");
    }

    @Test
    void detailIsTheMeanLuminanceStepBetweenNeighbours() {
        assertEquals(0, CropSet.detail(solid(8, 8, 0.2f, 0.7f, 0.4f)), 1e-9);
        // a grey ramp of one level (1/255) per column: 7 steps in each row of 8 columns, none down the columns
        float[] chw = new float[3 * 8 * 8];
        for (int i = 0; i < 64; i++) {
            chw[i] = chw[64 + i] = chw[128 + i] = (i % 8) / 255f;
        }
        assertEquals(7.0 * 8 / 64, CropSet.detail(new RgbImage(8, 8, chw)), 1e-4);
        // a checkerboard of black and white: every step is the full 255, two per pixel except at the edges
        for (int i = 0; i < 64; i++) {
            chw[i] = chw[64 + i] = chw[128 + i] = ((i % 8) + (i / 8)) % 2;
        }
        assertEquals(255.0 * 2 * 7 * 8 / 64, CropSet.detail(new RgbImage(8, 8, chw)), 1e-2);
    }

    @Test
    void flatCropsAreDroppedAndCounted(@TempDir Path tmp) throws IOException {
        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        ImageFiles.writePng(solid(200, 200, 0.1f, 0.5f, 0.9f), in.resolve("flat.png"));
        write(in.resolve("ramp.png"), 200, 200);

        CropSet.Summary s = new CropSet(64, List.of(1), 2, 0, 0.5).build(in, tmp.resolve("out"));

        assertEquals(2, s.trainCrops(), "the ramp's crops stay");
        assertEquals(2, s.flatCrops(), "the flat picture's crops go");
        try (Stream<Path> files = Files.list(tmp.resolve("out/train"))) {
            assertTrue(files.allMatch(f -> f.getFileName().toString().startsWith("ramp")));
        }
    }

    @Test
    void aFolderWithoutPicturesIsAnError(@TempDir Path tmp) {
        assertThrows(IllegalArgumentException.class, () -> new CropSet(64, List.of(1), 1, 10, 0).build(tmp, tmp.resolve("out")));
    }

    private static Set<String> sources(Path out, String split) throws IOException {
        return Files.readAllLines(out.resolve("manifest.tsv")).stream().skip(1).map(l -> l.split("\t"))
                .filter(f -> f[1].equals(split)).map(f -> f[2]).collect(Collectors.toSet());
    }

    private static RgbImage solid(int w, int h, float r, float g, float b) {
        float[] chw = new float[3 * w * h];
        java.util.Arrays.fill(chw, 0, w * h, r);
        java.util.Arrays.fill(chw, w * h, 2 * w * h, g);
        java.util.Arrays.fill(chw, 2 * w * h, 3 * w * h, b);
        return new RgbImage(w, h, chw);
    }

    /** A picture with a gradient, so crops differ. */
    private static void write(Path file, int w, int h) {
        float[] chw = new float[3 * w * h];
        for (int i = 0; i < w * h; i++) {
            chw[i] = (i % w) / (float) w;
            chw[w * h + i] = (i / w) / (float) h;
            chw[2 * w * h + i] = 0.5f;
        }
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        ImageFiles.writePng(new RgbImage(w, h, chw), file);
    }
}
