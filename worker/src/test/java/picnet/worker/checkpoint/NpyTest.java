package picnet.worker.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {
    @TempDir
    Path tmp;

    @Test
    void readsDiscriminatorScore() {
        HostTensor score = Npy.read(ReferenceFiles.tensor("test_d_score"));
        assertArrayEquals(new long[] {1, 1, 6, 6}, score.shape());
        // numpy.load(...).ravel()
        assertEquals(-0.04711059108376503f, score.data()[0], 0f);
        assertEquals(-0.050371263176202774f, score.data()[1], 0f);
        assertEquals(-0.04835603013634682f, score.data()[2], 0f);
        assertEquals(-0.06402432918548584f, score.data()[35], 0f);
    }

    @Test
    void everyFixtureTensorHasTheManifestShape() throws IOException {
        JsonNode shapes = new ObjectMapper().readTree(ReferenceFiles.dir().resolve("manifest.json").toFile())
                .get("tensors");
        int checked = 0;
        for (Map.Entry<String, JsonNode> entry : shapes.properties()) {
            HostTensor t = Npy.read(ReferenceFiles.tensor(entry.getKey()));
            long[] expected = new long[entry.getValue().size()];
            for (int i = 0; i < expected.length; i++) {
                expected[i] = entry.getValue().get(i).asLong();
            }
            assertArrayEquals(expected, t.shape(), entry.getKey());
            checked++;
        }
        try (var files = Files.list(ReferenceFiles.dir().resolve("tensors"))) {
            assertEquals(files.filter(f -> f.toString().endsWith(".npy")).count(), checked); // every file covered
        }
        assertTrue(checked >= 50);
    }

    @Test
    void fixtureTensorsAgreeWithTheirDefinitions() {
        // z = mu + std * eps, img_truth = 2 * image - 1, img_m = mask * img_truth: exact in float32
        float[] z = Npy.read(ReferenceFiles.tensor("test_z")).data();
        float[] mu = Npy.read(ReferenceFiles.tensor("test_q_mu")).data();
        float[] std = Npy.read(ReferenceFiles.tensor("test_q_std")).data();
        float[] eps = Npy.read(ReferenceFiles.tensor("test_eps")).data();
        for (int i = 0; i < z.length; i++) {
            assertEquals(mu[i] + std[i] * eps[i], z[i], 0f, "z[" + i + "]");
        }
        float[] image = Npy.read(ReferenceFiles.tensor("image")).data();
        float[] truth = Npy.read(ReferenceFiles.tensor("img_truth")).data();
        float[] mask = Npy.read(ReferenceFiles.tensor("mask")).data();
        float[] masked = Npy.read(ReferenceFiles.tensor("img_m")).data();
        for (int i = 0; i < image.length; i++) {
            assertEquals(2 * image[i] - 1, truth[i], 0f);
            assertEquals(mask[i] * truth[i], masked[i], 0f);
        }
    }

    @Test
    void readsVersion2AndScalars() throws IOException {
        Path v2 = write("v2.npy", 2, "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 1), }", 1.5f, -3f);
        HostTensor t = Npy.read(v2);
        assertArrayEquals(new long[] {2, 1}, t.shape());
        assertArrayEquals(new float[] {1.5f, -3f}, t.data());
        HostTensor scalar = Npy.read(write("s.npy", 1, "{'descr': '<f4', 'fortran_order': False, 'shape': (), }", 9f));
        assertArrayEquals(new long[] {}, scalar.shape());
        assertArrayEquals(new float[] {9f}, scalar.data());
    }

    @Test
    void failsClearlyOnWhatItDoesNotRead() throws IOException {
        assertFails(write("f8.npy", 1, "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", 0f, 0f),
                "dtype '<f8' not supported (only '<f4', little-endian float32)");
        assertFails(write("be.npy", 1, "{'descr': '>f4', 'fortran_order': False, 'shape': (1,), }", 0f),
                "dtype '>f4' not supported");
        assertFails(write("f.npy", 1, "{'descr': '<f4', 'fortran_order': True, 'shape': (1, 2), }", 0f, 0f),
                "Fortran-order arrays not supported (only C order)");
        assertFails(write("short.npy", 1, "{'descr': '<f4', 'fortran_order': False, 'shape': (4,), }", 1f),
                "truncated data (needs 4 floats, has 1)");
        assertFails(write("bad.npy", 1, "{'descr': '<f4', 'shape': (4,), }", 1f), "malformed .npy header");
        Path notNpy = tmp.resolve("x.npy");
        Files.writeString(notNpy, "PK\u0003\u0004 not numpy");
        assertFails(notNpy, "not a .npy file");
    }

    private void assertFails(Path file, String messagePart) {
        CheckpointException ex = assertThrows(CheckpointException.class, () -> Npy.read(file));
        assertTrue(ex.getMessage().startsWith(file + ": "), ex.getMessage());
        assertTrue(ex.getMessage().contains(messagePart), ex.getMessage());
    }

    /** Writes a .npy file the way numpy does: header padded with spaces and a newline to 64 bytes. */
    private Path write(String name, int version, String dict, float... values) throws IOException {
        int prefix = version == 1 ? 10 : 12;
        StringBuilder header = new StringBuilder(dict);
        while ((prefix + header.length() + 1) % 64 != 0) {
            header.append(' ');
        }
        header.append('\n');
        byte[] h = header.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(prefix + h.length + 4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) version, 0});
        if (version == 1) {
            b.putShort((short) h.length);
        } else {
            b.putInt(h.length);
        }
        b.put(h);
        for (float v : values) {
            b.putFloat(v);
        }
        Path file = tmp.resolve(name);
        Files.write(file, b.array());
        return file;
    }
}
