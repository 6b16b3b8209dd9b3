package picnet.worker.checkpoint;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the authors' reference fixture ({@code shared/conformance/picnet-reference}): from
 * {@code PICNET_REFERENCE_DIR}, else the nearest {@code shared/} folder above the working directory.
 * Tests that need it are skipped, visibly, where it is absent.
 */
final class ReferenceFiles {
    private ReferenceFiles() {
    }

    static Path dir() {
        String env = System.getenv("PICNET_REFERENCE_DIR");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/conformance/picnet-reference");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        assumeTrue(false, "reference fixture shared/conformance/picnet-reference not found");
        return null;
    }

    static Path checkpoint(String network) {
        return dir().resolve("checkpoints/latest_net_" + network + ".pth");
    }

    static Path tensor(String name) {
        return dir().resolve("tensors/" + name + ".npy");
    }
}
