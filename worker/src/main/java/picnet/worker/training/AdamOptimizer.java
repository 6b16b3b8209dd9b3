package picnet.worker.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.Map;
import picnet.worker.checkpoint.HostTensor;
import picnet.worker.model.layers.Parameter;

/**
 * Adam with PyTorch's semantics ({@code torch.optim.Adam}, no weight decay, no amsgrad): per step
 * {@code m = b1 m + (1 - b1) g}, {@code v = b2 v + (1 - b2) g^2},
 * {@code p -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)}.
 *
 * <p>Hand-written over NDArrays rather than DJL's Adam so the update is PyTorch's exactly and the
 * state (step, exp_avg, exp_avg_sq per parameter) can be checkpointed and restored bit for bit.
 * Updates happen in place, outside any GradientCollector, so the parameters stay the same tensors.
 */
public final class AdamOptimizer implements AutoCloseable {
    /** The paper's settings: lr 1e-4, betas (0, 0.999), eps 1e-8. */
    public static final float LR = 1e-4f;
    public static final float BETA1 = 0f;
    public static final float BETA2 = 0.999f;
    public static final float EPS = 1e-8f;

    private final Map<String, Parameter> parameters;
    private final NDManager stateManager;
    private final Map<String, NDArray> expAvg = new LinkedHashMap<>();
    private final Map<String, NDArray> expAvgSq = new LinkedHashMap<>();
    private long step;

    /**
     * @param parameters the trainable parameters to update, keyed by a stable name (buffers are ignored)
     * @param owner a long-lived manager on the parameters' device; the state lives in a sub-manager of it
     */
    public AdamOptimizer(Map<String, Parameter> parameters, NDManager owner) {
        this.parameters = new LinkedHashMap<>();
        parameters.forEach((name, p) -> {
            if (p.trainable()) {
                this.parameters.put(name, p);
            }
        });
        stateManager = owner.newSubManager();
        this.parameters.forEach((name, p) -> {
            expAvg.put(name, stateManager.zeros(p.shape()));
            expAvgSq.put(name, stateManager.zeros(p.shape()));
        });
    }

    /** Completed steps (PyTorch's {@code state["step"]}). */
    public long steps() {
        return step;
    }

    public Map<String, Parameter> parameters() {
        return parameters;
    }

    /** Zeroes the gradients of this optimiser's parameters (PyTorch's {@code zero_grad(set_to_none=False)}). */
    public void zeroGradients(NDManager scope) {
        parameters.values().forEach(p -> {
            NDArray g = p.value().getGradient();
            g.attach(scope); // getGradient wraps the grad in the parameter's manager
            g.subi(g);
        });
    }

    /** One update from the accumulated gradients at learning rate {@code lr}. */
    public void step(float lr, NDManager scope) {
        step++;
        float biasCorrection1 = (float) (1 - Math.pow(BETA1, step));
        float biasCorrection2Sqrt = (float) Math.sqrt(1 - Math.pow(BETA2, step));
        float stepSize = lr / biasCorrection1;
        try (NDManager update = scope.newSubManager()) {
            parameters.forEach((name, p) -> {
                NDArray g = p.value().getGradient();
                g.attach(update);
                NDArray m = alias(expAvg.get(name), update);
                NDArray v = alias(expAvgSq.get(name), update);
                m.muli(BETA1).addi(g.mul(1 - BETA1));
                v.muli(BETA2).addi(g.square().muli(1 - BETA2));
                NDArray denom = v.sqrt().divi(biasCorrection2Sqrt).addi(EPS);
                p.view(update).subi(m.div(denom).muli(stepSize));
            });
        }
    }

    /** {@code exp_avg} and {@code exp_avg_sq} of every parameter, as {@code exp_avg/NAME} and {@code exp_avg_sq/NAME}. */
    public Map<String, HostTensor> exportState() {
        Map<String, HostTensor> out = new LinkedHashMap<>();
        expAvg.forEach((name, a) -> out.put("exp_avg/" + name, host(a)));
        expAvgSq.forEach((name, a) -> out.put("exp_avg_sq/" + name, host(a)));
        return out;
    }

    /** Restores a state written by {@link #exportState()} after {@code steps} steps. */
    public void importState(Map<String, HostTensor> state, long steps) {
        for (String name : parameters.keySet()) {
            restore(expAvg, name, state.get("exp_avg/" + name));
            restore(expAvgSq, name, state.get("exp_avg_sq/" + name));
        }
        this.step = steps;
    }

    private void restore(Map<String, NDArray> into, String name, HostTensor t) {
        if (t == null) {
            throw new IllegalArgumentException("optimiser state has no entry for parameter '" + name + "'");
        }
        NDArray old = into.get(name);
        if (!java.util.Arrays.equals(t.shape(), old.getShape().getShape())) {
            throw new IllegalArgumentException("optimiser state of '" + name + "' has shape " + t.shapeString()
                    + ", the parameter has " + old.getShape());
        }
        into.put(name, stateManager.create(t.data(), old.getShape()));
        old.close();
    }

    private static NDArray alias(NDArray a, NDManager scope) {
        NDArray view = a.reshape(a.getShape());
        view.attach(scope);
        return view;
    }

    private static HostTensor host(NDArray a) {
        return new HostTensor(a.getShape().getShape(), a.toFloatArray());
    }

    @Override
    public void close() {
        stateManager.close();
    }
}
