package picnet.worker.training;

import picnet.worker.conformance.ReferenceFixture;
import picnet.worker.conformance.SharedFixture;

/** The shared reference fixture, located (and skipped or failed) by {@link SharedFixture}. */
final class FixtureSupport {
    private FixtureSupport() {}

    static ReferenceFixture open() {
        return ReferenceFixture.open(SharedFixture.dir());
    }
}
