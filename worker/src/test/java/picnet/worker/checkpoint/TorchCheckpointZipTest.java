package picnet.worker.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picnet.worker.checkpoint.TorchZipCheckpointWriter.Entry;
import picnet.worker.checkpoint.TorchZipCheckpointWriter.Storage;

/** The zip serialization of PyTorch >= 1.6, written by {@link TorchZipCheckpointWriter}. */
class TorchCheckpointZipTest {
    @TempDir
    Path tmp;

    @Test
    void legacyToZipReadsBackBitIdenticallyWithAndWithoutPrefix() throws IOException {
        for (String network : List.of("E", "G", "D", "D_rec")) {
            Map<String, HostTensor> legacy = TorchCheckpoint.read(ReferenceFiles.checkpoint(network));
            Path prefixed = tmp.resolve(network + "_prefixed.pt");
            TorchZipCheckpointWriter.write(prefixed, legacy);
            assertBitIdentical(legacy, TorchCheckpoint.read(prefixed));

            Map<String, HostTensor> stripped = TorchCheckpoint.stripPrefix(legacy, "module.");
            Path plain = tmp.resolve(network + "_plain.pt");
            TorchZipCheckpointWriter.write(plain, stripped);
            Map<String, HostTensor> back = TorchCheckpoint.read(plain);
            assertBitIdentical(stripped, back);
            assertTrue(back.keySet().stream().noneMatch(k -> k.startsWith("module.")));
        }
    }

    @Test
    void writerProducesTorchLayout() throws IOException {
        Path file = tmp.resolve("layout.pt");
        TorchZipCheckpointWriter.write(file, Map.of("w", new HostTensor(new long[] {2}, new float[] {1, 2})));
        try (ZipFile zip = new ZipFile(file.toFile())) {
            assertEquals(List.of("archive/data.pkl", "archive/data/0", "archive/version"),
                    zip.stream().map(java.util.zip.ZipEntry::getName).toList());
            assertEquals("3\n", new String(zip.getInputStream(zip.getEntry("archive/version")).readAllBytes()));
        }
    }

