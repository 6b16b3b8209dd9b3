package picnet.deploy.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picnet.common.masks.MaskKind;
import picnet.worker.data.TrainingDataset;
import picnet.worker.training.DiscriminatorAugment;
import picnet.worker.training.Trainer;
import picnet.worker.training.TrainingListener;
import picnet.worker.training.TrainingOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train PICNet on a folder of images (or a .flist), with checkpoints, previews and --resume.")
final class TrainCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, description = "Folder of PNG/JPEG images (recursive) or a .flist file of paths.")
    Path data;

    @Option(names = "--out", required = true, description = "Run directory: checkpoints/ and previews/ are written there.")
    Path out;

    @Option(names = "--size", defaultValue = "256", description = "Training image size, a multiple of 32, >= 96 (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--batch", defaultValue = "4", description = "Images per step (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--steps", description = "Step count to stop at (default: niter + niter-decay).")
    Long steps;

    @Option(names = "--niter", defaultValue = "200000", description = "Steps at the initial learning rate (default: ${DEFAULT-VALUE}).")
    long niter;

    @Option(names = "--niter-decay", defaultValue = "0", description = "Steps of linear decay to zero after niter (default: ${DEFAULT-VALUE}).")
    long niterDecay;

    @Option(names = "--warmup", defaultValue = "0",
            description = "Steps over which all learning rates rise linearly from near 0 to their value, for a run "
                    + "started with --init (its optimisers start without state); 0 is the authors' schedule "
                    + "(default: ${DEFAULT-VALUE}).")
    long warmup;

    @Option(names = "--lr", defaultValue = "1e-4",
            description = "Initial learning rate of both Adam optimisers (default: ${DEFAULT-VALUE}, the paper's).")
    float learningRate;

    @Option(names = "--d-lr", description = "Initial learning rate of the discriminators' Adam (D and D_rec) on the "
            + "same schedule; default: --lr, as the authors. A higher one (say 4e-4 with --lr 1e-4) is the two "
            + "time-scale rule (TTUR).")
    Float discriminatorLearningRate;

    @Option(names = "--masks", split = ",", defaultValue = "regular,irregular", converter = MaskKindConverter.class,
            description = "Generated mask kinds to mix: center, regular, irregular (default: ${DEFAULT-VALUE}).")
    List<MaskKind> masks;

    @Option(names = "--d-augment", defaultValue = "none", converter = DiscriminatorAugmentConverter.class,
            description = "Augment what the discriminators see (DiffAugment), for small training sets: any of color, "
                    + "translation, cutout, comma-separated; none is the authors' objective (default: ${DEFAULT-VALUE}).")
    DiscriminatorAugment discriminatorAugment;

    @Option(names = "--hole-l1", defaultValue = "0",
            description = "Weight of an L1 term on the generative path's hole pixels (hole_g; the authors' app_g "
                    + "weight is 20): pulls a young model's fills towards the truth at some cost in diversity; "
                    + "0 is the authors' objective (default: ${DEFAULT-VALUE}).")
    float holeWeight;

    @Option(names = "--hole-best-of", defaultValue = "1",
            description = "Prior samples drawn per image on the generative path; the hole L1 term takes the "
                    + "closest of them, which leaves the others free to differ (default: ${DEFAULT-VALUE}).")
    int holeBestOf;

    @Option(names = "--mask-dir", description = "Folder of mask files (white = hole) mixed in with the generated kinds.")
    Path maskDir;

    @Option(names = "--checkpoint-every", defaultValue = "1000", description = "Steps between checkpoints (default: ${DEFAULT-VALUE}).")
    long checkpointEvery;

    @Option(names = "--keep", defaultValue = "3", description = "Checkpoints to keep (default: ${DEFAULT-VALUE}).")
    int keep;

    @Option(names = "--preview-every", defaultValue = "500", description = "Steps between preview grids, 0 = none (default: ${DEFAULT-VALUE}).")
    long previewEvery;

    @Option(names = "--resume", description = "Continue from the newest checkpoint in --out.")
    boolean resume;

    @Option(names = "--init", description = "Model directory to start from instead of random weights; a model of another size works too (no weight depends on the size).")
    Path init;

    @Option(names = "--loader-threads", defaultValue = "2",
            description = "Threads that decode and augment batches ahead of the trainer; raise it on a GPU (default: ${DEFAULT-VALUE}).")
    int loaderThreads;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the weights, data order, augmentation, masks and noise (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    DeviceOption device;

    @Override
    public Integer call() {
        TrainingOptions.Builder b = TrainingOptions.builder().optSize(size).optBatch(batch).optNiter(niter)
                .optNiterDecay(niterDecay).optLearningRate(learningRate).optCheckpointEvery(checkpointEvery).optKeep(keep)
                .optPreviewEvery(previewEvery).optSeed(seed).optLoaderThreads(loaderThreads)
                .optDiscriminatorAugment(discriminatorAugment).optHoleWeight(holeWeight).optWarmup(warmup)
                .optHoleBestOf(holeBestOf);
        if (steps != null) {
            b.optSteps(steps);
        }
        if (discriminatorLearningRate != null) {
            b.optDiscriminatorLearningRate(discriminatorLearningRate);
        }
        TrainingOptions options = b.build();
        TrainingDataset dataset = TrainingDataset.open(data, masks, maskDir, size, seed);
        AtomicBoolean interrupted = new AtomicBoolean();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            interrupted.set(true); // Ctrl-C: finish the current step and write a checkpoint before exiting
            try {
                stopped.await(2, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        Trainer.Result result;
        try (Progress progress = new Progress(options.steps())) {
            result = new Trainer(options, dataset, out, device.resolve(), progress).run(resume, init, interrupted::get);
        } finally {
            stopped.countDown();
        }
        if (!result.cancelled()) {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        System.out.printf("steps %d -> %d%s; last checkpoint %s; %d unreadable files skipped%n", result.startStep(),
                result.endStep(), result.cancelled() ? " (interrupted)" : "", result.lastCheckpoint(), dataset.skipped().count());
        return 0;
    }

    /** A progress bar on a terminal (losses in its extra message); otherwise a log line a minute and per checkpoint. */
    private static final class Progress implements TrainingListener, AutoCloseable {
        private static final long LOG_INTERVAL_NANOS = 60_000_000_000L;
        private final ProgressBar bar;
        private long lastLine = System.nanoTime();

        Progress(long total) {
            bar = System.console() == null ? null : new ProgressBarBuilder().setTaskName("training")
                    .setInitialMax(total).setStyle(ProgressBarStyle.ASCII).setUnit(" steps", 1).build();
        }

        @Override
        public void onStep(StepReport r) {
            String status = String.format(" G %.3f D %.3f %.2f steps/s", r.losses().totalG(),
                    r.losses().imgD() + r.losses().imgDRec(), r.stepsPerSecond());
            if (bar != null) {
                bar.stepTo(r.step());
                bar.setExtraMessage(status);
            } else if (System.nanoTime() - lastLine > LOG_INTERVAL_NANOS) {
                lastLine = System.nanoTime();
                System.out.printf("step %d/%d:%s, eta %s%n", r.step(), r.totalSteps(), status, r.eta());
            }
        }

        @Override
        public void onCheckpoint(long step, Path file) {
            if (bar == null) {
                System.out.printf("step %d: checkpoint %s%n", step, file);
            }
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
            }
        }
    }
}
