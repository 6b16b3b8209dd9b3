package picnet.worker.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared reference fixture for tests: {@link ReferenceFixture#locate()}. Where it is absent, tests
 * that need it are skipped visibly, except with {@code CI=true}, where its absence fails them.
 */
public final class SharedFixture {
    private SharedFixture() {}

    public static Path dir() {
        Path dir = ReferenceFixture.locate();
        boolean present = Files.isRegularFile(dir.resolve("manifest.json"));
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(present, "CI=true but the reference fixture is missing at " + dir.toAbsolutePath()
                    + " (set " + ReferenceFixture.ENV + ")");
        }
        assumeTrue(present, "reference fixture not found at " + dir.toAbsolutePath());
        return dir;
    }
}