    @Test
    void gathersNonContiguousAndOffsetViewsOfOneStorage() throws IOException {
        float[] storage = new float[12];
        for (int i = 0; i < storage.length; i++) {
            storage[i] = i;
        }
        Path file = tmp.resolve("views.pt");
        TorchZipCheckpointWriter.write(file, List.of(
                new Entry("transposed", "0", 1, new long[] {3, 2}, new long[] {1, 3}), // t[i][j] = s[1 + i + 3j]
                new Entry("window", "0", 2, new long[] {2, 2}, new long[] {2, 1}),     // s[2 + 2i + j]
                new Entry("strided4d", "0", 0, new long[] {2, 1, 2, 2}, new long[] {6, 99, 1, 3}),
                new Entry("scalar", "0", 11, new long[] {}, new long[] {}),
                new Entry("whole", "0", 0, new long[] {12}, new long[] {1})),
                Map.of("0", Storage.float32(storage)), false);
        Map<String, HostTensor> t = TorchCheckpoint.read(file);
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, t.get("transposed").data());
        assertArrayEquals(new long[] {3, 2}, t.get("transposed").shape());
        assertArrayEquals(new float[] {2, 3, 4, 5}, t.get("window").data());
        assertArrayEquals(new float[] {0, 3, 1, 4, 6, 9, 7, 10}, t.get("strided4d").data());
        assertArrayEquals(new float[] {11}, t.get("scalar").data());
        assertArrayEquals(new long[] {}, t.get("scalar").shape());
        assertArrayEquals(storage, t.get("whole").data());
        assertEquals(List.of("transposed", "window", "strided4d", "scalar", "whole"), List.copyOf(t.keySet()));
    }

    @Test
    void convertsOtherStorageTypesToFloat32() throws IOException {
        Map<String, Storage> storages = new LinkedHashMap<>();
        // float16: 1.5, -2, 65504 (largest), 2^-24 (smallest subnormal)
        storages.put("h", new Storage("HalfStorage", le(2, b -> b.putShort((short) 0x3E00).putShort((short) 0xC000)
                .putShort((short) 0x7BFF).putShort((short) 0x0001)), 4));
        storages.put("bf", new Storage("BFloat16Storage", le(2, b -> b.putShort((short) 0x3FC0)
                .putShort((short) 0xC2F7)), 2));
        storages.put("d", new Storage("DoubleStorage", le(8, b -> b.putDouble(0.1).putDouble(-1e300)), 2));
        storages.put("l", new Storage("LongStorage", le(8, b -> b.putLong(7).putLong(-3)), 2));
        storages.put("i", new Storage("IntStorage", le(4, b -> b.putInt(123456).putInt(-1)), 2));
        Path file = tmp.resolve("types.pt");
        TorchZipCheckpointWriter.write(file, List.of(
                new Entry("half", "h", 0, new long[] {4}, new long[] {1}),
                new Entry("bf16", "bf", 0, new long[] {2}, new long[] {1}),
                new Entry("double", "d", 0, new long[] {2}, new long[] {1}),
                new Entry("long", "l", 0, new long[] {2}, new long[] {1}),
                new Entry("int", "i", 1, new long[] {1}, new long[] {1})), storages, false);
        Map<String, HostTensor> t = TorchCheckpoint.read(file);
        assertArrayEquals(new float[] {1.5f, -2f, 65504f, 0x1p-24f}, t.get("half").data());
        assertArrayEquals(new float[] {1.5f, -123.5f}, t.get("bf16").data());
        assertArrayEquals(new float[] {0.1f, Float.NEGATIVE_INFINITY}, t.get("double").data());
        assertArrayEquals(new float[] {7f, -3f}, t.get("long").data());
        assertArrayEquals(new float[] {-1f}, t.get("int").data());
    }

    @Test
    void untypedStorageIsTypedByTheTensorDtype() throws IOException {
        byte[] bytes = le(1, b -> b.putShort((short) 0x3E00).putShort((short) 0xC000).putFloat(0.1f));
        Path file = tmp.resolve("untyped.pt");
        TorchZipCheckpointWriter.write(file, List.of(
                new Entry("halves", "0", 0, new long[] {2}, new long[] {1}, "float16", false),
                new Entry("float", "0", 1, new long[] {}, new long[] {}, "float32", false)), // offset in float32 units
                Map.of("0", new Storage("UntypedStorage", bytes, bytes.length)), false);
        Map<String, HostTensor> t = TorchCheckpoint.read(file);
        assertArrayEquals(new float[] {1.5f, -2f}, t.get("halves").data());
        assertArrayEquals(new float[] {0.1f}, t.get("float").data());

        TorchZipCheckpointWriter.write(file, List.of(new Entry("x", "0", 0, new long[] {1}, new long[] {1})),
                Map.of("0", new Storage("UntypedStorage", bytes, bytes.length)), false);
        CheckpointException ex = assertThrows(CheckpointException.class, () -> TorchCheckpoint.read(file));
        assertEquals(file + ": unsupported or corrupt data.pkl (tensor on untyped storage 0 without a dtype)",
                ex.getMessage());
    }

    @Test
    void readsSavedParameters() throws IOException {
        Path file = tmp.resolve("parameters.pt");
        TorchZipCheckpointWriter.write(file, List.of(
                new Entry("gamma", "0", 0, new long[] {1}, new long[] {1}, null, true),
                new Entry("beta", "0", 1, new long[] {1}, new long[] {1}, null, true)),
                Map.of("0", Storage.float32(0.25f, -4f)), false);
        Map<String, HostTensor> t = TorchCheckpoint.read(file);
        assertArrayEquals(new float[] {0.25f}, t.get("gamma").data());
        assertArrayEquals(new float[] {-4f}, t.get("beta").data());
    }

    @Test
    void toleratesStateDictMetadataAttribute() throws IOException {
        Path file = tmp.resolve("metadata.pt");
        TorchZipCheckpointWriter.write(file, List.of(new Entry("a.weight", "0", 0, new long[] {2}, new long[] {1})),
                Map.of("0", Storage.float32(3f, 4f)), true);
        assertArrayEquals(new float[] {3f, 4f}, TorchCheckpoint.read(file).get("a.weight").data());
    }

    @Test
    void storageShorterThanTensorNeedsFails() throws IOException {
        Path file = tmp.resolve("short.pt");
        TorchZipCheckpointWriter.write(file, List.of(
                new Entry("module.ok", "0", 0, new long[] {10}, new long[] {1}),
                new Entry("module.conv.weight", "0", 0, new long[] {4, 4}, new long[] {4, 1})),
                Map.of("0", Storage.float32(new float[10])), false);
        CheckpointException ex = assertThrows(CheckpointException.class, () -> TorchCheckpoint.read(file));
        assertEquals(file + ": storage for 'module.conv.weight' too short (needs 16 floats, has 10)", ex.getMessage());
    }

    @Test
    void truncatedZipFails() throws IOException {
        Path file = tmp.resolve("full.pt");
        TorchZipCheckpointWriter.write(file, Map.of("w", new HostTensor(new long[] {256}, new float[256])));
        byte[] all = Files.readAllBytes(file);
        Path cut = tmp.resolve("cut.pt");
        Files.write(cut, Arrays.copyOf(all, all.length / 2));
        CheckpointException ex = assertThrows(CheckpointException.class, () -> TorchCheckpoint.read(cut));
        assertTrue(ex.getMessage().startsWith(cut + ": corrupt or truncated zip archive"), ex.getMessage());
        assertEquals(1, ex.getMessage().lines().count());
    }

    private static void assertBitIdentical(Map<String, HostTensor> expected, Map<String, HostTensor> actual) {
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(actual.keySet()));
        expected.forEach((name, t) -> {
            HostTensor a = actual.get(name);
            assertArrayEquals(t.shape(), a.shape(), name);
            for (int i = 0; i < t.data().length; i++) {
                if (Float.floatToRawIntBits(t.data()[i]) != Float.floatToRawIntBits(a.data()[i])) {
                    throw new AssertionError(name + "[" + i + "]: " + t.data()[i] + " != " + a.data()[i]);
                }
            }
        });
    }

    private static byte[] le(int elementSize, java.util.function.Consumer<ByteBuffer> fill) {
        ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        fill.accept(b);
        return Arrays.copyOf(b.array(), b.position());
    }
}
