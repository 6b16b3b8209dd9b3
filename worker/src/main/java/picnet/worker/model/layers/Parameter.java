package picnet.worker.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * One named tensor of a {@link Module}. Trainable parameters get gradients; buffers (the spectral-norm
 * vectors {@code weight_u}, {@code weight_v}) are updated in place and never get gradients.
 */
public final class Parameter {
    private final String name;
    private final Shape shape;
    private final boolean trainable;
    private NDArray value;

    Parameter(String name, Shape shape, boolean trainable) {
        this.name = name;
        this.shape = shape;
        this.trainable = trainable;
    }

    public String name() {
        return name;
    }

    public Shape shape() {
        return shape;
    }

    public boolean trainable() {
        return trainable;
    }

    public NDArray value() {
        if (value == null) {
            throw new IllegalStateException("parameter '" + name + "' has no value: load or initialise the model first");
        }
        return value;
    }

    /** Replaces the value; the array must have this parameter's shape and be owned by the model's manager. */
    public void set(NDArray newValue) {
        if (!newValue.getShape().equals(shape)) {
            throw new IllegalArgumentException(
                    "parameter '" + name + "' has shape " + shape + ", got " + newValue.getShape());
        }
        if (value != null) {
            value.close();
        }
        value = newValue;
        if (trainable) {
            value.setRequiresGradient(true);
        }
    }

    /**
     * An alias of the value owned by {@code scope}, so that operations on it (whose results belong to
     * their first operand's manager in DJL) never accumulate in the model's long-lived manager.
     * Gradients flow through the alias to the parameter.
     */
    public NDArray view(NDManager scope) {
        NDArray alias = value().reshape(shape);
        alias.attach(scope);
        return alias;
    }
}
