package picnet.worker.model.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Gradients through scalar factors survive a garbage collection between forward and backward. With
 * DJL's {@code x.mul(3f).mul(2f)} this setup gave gradients such as 4.4e21 or 0 instead of 6 in
 * every round tried: the scalars' direct buffers were freed and reused while autograd still read them.
 */
class ScalarsTest {
    @Test
    void scalarFactorsSurviveGarbageCollectionBeforeBackward() throws InterruptedException {
        try (NDManager m = NDManager.newBaseManager()) {
            for (int round = 0; round < 3; round++) {
                NDArray x = m.create(new float[] {1, 2, 3, 4}, new Shape(4)).duplicate();
                x.setRequiresGradient(true);
                try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
                    NDArray y = Scalars.mul(Scalars.mul(x, 3f), 2f).sum();
                    reuseFreedNativeMemory();
                    c.backward(y);
                }
                assertArrayEquals(new float[] {6, 6, 6, 6}, x.getGradient().toFloatArray(), 0f, "round " + round);
            }
        }
    }

    /** Collects unreachable direct buffers, then fills small native blocks with another value. */
    private static void reuseFreedNativeMemory() throws InterruptedException {
        System.gc();
        Thread.sleep(200);
        List<ByteBuffer> junk = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            ByteBuffer b = ByteBuffer.allocateDirect(4);
            b.putFloat(0, 1234.5f);
            junk.add(b);
        }
    }
}
