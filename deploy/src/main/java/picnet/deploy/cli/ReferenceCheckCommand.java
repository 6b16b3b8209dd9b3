package picnet.deploy.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picnet.worker.conformance.Comparison;
import picnet.worker.conformance.ReferenceCheck;
import picnet.worker.conformance.ReferenceFixture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "reference-check", mixinStandardHelpOptions = true,
        description = "Run the inference path and the training objective on a reference fixture and compare "
                + "every tensor, loss and gradient with the authors' implementation. Exits 1 on any mismatch.")
final class ReferenceCheckCommand implements Callable<Integer> {
    @Option(names = "--fixture", description = "Fixture directory (default: $PICNET_REFERENCE_DIR or ../shared/conformance/picnet-reference).")
    Path fixture;

    @Override
    public Integer call() {
        ReferenceFixture f = ReferenceFixture.open(fixture != null ? fixture : ReferenceFixture.locate());
        List<Comparison> results = ReferenceCheck.run(f);
        int failed = 0;
        for (Comparison c : results) {
            System.out.printf("%-45s %-8s worst relative error %.2e (tolerance %.0e) %s%n", c.name(), c.kind(),
                    c.relativeError(), c.tolerance(), c.passed() ? "ok" : "FAIL");
            failed += c.passed() ? 0 : 1;
        }
        System.out.printf("%d compared, %d failed%n", results.size(), failed);
        return failed == 0 ? 0 : 1;
    }
}
