package picnet.deploy.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picnet.worker.evaluation.EvaluationReport;
import picnet.worker.evaluation.ReportComparison;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compare two evaluation reports of the same test set image by image: the second model minus the first "
                + "inside the hole (its best kept sample), with a 95%% interval. An interval that excludes 0 is a real difference.",
            "Example: picnet compare reports/shipped reports/candidate"})
final class CompareCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FIRST", description = "Report directory (or its report.json) of the first model.")
    Path first;

    @Parameters(index = "1", paramLabel = "SECOND", description = "Report directory (or its report.json) of the second model.")
    Path second;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Map<String, EvaluationReport.Comparison> comparisons = ReportComparison.secondMinusFirst(first, second);
        var out = spec.commandLine().getOut();
        out.println("second minus first, paired image by image (95% interval); below 0 in L1 and above 0 in PSNR favour the second:");
        comparisons.forEach((kind, c) -> out.println(kind + ": hole L1 " + c.holeL1().format("±") + ", hole PSNR "
                + c.holePsnr().format("±") + " dB (" + c.holeL1().pairs() + " pairs)"));
        return 0;
    }
}
