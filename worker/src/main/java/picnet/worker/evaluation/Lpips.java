package picnet.worker.evaluation;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.training.ParameterStore;
import ai.djl.translate.NoopTranslator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picnet.common.images.RgbImage;

/**
 * LPIPS (Zhang et al., CVPR 2018) through a network the user supplies as a TorchScript file: picnet
 * ships no weights and downloads none. The file must take two tensors of shape (1, 3, H, W) with
 * values in [-1, 1] and return the distance as a tensor of one element (as {@code torch.jit.trace}
 * of the {@code lpips} package's {@code LPIPS(net='alex')} does, for example).
 */
public final class Lpips implements AutoCloseable {
    private final ZooModel<NDList, NDList> model;

    private Lpips(ZooModel<NDList, NDList> model) {
        this.model = model;
    }

    /** @throws IllegalArgumentException when the file is missing or is not a TorchScript model */
    public static Lpips load(Path file, Device device) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such LPIPS TorchScript file");
        }
        Criteria<NDList, NDList> criteria = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(file.toAbsolutePath())
                .optEngine("PyTorch")
                .optDevice(device)
                .optTranslator(new NoopTranslator(null))
                .build();
        try {
            return new Lpips(criteria.loadModel());
        } catch (ModelNotFoundException | MalformedModelException | EngineException e) {
            throw new IllegalArgumentException(file + ": not a TorchScript LPIPS model: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read the LPIPS model: " + e.getMessage(), e);
        }
    }

    /** The LPIPS distance between two images of the same size (0 for identical images with a real LPIPS net). */
    public double distance(RgbImage a, RgbImage b) {
        if (a.width() != b.width() || a.height() != b.height()) {
            throw new IllegalArgumentException("images differ in size: " + a.width() + "x" + a.height()
                    + " and " + b.width() + "x" + b.height());
        }
        try (NDManager scope = model.getNDManager().newSubManager()) {
            NDList inputs = new NDList(toTensor(scope, a), toTensor(scope, b));
            NDList out = model.getBlock().forward(new ParameterStore(scope, false), inputs, false);
            NDArray value = out.head();
            if (value.size() != 1) {
                throw new IllegalStateException("the LPIPS model returned " + value.getShape() + ", expected one value");
            }
            return value.toType(DataType.FLOAT64, false).toDoubleArray()[0];
        }
    }

    private static NDArray toTensor(NDManager scope, RgbImage image) {
        return scope.create(image.chw(), new Shape(1, 3, image.height(), image.width())).mul(2).sub(1);
    }

    @Override
    public void close() {
        model.close();
    }
}
