package picnet.deploy.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picnet.worker.sampling.SampleListener;
import picnet.worker.sampling.ScoredSample;

/** A progress bar on a terminal; silent when output is redirected (logs stay clean). */
final class ProgressReporter implements SampleListener, AutoCloseable {
    private final ProgressBar bar;

    private ProgressReporter(ProgressBar bar) {
        this.bar = bar;
    }

    static ProgressReporter create(String task, long total) {
        if (System.console() == null) {
            return new ProgressReporter(null);
        }
        return new ProgressReporter(new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setUnit(" samples", 1).build());
    }

    @Override
    public void onSample(ScoredSample sample, int done, int total) {
        if (bar != null) {
            bar.stepTo(done);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
