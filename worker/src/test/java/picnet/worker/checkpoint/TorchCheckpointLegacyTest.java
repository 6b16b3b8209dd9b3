package picnet.worker.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The authors' legacy-format checkpoints (PyTorch 1.13, pre-1.6 serialization, {@code module.} prefix). */
class TorchCheckpointLegacyTest {
    /*
     * Byte offsets of raw storage data in the fixture files, found with CPython's own pickle module
     * (not this reader): walk the five pickles, then the (int64 count, data) records of the storage keys.
     */
    private static final long E_BLOCK0_CONV1_WEIGHT_BAR_DATA = 43603;     // 864 floats
    private static final long G_DECODER0_CONV1_WEIGHT_BAR_DATA = 3700444; // 147456 floats
    private static final long G_ATTN1_GAMMA_DATA = 6687336;               // 1 float

    @TempDir
    Path tmp;

    @Test
    void readsShapesAndKeysAsStored() {
        Map<String, HostTensor> e = TorchCheckpoint.read(ReferenceFiles.checkpoint("E"));
        Map<String, HostTensor> g = TorchCheckpoint.read(ReferenceFiles.checkpoint("G"));
        assertEquals(312, e.size());
        assertEquals(224, g.size());
        assertTrue(e.keySet().stream().allMatch(k -> k.startsWith("module.")));
        assertArrayEquals(new long[] {32, 3, 3, 3}, e.get("module.block0.conv1.module.weight_bar").shape());
        assertArrayEquals(new long[] {32}, e.get("module.block0.conv1.module.weight_u").shape());
        assertArrayEquals(new long[] {27}, e.get("module.block0.conv1.module.weight_v").shape());
        assertArrayEquals(new long[] {1}, g.get("module.attn1.gamma").shape());
        assertArrayEquals(new long[] {128, 128, 3, 3}, g.get("module.decoder0.conv1.module.weight_bar").shape());
        // the file's key order, as CPython lists it
        assertEquals(List.of("module.generator.conv1.module.bias", "module.generator.conv1.module.weight_u",
                "module.generator.conv1.module.weight_v", "module.generator.conv1.module.weight_bar"),
                g.keySet().stream().limit(4).toList());
    }

    @Test
    void aliasedKeysReadIdenticallyButIndependently() {
        Map<String, HostTensor> e = TorchCheckpoint.read(ReferenceFiles.checkpoint("E"));
        HostTensor conv1 = e.get("module.block0.conv1.module.weight_bar");
        HostTensor model0 = e.get("module.block0.model.0.module.weight_bar");
        assertArrayEquals(conv1.shape(), model0.shape());
        assertArrayEquals(conv1.data(), model0.data());
        assertNotSame(conv1.data(), model0.data());
        Map<String, HostTensor> g = TorchCheckpoint.read(ReferenceFiles.checkpoint("G"));
        assertArrayEquals(g.get("module.generator.conv1.module.bias").data(),
                g.get("module.generator.model.1.module.bias").data());
    }

    @Test
    void valuesMatchRawStorageBytes() throws IOException {
        Path eFile = ReferenceFiles.checkpoint("E");
        float[] e = TorchCheckpoint.read(eFile).get("module.block0.conv1.module.weight_bar").data();
        for (int i : new int[] {0, 1, 2, 3, 500, 863}) {
            assertEquals(rawFloat(eFile, E_BLOCK0_CONV1_WEIGHT_BAR_DATA + 4L * i), e[i], 0f, "element " + i);
        }
        assertEquals(0x3d81aa05, Float.floatToRawIntBits(e[0])); // 0.06331256777048111 per CPython + struct
        Path gFile = ReferenceFiles.checkpoint("G");
        Map<String, HostTensor> g = TorchCheckpoint.read(gFile);
        float[] w = g.get("module.decoder0.conv1.module.weight_bar").data();
        for (int i : new int[] {0, 1000, 77777, 147455}) {
            assertEquals(rawFloat(gFile, G_DECODER0_CONV1_WEIGHT_BAR_DATA + 4L * i), w[i], 0f, "element " + i);
        }
        assertEquals(0.3169882893562317f, g.get("module.attn1.gamma").data()[0], 0f);
        assertEquals(rawFloat(gFile, G_ATTN1_GAMMA_DATA), g.get("module.attn1.gamma").data()[0], 0f);
    }

    @Test
    void truncatedFileNamesFileAndTensor() throws IOException {
        Path copy = tmp.resolve("latest_net_G.pth");
        byte[] all = Files.readAllBytes(ReferenceFiles.checkpoint("G"));
        Files.write(copy, java.util.Arrays.copyOf(all, (int) G_DECODER0_CONV1_WEIGHT_BAR_DATA + 4000));
        CheckpointException ex = assertThrows(CheckpointException.class, () -> TorchCheckpoint.read(copy));
        assertEquals(copy + ": truncated in storage for 'module.decoder0.conv1.module.weight_bar'"
                + " (needs 147456 floats, has 1000)", ex.getMessage());

        Files.write(copy, java.util.Arrays.copyOf(all, 5000)); // inside the state-dict pickle
        ex = assertThrows(CheckpointException.class, () -> TorchCheckpoint.read(copy));
        assertTrue(ex.getMessage().startsWith(copy + ": truncated or corrupt state dict pickle"), ex.getMessage());
        assertEquals(1, ex.getMessage().lines().count());
    }

    @Test
    void randomBytesAndEmptyFilesAreNotCheckpoints() throws IOException {
        Path random = tmp.resolve("random.pth");
        byte[] bytes = new byte[4096];
        new Random(7).nextBytes(bytes);
        bytes[0] = 0x13;
        Files.write(random, bytes);
        CheckpointException ex = assertThrows(CheckpointException.class, () -> TorchCheckpoint.read(random));
        assertEquals(random + ": not a PyTorch checkpoint (neither a zip archive nor a legacy pickle)", ex.getMessage());

        bytes[0] = (byte) 0x80; // looks like a pickle, but is not the legacy magic sequence
        Files.write(random, bytes);
        ex = assertThrows(CheckpointException.class, () -> TorchCheckpoint.read(random));
        assertTrue(ex.getMessage().startsWith(random + ": "), ex.getMessage());

        Path empty = Files.createFile(tmp.resolve("empty.pth"));
        ex = assertThrows(CheckpointException.class, () -> TorchCheckpoint.read(empty));
        assertEquals(empty + ": empty file, not a PyTorch checkpoint", ex.getMessage());
        Path missing = tmp.resolve("missing.pth");
        ex = assertThrows(CheckpointException.class, () -> TorchCheckpoint.read(missing));
        assertTrue(ex.getMessage().startsWith(missing + ": cannot read"), ex.getMessage());
    }

    @Test
    void stripPrefixRemovesItWhereverPresent() {
        HostTensor a = new HostTensor(new long[] {1}, new float[] {1});
        HostTensor b = new HostTensor(new long[] {1}, new float[] {2});
        Map<String, HostTensor> in = new java.util.LinkedHashMap<>();
        in.put("module.x.module.weight", a);
        in.put("y", b);
        Map<String, HostTensor> out = TorchCheckpoint.stripPrefix(in, "module.");
        assertEquals(List.of("x.module.weight", "y"), List.copyOf(out.keySet()));
        in.put("x.module.weight", b);
        assertThrows(IllegalArgumentException.class, () -> TorchCheckpoint.stripPrefix(in, "module."));
    }

    private static float rawFloat(Path file, long offset) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            raf.seek(offset);
            return Float.intBitsToFloat(Integer.reverseBytes(raf.readInt())); // little-endian on disk
        }
    }
}
