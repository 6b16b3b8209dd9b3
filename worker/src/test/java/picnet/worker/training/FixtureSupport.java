package picnet.worker.training;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import picnet.worker.conformance.ReferenceFixture;

/** The shared reference fixture, or a skipped test where it is absent (a failure with CI=true). */
final class FixtureSupport {
    private FixtureSupport() {}

    static ReferenceFixture open() {
        Path dir = ReferenceFixture.locate();
        boolean present = Files.isRegularFile(dir.resolve("manifest.json"));
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(present, "CI=true but the reference fixture is missing at " + dir.toAbsolutePath());
        }
        assumeTrue(present, "reference fixture not found at " + dir.toAbsolutePath());
        return ReferenceFixture.open(dir);
    }
}
