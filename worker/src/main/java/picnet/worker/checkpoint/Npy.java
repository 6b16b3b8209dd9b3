package picnet.worker.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads NumPy {@code .npy} files (format versions 1.0, 2.0 and 3.0) holding little-endian float32 in C order,
 * the only kind the reference fixture uses. Anything else fails clearly rather than being converted.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    /**
     * @throws CheckpointException if the file is missing, truncated, not a .npy, or not C-order {@code <f4}
     */
    public static HostTensor read(Path path) {
        String file = path.toString();
        try (InputStream in = Files.newInputStream(path)) {
            byte[] preamble = in.readNBytes(8);
            if (preamble.length < 8 || !startsWithMagic(preamble)) {
                throw new CheckpointException(file + ": not a .npy file (no \\x93NUMPY magic)");
            }
            int major = preamble[6];
            int lengthBytes = switch (major) {
                case 1 -> 2;
                case 2, 3 -> 4;
                default -> throw new CheckpointException(file + ": unsupported .npy format version " + major + "."
                        + preamble[7]);
            };
            byte[] lengthField = in.readNBytes(lengthBytes);
            if (lengthField.length < lengthBytes) {
                throw new CheckpointException(file + ": truncated .npy header");
            }
            ByteBuffer length = ByteBuffer.wrap(lengthField).order(ByteOrder.LITTLE_ENDIAN);
            long headerLength = lengthBytes == 2 ? length.getShort() & 0xffff : length.getInt() & 0xffffffffL;
            if (headerLength > 1 << 20) {
                throw new CheckpointException(file + ": implausible .npy header length " + headerLength);
            }
            byte[] headerBytes = in.readNBytes((int) headerLength);
            if (headerBytes.length < headerLength) {
                throw new CheckpointException(file + ": truncated .npy header");
            }
            String header = new String(headerBytes,
                    major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            long[] shape = parseHeader(file, header);
            long numel = 1;
            for (long d : shape) {
                numel *= d;
            }
            if (numel > (Integer.MAX_VALUE - 8) / 4) {
                throw new CheckpointException(file + ": " + numel + " elements, too many for one array");
            }
            byte[] data = in.readNBytes((int) numel * 4);
            if (data.length < numel * 4) {
                throw new CheckpointException(file + ": truncated data (needs " + numel + " floats, has "
                        + data.length / 4 + ")");
            }
            float[] values = new float[(int) numel];
            ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
            return new HostTensor(shape, values);
        } catch (IOException e) {
            throw new CheckpointException(file + ": cannot read (" + TorchCheckpoint.oneLine(e) + ")", e);
        }
    }

    private static long[] parseHeader(String file, String header) {
        Matcher descr = DESCR.matcher(header);
        Matcher fortran = FORTRAN.matcher(header);
        Matcher shape = SHAPE.matcher(header);
        if (!descr.find() || !fortran.find() || !shape.find()) {
            throw new CheckpointException(file + ": malformed .npy header " + header.trim());
        }
        if (!descr.group(1).equals("<f4")) {
            throw new CheckpointException(file + ": dtype '" + descr.group(1)
                    + "' not supported (only '<f4', little-endian float32)");
        }
        if (fortran.group(1).equals("True")) {
            throw new CheckpointException(file + ": Fortran-order arrays not supported (only C order)");
        }
        String dims = shape.group(1).trim();
        if (dims.isEmpty()) {
            return new long[0];
        }
        String[] parts = dims.split(",");
        int rank = parts[parts.length - 1].isBlank() ? parts.length - 1 : parts.length;
        long[] out = new long[rank];
        try {
            for (int i = 0; i < rank; i++) {
                out[i] = Long.parseLong(parts[i].trim().replace("L", ""));
                if (out[i] < 0) {
                    throw new NumberFormatException("negative");
                }
            }
        } catch (NumberFormatException e) {
            throw new CheckpointException(file + ": malformed shape (" + dims + ") in .npy header");
        }
        return out;
    }

    private static boolean startsWithMagic(byte[] preamble) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (preamble[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }
}
