package picnet.worker.checkpoint;

import java.nio.file.Path;
import picnet.worker.conformance.SharedFixture;

/**
 * Files of the authors' reference fixture, located by {@link SharedFixture}.
 */
final class ReferenceFiles {
    private ReferenceFiles() {
    }

    static Path dir() {
        return SharedFixture.dir();
    }

    static Path checkpoint(String network) {
        return dir().resolve("checkpoints/latest_net_" + network + ".pth");
    }

    static Path tensor(String name) {
        return dir().resolve("tensors/" + name + ".npy");
    }
}
