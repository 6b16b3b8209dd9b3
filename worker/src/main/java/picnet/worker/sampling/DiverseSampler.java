package picnet.worker.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import picnet.common.images.RgbImage;
import picnet.common.masks.HoleMask;
import picnet.worker.model.PicnetInference;
import picnet.worker.model.PicnetNetworks;
import picnet.worker.model.ResGenerator;
import picnet.worker.model.layers.ChannelsLast;
import picnet.worker.model.layers.SpectralMode;

/**
 * Pluralistic completion: the encoder runs once per image, then latent samples from its prior go
 * through G and D in batches; every sample is reported as soon as its batch is done, and the best
 * by D's mean score are returned. Known pixels are returned untouched at the input's size; images of
 * another size go through {@link WindowedCompletion} (resize or crop, see {@link SizeStrategy}). A hole
 * near the input's edges is sampled with a mirrored border around the input ({@link MirrorMargin}).
 *
 * <p>The networks are switched to frozen spectral norm, so forwards are read-only and several
 * requests may share one sampler.
 */
public final class DiverseSampler implements Completer {
    /** Samples per G/D forward; chosen with {@code picnet bench sampling} on 2 CPU cores. */
    public static final int DEFAULT_BATCH = 2;

    private final PicnetNetworks nets;
    private final int batchSize;
    private final boolean channelsLast;
    private final MirrorMargin margin;

    public DiverseSampler(PicnetNetworks nets, int batchSize) {
        this(nets, batchSize, SpectralMode.FROZEN_CHANNELS_LAST);
    }

    /** @param mode {@link SpectralMode#FROZEN} or {@link SpectralMode#FROZEN_CHANNELS_LAST} (the faster layout on CPU) */
    public DiverseSampler(PicnetNetworks nets, int batchSize, SpectralMode mode) {
        this(nets, batchSize, mode, MirrorMargin.forModel(nets.config()));
    }

    /** @param margin the mirrored border G sees around each input ({@link MirrorMargin#forModel} by default) */
    public DiverseSampler(PicnetNetworks nets, int batchSize, SpectralMode mode, MirrorMargin margin) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        if (!mode.frozen()) {
            throw new IllegalArgumentException("sampling needs frozen spectral norm, got " + mode);
        }
        this.nets = nets;
        this.batchSize = batchSize;
        this.channelsLast = mode == SpectralMode.FROZEN_CHANNELS_LAST;
        this.margin = margin;
        nets.setSpectralMode(mode);
    }

    private NDArray layout(NDArray x) {
        return channelsLast ? ChannelsLast.of(x) : x;
    }

    /** The mirrored border this sampler gives inputs whose hole comes near an edge. */
    public MirrorMargin margin() {
        return margin;
    }

    @Override
    public int modelSize() {
        return nets.config().size();
    }

    /**
     * Any image size: the request's {@link SizeStrategy} picks the window the model sees
     * ({@link WindowedCompletion}); samples come back as regions of the input, known pixels bit-identical.
     */
    @Override
    public List<CompletedSample> completeRegions(CompletionRequest request, RegionListener listener,
                                                 BooleanSupplier cancelled) {
        return new WindowedCompletion(request, modelSize()).complete(this::sampleAtModelSize, listener, cancelled);
    }

    /** Sampling proper, on an image of exactly the model size (package-private for tests). */
    List<ModelSample> sampleAtModelSize(CompletionRequest request, WindowedCompletion.ModelSizeSampler.Listener listener,
                                         BooleanSupplier cancelled) {
        int size = modelSize();
        RgbImage modelImage = request.image();
        HoleMask modelMask = request.mask();
        if (modelImage.width() != size || modelImage.height() != size) {
            throw new IllegalArgumentException("expected a " + size + "x" + size + " image, got "
                    + modelImage.width() + "x" + modelImage.height());
        }
        List<ModelSample> all = new ArrayList<>(request.samples());
        // PyTorch's grad mode is per thread and on by default on job executor threads: without this every
        // forward would record an autograd graph (the parameters require gradients) and keep its activations.
        JniUtils.setGradMode(false);
        MirrorMargin border = margin.forHole(modelMask);
        try (NDManager scope = nets.manager().newSubManager()) {
            NDArray known = layout(border.around(ModelTensors.knownMask(scope, modelMask)));
            NDArray masked = layout(border.around(ModelTensors.image(scope, modelImage))).mul(known);
            PicnetInference.Encoded encoded = PicnetInference.encode(nets, masked, known);
            NDArray knownInside = border.inside(known);
            NDArray maskedInside = border.inside(masked);
            Shape latent = encoded.prior().mu().getShape();
            int latentSize = (int) latent.size();
            for (int first = 0; first < request.samples(); first += batchSize) {
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException("cancelled after " + first + " samples");
                }
                int count = Math.min(batchSize, request.samples() - first);
                try (NDManager batch = scope.newSubManager()) {
                    float[] eps = new float[count * latentSize];
                    for (int i = 0; i < count; i++) {
                        System.arraycopy(LatentNoise.forSample(request.seed(), first + i, latentSize), 0,
                                eps, i * latentSize, latentSize);
                    }
                    NDArray z = PicnetInference.sample(encoded.prior(),
                            layout(batch.create(eps, new Shape(count, latent.get(1), latent.get(2), latent.get(3)))));
                    ResGenerator.Result out = PicnetInference.generate(nets, encoded, z);
                    NDArray output = border.inside(out.images().get(out.images().size() - 1));
                    NDArray completed = PicnetInference.composite(output, maskedInside, knownInside);
                    float[] scores = nets.discriminator().forward(completed).reshape(count, -1).mean(new int[] {1}).toFloatArray();
                    float[] pixels = output.toFloatArray();
                    for (int i = 0; i < count; i++) {
                        ModelSample sample = new ModelSample(first + i, scores[i], ModelTensors.toImage(pixels, i, size, size));
                        all.add(sample);
                        listener.onSample(sample, all.size(), request.samples());
                    }
                }
            }
        }
        all.sort(ModelSample.RANKING);
        return List.copyOf(all.subList(0, request.top()));
    }

    @Override
    public void close() {
        nets.close();
    }
}
