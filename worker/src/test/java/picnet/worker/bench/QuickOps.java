package picnet.worker.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** Scratch: time single ops (not a test). */
public class QuickOps {
    static void time(String name, java.util.function.Supplier<NDArray> op) {
        for (int i = 0; i < 3; i++) op.get().close();
        long t0 = System.nanoTime();
        int n = 10;
        for (int i = 0; i < n; i++) op.get().close();
        System.out.printf("%-30s %.2f ms%n", name, (System.nanoTime() - t0) / 1e6 / n);
    }

    public static void main(String[] args) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray q = m.randomNormal(new Shape(1, 32, 1024));
            NDArray x = m.randomNormal(new Shape(1, 128, 1024));
            time("energy qT q", () -> q.transpose(0, 2, 1).matMul(q));
            NDArray e = q.transpose(0, 2, 1).matMul(q);
            time("softmax", () -> e.softmax(-1));
            NDArray a = e.softmax(-1);
            time("x @ aT", () -> x.matMul(a.transpose(0, 2, 1)));
            time("x @ aT contiguous", () -> x.matMul(a.transpose(0, 2, 1).duplicate()));
            NDArray big = m.randomNormal(new Shape(1, 32, 256, 256));
            time("leakyRelu 32x256x256", () -> ai.djl.nn.Activation.leakyRelu(big, 0.1f));
            time("tanh", () -> big.tanh());
        }
    }
}
