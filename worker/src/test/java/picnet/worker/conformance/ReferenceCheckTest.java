package picnet.worker.conformance;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The model is the authors' function: every forward tensor, loss and gradient of the shared fixture
 * within the README's tolerances (the fixture is located by {@link SharedFixture}).
 */
class ReferenceCheckTest {
    @Test
    void everyTensorLossAndGradientMatchesTheReference() {
        ReferenceFixture fixture = ReferenceFixture.open(SharedFixture.dir());
        List<Comparison> results = ReferenceCheck.run(fixture);
        String report = results.stream()
                .map(c -> String.format("%-50s %-8s %.3e %s", c.name(), c.kind(), c.relativeError(), c.passed() ? "ok" : "FAIL"))
                .collect(Collectors.joining("\n"));
        System.out.println(report);
        Set<String> compared = results.stream().map(Comparison::name).collect(Collectors.toSet());
        for (String tensor : fixture.expectedTensors()) {
            assertTrue(compared.contains(tensor), "fixture tensor " + tensor + " was not compared");
        }
        for (String loss : List.of("kl_rec", "kl_g", "app_rec", "app_g", "ad_g", "ad_rec", "img_d", "img_d_rec", "total_g")) {
            assertTrue(compared.contains(loss), "loss " + loss + " was not compared");
        }
        assertFalse(results.stream().anyMatch(c -> !c.passed()), "reference mismatch:\n" + report);
    }
}
