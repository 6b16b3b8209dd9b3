package picnet.worker.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picnet.common.masks.MaskKind;
import picnet.worker.checkpoint.HostTensor;
import picnet.worker.checkpoint.ModelDirectory;
import picnet.worker.checkpoint.Safetensors;
import picnet.worker.data.ImageSources;
import picnet.worker.data.MaskSource;
import picnet.worker.data.SkippedFiles;
import picnet.worker.data.TrainingDataset;
import picnet.worker.model.ModelLoader;
import picnet.worker.model.ModelStorage;
import picnet.worker.model.PicnetNetworks;

/**
 * A run killed after its step-2 checkpoint and resumed ends as an uninterrupted run does: the
 * checkpoint restores every parameter, buffer and Adam moment bit for bit, and every random draw of
 * step s derives from (seed, s). Half-written and corrupt checkpoint files are passed over.
 */
class TrainerResumeTest {
    static final int SIZE = 96;
    @TempDir
    static Path tmp;
    static Path data;

    @BeforeAll
    static void syntheticData() throws Exception {
        data = tmp.resolve("data");
        SyntheticImages.write(data, 6, SIZE, 3);
    }

    private static TrainingOptions options(long steps, long seed) {
        return TrainingOptions.builder().optSize(SIZE).optBatch(1).optSteps(steps).optNiter(2).optNiterDecay(2)
                .optCheckpointEvery(2).optKeep(2).optPreviewEvery(0).optSeed(seed).build();
    }

    private static Trainer trainer(TrainingOptions o, Path run, TrainingListener listener) {
        TrainingDataset d = new TrainingDataset(ImageSources.list(data), SIZE,
                MaskSource.of(List.of(MaskKind.REGULAR, MaskKind.IRREGULAR)), o.seed(), new SkippedFiles());
        return new Trainer(o, d, run, Device.cpu(), listener);
    }

