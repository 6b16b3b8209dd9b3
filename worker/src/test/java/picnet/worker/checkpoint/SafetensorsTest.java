package picnet.worker.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {
    private static final float[] SPECIALS = {
        Float.NaN, Float.intBitsToFloat(0x7fc12345), Float.intBitsToFloat(0xffc00000),
        Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0.0f, 0.0f,
        Float.MIN_VALUE, Float.intBitsToFloat(0x007fffff), -Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE,
        -Float.MAX_VALUE, 1f / 3, 0.1f, -123456.789f};

    @TempDir
    Path tmp;

    @Test
    void f32RoundTripIsBitExact() {
        Map<String, HostTensor> tensors = sample();
        Path file = tmp.resolve("f32.safetensors");
        Safetensors.write(file, tensors, Map.of("format", "pt", "network", "G"), Safetensors.Dtype.F32);
        SafetensorsFile back = Safetensors.read(file);
        assertEquals(Map.of("format", "pt", "network", "G"), back.metadata());
        assertEquals(List.of("a.scalar", "b.empty", "specials", "z.weight"), List.copyOf(back.tensors().keySet()));
        tensors.forEach((name, t) -> {
            HostTensor b = back.tensors().get(name);
            assertArrayEquals(t.shape(), b.shape(), name);
            assertArrayEquals(bits(t.data()), bits(b.data()), name);
        });
    }

    @Test
    void f16RoundTripKeepsHalfPrecision() {
        Map<String, HostTensor> tensors = sample();
        Path file = tmp.resolve("f16.safetensors");
        Safetensors.write(file, tensors, null, Safetensors.Dtype.F16);
        SafetensorsFile back = Safetensors.read(file);
        assertEquals(Map.of(), back.metadata());
        float[] original = tensors.get("z.weight").data();
        float[] half = back.tensors().get("z.weight").data();
        for (int i = 0; i < original.length; i++) {
            assertEquals(HalfPrecision.roundToHalf(original[i]), half[i], 0f);
            // half precision: relative error 2^-11 for normals, absolute 2^-25 in the subnormal range
            float bound = Math.max(Math.abs(original[i]) * 0x1p-11f, 0x1p-25f);
            assertTrue(Math.abs(original[i] - half[i]) <= bound, "element " + i);
        }
        float[] specials = back.tensors().get("specials").data();
        assertTrue(Float.isNaN(specials[0]) && Float.isNaN(specials[1]) && Float.isNaN(specials[2]));
        assertEquals(Float.POSITIVE_INFINITY, specials[3]);
        assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(specials[5]));
        assertEquals(0f, specials[7]); // float32 denormals underflow in half precision
        assertEquals(Float.POSITIVE_INFINITY, specials[11]);
        assertEquals(file.toFile().length(), 8 + headerLength(file) + 2L * (1 + 0 + SPECIALS.length + 4 * 8 * 3 * 3));
    }

    @Test
    void headerIsAlignedSortedAndContiguous() throws IOException {
        Path file = tmp.resolve("layout.safetensors");
        Safetensors.write(file, sample(), Map.of("format", "pt"), Safetensors.Dtype.F32);
        long n = headerLength(file);
        byte[] all = Files.readAllBytes(file);
        assertEquals(0, n % 8);
        String header = new String(all, 8, (int) n, StandardCharsets.UTF_8);
        assertTrue(header.startsWith("{"));
        assertTrue(header.stripTrailing().endsWith("}"));
        assertTrue(header.substring(header.stripTrailing().length()).chars().allMatch(c -> c == ' '));
        JsonNode json = new ObjectMapper().readTree(header);
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("__metadata__", "a.scalar", "b.empty", "specials", "z.weight"), names);
        long expected = 0;
        for (String name : names.subList(1, names.size())) {
            assertEquals("F32", json.get(name).get("dtype").asText());
            assertEquals(expected, json.get(name).get("data_offsets").get(0).asLong(), name);
            expected = json.get(name).get("data_offsets").get(1).asLong();
        }
        assertEquals(all.length, 8 + n + expected);
        assertEquals("[]", json.get("a.scalar").get("shape").toString());
        assertEquals("[0,3]", json.get("b.empty").get("shape").toString());
    }

    @Test
    void readsAFileWrittenByPythonSafetensors() throws URISyntaxException {
        // written by safetensors.numpy.save_file (0.8.0): it orders the buffer by dtype size, not by name
        Path file = Path.of(getClass().getResource("python_written.safetensors").toURI());
        SafetensorsFile f = Safetensors.read(file);
        assertEquals(Map.of("format", "pt", "writer", "safetensors.numpy 0.8.0"), f.metadata());
        assertArrayEquals(new float[] {1f, -2.5f, 3.25f, Float.POSITIVE_INFINITY, -0.0f, 1e-40f},
                f.tensors().get("b.weight").data());
        assertArrayEquals(new long[] {2, 3}, f.tensors().get("b.weight").shape());
        assertArrayEquals(new float[] {0.5f, -65504f, 0x1p-24f}, f.tensors().get("a.bias").data());
        assertArrayEquals(new float[] {0.1f, Float.POSITIVE_INFINITY}, f.tensors().get("c.double").data());
        assertArrayEquals(new long[] {}, f.tensors().get("scalar").shape());
        assertArrayEquals(new float[] {7f}, f.tensors().get("scalar").data());
    }

    @Test
    void truncatedFileFailsNamingFileAndTensor() throws IOException {
        Path file = tmp.resolve("full.safetensors");
        Safetensors.write(file, sample(), null, Safetensors.Dtype.F32);
        byte[] all = Files.readAllBytes(file);
        Path cut = tmp.resolve("cut.safetensors");
        Files.write(cut, Arrays.copyOf(all, all.length - 10));
        CheckpointException ex = assertThrows(CheckpointException.class, () -> Safetensors.read(cut));
        assertTrue(ex.getMessage().startsWith(cut + ": tensor 'z.weight' has data_offsets"), ex.getMessage());
        assertTrue(ex.getMessage().endsWith("(file truncated?)"), ex.getMessage());

        Files.write(cut, Arrays.copyOf(all, 40)); // inside the header
        ex = assertThrows(CheckpointException.class, () -> Safetensors.read(cut));
        assertTrue(ex.getMessage().startsWith(cut + ": truncated (header of"), ex.getMessage());
        Files.write(cut, Arrays.copyOf(all, 5));
        ex = assertThrows(CheckpointException.class, () -> Safetensors.read(cut));
        assertEquals(cut + ": truncated (5 bytes, no header length)", ex.getMessage());
    }

    @Test
    void rejectsMalformedHeaders() throws IOException {
        String a = "\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}";
        assertRejected("{" + a + ",\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12,
                "tensor 'b' data_offsets [4, 12] overlap tensor 'a'");
        assertRejected("{" + a + ",\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[12,16]}}", 16,
                "tensor 'b' data_offsets [12, 16] leave a hole at byte 8");
        assertRejected("{" + a + "}", 4, "tensor 'a' has data_offsets [0, 8] outside the 4-byte data buffer");
        assertRejected("{" + a + "}", 12, "4 bytes after the last tensor are not indexed by the header");
        assertRejected("{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8,
                "tensor 'a' has data_offsets [0, 8] holding 8 bytes, but shape [3] F32 needs 12");
        assertRejected("{\"a\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]}}", 8,
                "tensor 'a' has dtype I64, not supported (F32, F16, BF16, F64)");
        assertRejected("{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,8]}}", 8,
                "tensor 'a' has an invalid shape");
        assertRejected("{\"a\":{\"dtype\":\"F32\",\"shape\":[2]}}", 8, "tensor 'a' has a malformed entry");
        assertRejected("{" + a + "," + a + "}", 8, "malformed header JSON (Duplicate field 'a')");
        assertRejected("{" + a + "} trailing", 8, "malformed header JSON");
        assertRejected("[1, 2]", 0, "malformed header (does not start with '{')");
        assertRejected("{\"__metadata__\":{\"n\":1}}", 0, "malformed header (__metadata__ value 'n' is not a string)");
        Path huge = tmp.resolve("huge.safetensors");
        Files.write(huge, ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40).array());
        CheckpointException ex = assertThrows(CheckpointException.class, () -> Safetensors.read(huge));
        assertEquals(huge + ": invalid header length 1099511627776", ex.getMessage());
    }

    @Test
    void refusesReservedTensorName() {
        Map<String, HostTensor> bad = Map.of("__metadata__", new HostTensor(new long[] {1}, new float[1]));
        Path file = tmp.resolve("bad.safetensors");
        assertThrows(CheckpointException.class, () -> Safetensors.write(file, bad, null, Safetensors.Dtype.F32));
        assertTrue(Files.notExists(file));
    }

    private void assertRejected(String header, int bufferBytes, String expectedMessagePart) throws IOException {
        Path file = tmp.resolve("malformed.safetensors");
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + json.length + bufferBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(json.length).put(json);
        Files.write(file, b.array());
        CheckpointException ex = assertThrows(CheckpointException.class, () -> Safetensors.read(file), header);
        assertTrue(ex.getMessage().startsWith(file + ": "), ex.getMessage());
        assertTrue(ex.getMessage().contains(expectedMessagePart), ex.getMessage());
        assertEquals(1, ex.getMessage().lines().count(), ex.getMessage());
    }

    private static Map<String, HostTensor> sample() {
        Map<String, HostTensor> tensors = new LinkedHashMap<>();
        float[] w = new float[4 * 8 * 3 * 3];
        Random random = new Random(42);
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(6) - 3));
        }
        tensors.put("z.weight", new HostTensor(new long[] {4, 8, 3, 3}, w));
        tensors.put("specials", new HostTensor(new long[] {SPECIALS.length}, SPECIALS.clone()));
        tensors.put("a.scalar", new HostTensor(new long[] {}, new float[] {2.5f}));
        tensors.put("b.empty", new HostTensor(new long[] {0, 3}, new float[0]));
        return tensors;
    }

    private static long headerLength(Path file) {
        try {
            byte[] head = Arrays.copyOf(Files.readAllBytes(file), 8);
            return ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN).getLong();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static int[] bits(float[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Float.floatToRawIntBits(values[i]);
        }
        return out;
    }
}
