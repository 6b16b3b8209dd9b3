package picnet.worker.evaluation;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a tiny TorchScript archive by hand (no Python or torch needed): a module whose forward is
 * {@code mean(|x - y|)}. It stands in for a real LPIPS network, which cannot be downloaded here, so
 * the loading and calling of {@link Lpips} is exercised; on [-1, 1] inputs its value is
 * {@code 2 * L1 / 255} of the two images.
 */
final class ToyTorchScript {
    private ToyTorchScript() {}

    /** pickle protocol 2 of an object of class {@code __torch__.Toy} with state {@code {"training": False}}. */
    private static final byte[] DATA = concat(new byte[] {(byte) 0x80, 2}, ascii("c__torch__\nToy\nq"),
            new byte[] {0, ')', (byte) 0x81, 'q', 1, '}', 'q', 2, 'X', 8, 0, 0, 0}, ascii("trainingq"),
            new byte[] {3, (byte) 0x89, 's', 'b', '.'});
    private static final byte[] EMPTY_TUPLE = {(byte) 0x80, 2, ')', '.'};
    private static final String CODE = """
            class Toy(Module):
              __parameters__ = []
              __buffers__ = []
              training : bool
              def forward(self: __torch__.Toy,
                x: Tensor,
                y: Tensor) -> Tensor:
                _0 = torch.mean(torch.abs(torch.sub(x, y)))
                return _0
            """;

    static Path write(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            stored(zip, "toy/data.pkl", DATA);
            stored(zip, "toy/code/__torch__.py", CODE.getBytes(StandardCharsets.UTF_8));
            stored(zip, "toy/constants.pkl", EMPTY_TUPLE);
            stored(zip, "toy/version", ascii("3\n"));
        }
        return file;
    }

    private static void stored(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(bytes.length);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        e.setCrc(crc.getValue());
        zip.putNextEntry(e);
        zip.write(bytes);
        zip.closeEntry();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