    @Test
    void aRunThatAnotherTrainerHoldsIsRefusedAndFreeAgainAfterwards() throws Exception {
        Path run = tmp.resolve("busy");
        try (RunLock held = RunLock.tryAcquire(run).orElseThrow()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> trainer(options(1, 5), run, TrainingListener.NONE).run(true, null, () -> false));
            assertTrue(e.getMessage().contains("is being trained by another job or process"), e.getMessage());
            assertTrue(TrainingCheckpoint.list(run).isEmpty(), "nothing written while refused");
        }
        trainer(options(1, 5), run, TrainingListener.NONE).run(true, null, () -> false);
        assertEquals(List.of(TrainingCheckpoint.file(run, 1)), TrainingCheckpoint.list(run));
        assertTrue(RunLock.tryAcquire(run).map(l -> { l.close(); return true; }).orElse(false), "released at the end");
    }

    /** Thrown from the listener after a step: the process dies before the next checkpoint. */
    static final class Killed extends RuntimeException {}

    @Test
    void killedRunResumesFromItsLastCompleteCheckpointAndEndsExactlyAsAnUninterruptedOne() throws Exception {
        Path straight = tmp.resolve("straight");
        trainer(options(4, 5), straight, TrainingListener.NONE).run(false, null, () -> false);

        Path killed = tmp.resolve("killed");
        assertThrows(Killed.class, () -> trainer(options(4, 5), killed, new TrainingListener() {
            @Override
            public void onStep(StepReport r) {
                if (r.step() == 3) {
                    throw new Killed();
                }
            }
        }).run(false, null, () -> false));
        Path complete = TrainingCheckpoint.file(killed, 2);
        assertEquals(List.of(complete), TrainingCheckpoint.list(killed));
        // what a kill in the middle of writing step 4 leaves, and a file cut short by a full disk
        Files.write(killed.resolve("checkpoints/step-0000000004.safetensors.partial"), new byte[1000]);
        Files.write(TrainingCheckpoint.file(killed, 3), Files.readAllBytes(complete), java.nio.file.StandardOpenOption.CREATE);
        truncate(TrainingCheckpoint.file(killed, 3), 5000);

        List<Long> reported = new ArrayList<>();
        AtomicLong checkpointed = new AtomicLong();
        Trainer.Result resumed = trainer(options(4, 5), killed, new TrainingListener() {
            @Override
            public void onStep(StepReport r) {
                reported.add(r.step());
            }

            @Override
            public void onCheckpoint(long step, Path file) {
                checkpointed.set(step);
            }
        }).run(true, null, () -> false);
        assertEquals(2, resumed.startStep());
        assertEquals(List.of(3L, 4L), reported);
        assertEquals(4, checkpointed.get());
        assertTrue(Files.notExists(killed.resolve("checkpoints/step-0000000004.safetensors.partial")));
        assertEquals(List.of(complete, TrainingCheckpoint.file(killed, 4)), TrainingCheckpoint.list(killed));

        Map<String, HostTensor> a = Safetensors.read(TrainingCheckpoint.file(straight, 4)).tensors();
        Map<String, HostTensor> b = Safetensors.read(TrainingCheckpoint.file(killed, 4)).tensors();
        assertEquals(a.keySet(), b.keySet());
        a.forEach((name, t) -> assertClose(t.data(), b.get(name).data(), name));
    }

    /**
     * Two separate CPU runs of the same steps are not always bit-identical (PyTorch's threaded sums
     * may add in another order; seen once as 1.8e-4 relative in one Adam moment), so the two endings
     * are compared to a tolerance far below what a wrong step, batch or noise would change; the
     * checkpoint itself is compared bit for bit in {@link #checkpointRestoresEveryTensorBitForBit}.
     */
    private static void assertClose(float[] expected, float[] actual, String name) {
        double scale = 0;
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            scale = Math.max(scale, Math.abs(expected[i]));
            worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
        }
        boolean parameter = name.startsWith("net/");
        double tolerance = parameter ? 1e-4 * scale + 4 * AdamOptimizer.LR : 1e-2 * scale + 1e-12;
        assertTrue(worst <= tolerance, name + ": differs by " + worst + " (scale " + scale + ")");
    }

    @Test
    void checkpointRestoresEveryTensorBitForBit() throws Exception {
        Path run = tmp.resolve("bits");
        trainer(options(2, 9), run, TrainingListener.NONE).run(false, null, () -> false);
        Path file = TrainingCheckpoint.file(run, 2);
        Map<String, HostTensor> saved = Safetensors.read(file).tensors();
        TrainingCheckpoint.Loaded loaded = TrainingCheckpoint.read(file, Device.cpu());
        try (PicnetNetworks nets = loaded.networks();
                TrainingStep step = new TrainingStep(nets, options(2, 9).schedule())) {
            step.generatorOptimizer().importState(loaded.generatorAdam(), loaded.generatorAdamSteps());
            step.discriminatorOptimizer().importState(loaded.discriminatorAdam(), loaded.discriminatorAdamSteps());
            nets.export(false).forEach((net, state) -> state.forEach((key, t) ->
                    assertArrayEquals(saved.get("net/" + net + "/" + key).data(), t.data(), net + "/" + key)));
            step.generatorOptimizer().exportState().forEach((key, t) ->
                    assertArrayEquals(saved.get("adam/EG/" + key).data(), t.data(), key));
            assertEquals(2, step.generatorOptimizer().steps());
            assertEquals(2, step.discriminatorOptimizer().steps());
        }

        Path model = tmp.resolve("exported");
        Path compact = tmp.resolve("compact");
        assertEquals(2, CheckpointExport.export(run, model, "bits", ModelStorage.of(Safetensors.Dtype.F32)));
        assertEquals(2, CheckpointExport.export(run, compact, "bits", new ModelStorage(Safetensors.Dtype.F32, false)));
        for (Path dir : List.of(model, compact)) {
            try (PicnetNetworks served = ModelLoader.load(dir, Device.cpu(), SIZE)) {
                served.export(false).forEach((net, state) -> state.forEach((key, t) ->
                        assertArrayEquals(saved.get("net/" + net + "/" + key).data(), t.data(), dir + ": " + net + "/" + key)));
            }
        }
        for (String net : ModelDirectory.NETWORKS) {
            long inCheckpoint = saved.keySet().stream().filter(k -> k.startsWith("net/" + net + "/")).count();
            Set<String> written = Safetensors.read(compact.resolve(ModelDirectory.fileName(net))).tensors().keySet();
            Set<String> withAliases = Safetensors.read(model.resolve(ModelDirectory.fileName(net))).tensors().keySet();
            assertEquals(inCheckpoint, written.size(), net + ": each weight once");
            assertTrue(withAliases.containsAll(written) && withAliases.size() > written.size(),
                    net + ": only the aliases left out");
        }
    }

    @Test
    void cancellationCheckpointsAndMismatchedResumesAreRefused() {
        Path run = tmp.resolve("cancelled");
        AtomicLong steps = new AtomicLong();
        Trainer.Result r = trainer(options(10, 1), run, new TrainingListener() {
            @Override
            public void onStep(StepReport report) {
                steps.set(report.step());
            }
        }).run(false, null, () -> steps.get() >= 1);
        assertTrue(r.cancelled());
        assertEquals(1, r.endStep());
        assertEquals(TrainingCheckpoint.file(run, 1), r.lastCheckpoint());

        assertThrows(IllegalArgumentException.class,
                () -> trainer(options(10, 1), run, TrainingListener.NONE).run(false, null, () -> true));
        IllegalArgumentException seed = assertThrows(IllegalArgumentException.class,
                () -> trainer(options(10, 2), run, TrainingListener.NONE).run(true, null, () -> true));
        assertTrue(seed.getMessage().contains("seed"), seed.getMessage());
    }

    private static void truncate(Path file, long size) throws Exception {
        try (var ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(size);
        }
    }
}
