package picnet.deploy.cli;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picnet.common.masks.MaskKind;
import picnet.worker.data.ImageSources;
import picnet.worker.evaluation.EvaluationReport;
import picnet.worker.evaluation.Evaluator;
import picnet.worker.evaluation.Lpips;
import picnet.worker.model.ModelLoader;
import picnet.worker.sampling.DiverseSampler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Complete every image of a test set and measure the model against two non-learned fills "
                + "(mean colour, diffusion): L1, PSNR, TV, SSIM of the best and the mean kept sample, and the "
                + "diversity of the samples inside the hole.",
            "Writes report.json, report.html and example pictures to --out."})
final class EvaluateCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "Model directory (picnet format or the authors' checkpoints).")
    Path model;

    @Option(names = "--data", required = true, description = "Folder of images (searched recursively) or a .flist file.")
    Path data;

    @Option(names = "--masks", defaultValue = "center", split = ",", converter = MaskKindConverter.class,
            description = "Mask kinds, comma-separated: center, regular, irregular (default: ${DEFAULT-VALUE}).")
    List<MaskKind> masks;

    @Option(names = "--samples", defaultValue = "50", description = "Completions drawn per image, 1..100 (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--top", defaultValue = "10", description = "Best completions kept and measured (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--out", required = true, description = "Report directory.")
    Path out;

    @Option(names = "--lpips", description = "LPIPS network as a TorchScript file: adds pairwise LPIPS diversity.")
    Path lpips;

    @Option(names = "--limit", description = "Evaluate only the first N images (in sorted order).")
    Integer limit;

    @Option(names = "--seed", defaultValue = "0", description = "Image i uses seed + i for its mask and samples (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--examples", defaultValue = "4", description = "Image-mask pairs pictured in the HTML report (default: ${DEFAULT-VALUE}).")
    int examples;

    @Option(names = "--size", defaultValue = "" + Evaluator.Options.PAPER_SIZE,
            description = "Side of the square test images; a model of another size completes them as when serving "
                    + "(default: ${DEFAULT-VALUE}, the paper's).")
    int size;

    @Option(names = "--batch", defaultValue = "" + DiverseSampler.DEFAULT_BATCH, description = "Samples per forward (default: ${DEFAULT-VALUE}).")
    int batch;

    @Mixin
    DeviceOption device;

    @Override
    public Integer call() {
        if (limit != null && limit < 1) {
            throw new IllegalArgumentException("--limit must be positive, got " + limit);
        }
        List<Path> files = ImageSources.list(data);
        if (limit != null && limit < files.size()) {
            files = files.subList(0, limit);
        }
        Evaluator.Options options = new Evaluator.Options(masks, samples, Math.min(top, samples), seed, examples, size);
        Device where = device.resolve();
        EvaluationReport report;
        try (DiverseSampler sampler = new DiverseSampler(ModelLoader.load(model, where, 256), batch);
                Lpips network = lpips == null ? null : Lpips.load(lpips, where);
                ProgressReporter progress = ProgressReporter.create("evaluating", (long) files.size() * masks.size())) {
            report = new Evaluator(sampler, network, options).run(files, out, model.getFileName().toString(),
                    (result, done, total) -> progress.onSample(null, done, total));
        }
        EvaluationReport.MethodSummary m = report.summary().get(EvaluationReport.ALL).get(Evaluator.MODEL);
        System.out.printf("%d image-mask pairs: model best L1 %.2f PSNR %.2f (hole: L1 %.2f PSNR %.2f); wrote %s%n",
                report.images().size(), m.best().l1(), m.best().psnr(), m.best().holeL1(), m.best().holePsnr(),
                out.resolve("report.html"));
        return 0;
    }
}
