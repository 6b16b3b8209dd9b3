package picnet.worker.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picnet.common.images.ImageFiles;
import picnet.common.images.RgbImage;
import picnet.common.masks.HoleMask;
import picnet.common.masks.MaskFiles;
import picnet.common.masks.MaskKind;

class TrainingDatasetTest {
    static final int SIZE = 96;

    static void writeImages(Path dir, int count) throws Exception {
        Files.createDirectories(dir);
        for (int i = 0; i < count; i++) {
            float[] v = new float[3 * 50 * 40];
            for (int j = 0; j < v.length; j++) {
                v[j] = ((j * (i + 3)) % 97) / 96f;
            }
            ImageFiles.writePng(new RgbImage(50, 40, v), dir.resolve(String.format("img-%02d.png", i)));
        }
    }

    private static TrainingDataset dataset(Path source, long seed, SkippedFiles skipped) {
        return new TrainingDataset(ImageSources.list(source), SIZE, MaskSource.of(List.of(MaskKind.REGULAR,
                MaskKind.IRREGULAR, MaskKind.CENTER)), seed, skipped);
    }

    @Test
    void folderIsListedRecursivelyAndUnreadableFilesAreSkippedAndCounted(@TempDir Path tmp) throws Exception {
        writeImages(tmp.resolve("a"), 3);
        writeImages(tmp.resolve("b/c"), 2);
        Files.write(tmp.resolve("b/broken.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        Files.writeString(tmp.resolve("notes.txt"), "not an image");
        List<Path> files = ImageSources.list(tmp);
        assertEquals(6, files.size(), files.toString());

        SkippedFiles skipped = new SkippedFiles();
        TrainingDataset data = dataset(tmp, 1, skipped);
        for (long n = 0; n < 12; n++) { // two epochs: every file comes up at least twice
            TrainingDataset.Sample s = data.sample(n);
            assertFalse(s.file().endsWith("broken.png"));
            assertEquals(SIZE, s.image().width());
            assertEquals(SIZE, s.mask().height());
        }
        assertEquals(1, skipped.count());
        assertTrue(skipped.files().iterator().next().endsWith("broken.png"));
    }

    @Test
    void flistResolvesRelativePathsAndIgnoresComments(@TempDir Path tmp) throws Exception {
        writeImages(tmp.resolve("imgs"), 3);
        Path list = tmp.resolve("train.flist");
        Files.writeString(list, "# training images\nimgs/img-00.png\n\n" + tmp.resolve("imgs/img-02.png") + "\n");
        List<Path> files = ImageSources.list(list);
        assertEquals(List.of(tmp.resolve("imgs/img-00.png"), tmp.resolve("imgs/img-02.png")), files);
        assertEquals(SIZE, dataset(list, 3, new SkippedFiles()).sample(0).image().width());
    }

    @Test
    void samplesAreAPureFunctionOfSeedAndIndex(@TempDir Path tmp) throws Exception {
        writeImages(tmp, 6);
        TrainingDataset a = dataset(tmp, 5, new SkippedFiles());
        TrainingDataset b = dataset(tmp, 5, new SkippedFiles());
        TrainingDataset.Sample[] backwards = new TrainingDataset.Sample[12];
        for (int n = 11; n >= 0; n--) { // the order of access does not matter
            backwards[n] = a.sample(n);
        }
        List<Path> orderA = new ArrayList<>();
        for (int n = 0; n < 12; n++) {
            TrainingDataset.Sample y = b.sample(n);
            assertArrayEquals(backwards[n].image().chw(), y.image().chw());
            assertArrayEquals(backwards[n].mask().hole(), y.mask().hole());
            orderA.add(y.file());
        }
        List<Path> orderOther = new ArrayList<>();
        TrainingDataset c = dataset(tmp, 6, new SkippedFiles());
        for (long n = 0; n < 12; n++) {
            orderOther.add(c.sample(n).file());
        }
        assertNotEquals(orderA, orderOther, "another seed, another order");
        assertEquals(6, orderA.subList(0, 6).stream().distinct().count(), "an epoch visits every file once");

        try (BatchLoader loader = new BatchLoader(a, 3, 2, 2, 3)) {
            for (long step = 2; step < 6; step++) {
                TrainingBatch threaded = loader.next();
                TrainingBatch direct = BatchLoader.load(b, 3, step);
                assertEquals(step, threaded.step());
                assertArrayEquals(direct.images(), threaded.images());
                assertArrayEquals(direct.known(), threaded.known());
            }
        }
    }

    @Test
    void externalMasksAreAugmentedToTheModelSizeAndBadOnesSkipped(@TempDir Path tmp) throws Exception {
        Path masks = tmp.resolve("masks");
        Files.createDirectories(masks);
        boolean[] hole = new boolean[160 * 120];
        for (int y = 30; y < 90; y++) {
            for (int x = 50; x < 110; x++) {
                hole[y * 160 + x] = true;
            }
        }
        MaskFiles.writePng(new HoleMask(160, 120, hole), masks.resolve("m1.png"));
        Files.writeString(masks.resolve("m2.png"), "garbage");
        SkippedFiles skipped = new SkippedFiles();
        MaskSource source = MaskSource.of(List.of(), masks, skipped);
        for (int i = 0; i < 6; i++) {
            HoleMask m = source.draw(SIZE, Seeds.random(1, Seeds.MASK, i));
            assertEquals(SIZE, m.width());
            assertEquals(SIZE, m.height());
            double holeFraction = 1 - m.knownFraction();
            assertTrue(holeFraction > 0.15 && holeFraction < 0.6, "hole fraction " + holeFraction);
        }
        assertEquals(1, skipped.count());
    }

    @Test
    void emptyOrUnreadableDataIsAClearError(@TempDir Path tmp) throws Exception {
        Files.createDirectories(tmp.resolve("empty"));
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> ImageSources.list(tmp.resolve("empty")));
        assertTrue(empty.getMessage().contains("no images"), empty.getMessage());
        Files.createDirectories(tmp.resolve("bad"));
        Files.writeString(tmp.resolve("bad/x.jpg"), "nope");
        IllegalStateException unreadable = assertThrows(IllegalStateException.class,
                () -> dataset(tmp.resolve("bad"), 1, new SkippedFiles()).sample(0));
        assertTrue(unreadable.getMessage().contains("readable"), unreadable.getMessage());
    }

    @Test
    void loadSizeScalesTheReference266() {
        assertEquals(266, TrainingTransforms.loadSize(256));
        assertEquals(100, TrainingTransforms.loadSize(96));
        assertEquals(532, TrainingTransforms.loadSize(512));
    }
}
