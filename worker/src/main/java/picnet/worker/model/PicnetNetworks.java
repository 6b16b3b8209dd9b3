package picnet.worker.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import picnet.worker.checkpoint.CheckpointException;
import picnet.worker.checkpoint.HostTensor;
import picnet.worker.model.layers.Module;
import picnet.worker.model.layers.Parameter;
import picnet.worker.model.layers.SpectralMode;

/**
 * The four networks of PICNet (E, G, D for the generative path, D_rec for the reconstructive path)
 * with their parameters in one long-lived NDManager. Network names are the authors' file suffixes.
 */
public final class PicnetNetworks implements AutoCloseable {
    public static final String E = "E";
    public static final String G = "G";
    public static final String D = "D";
    public static final String D_REC = "D_rec";
    /** Power iterations that refit every spectral-norm u and v to weights they were not iterated with (a mean of weights). */
    public static final int REFIT_POWER_ITERATIONS = 20;

    private final PicnetConfig config;
    private final NDManager manager;
    private final ResEncoder encoder;
    private final ResGenerator generator;
    private final ResDiscriminator discriminator;
    private final ResDiscriminator reconstructionDiscriminator;
    private final Map<String, Module> byName = new LinkedHashMap<>();

    private PicnetNetworks(PicnetConfig config, Device device) {
        this.config = config;
        this.manager = NDManager.newBaseManager(device);
        encoder = register(E, new ResEncoder(config));
        generator = register(G, new ResGenerator(config));
        discriminator = register(D, new ResDiscriminator(config));
        reconstructionDiscriminator = register(D_REC, new ResDiscriminator(config));
    }

    private <M extends Module> M register(String name, M module) {
        byName.put(name, module);
        return module;
    }

    /**
     * Networks with weights from state dicts (keys without the {@code module.} prefix). D_rec is
     * optional (released checkpoints do not include it); it starts as a copy of D when absent.
     *
     * @param source names the origin in error messages (a file or directory)
     */
    public static PicnetNetworks load(PicnetConfig config, Device device, Map<String, Map<String, HostTensor>> states,
            String source) {
        PicnetNetworks nets = new PicnetNetworks(config, device);
        try {
            for (String name : nets.byName.keySet()) {
                Map<String, HostTensor> state = states.get(name);
                if (state == null && name.equals(D_REC)) {
                    state = states.get(D);
                }
                if (state == null) {
                    throw new CheckpointException(source + ": no weights for network " + name);
                }
                nets.loadInto(name, state, source);
            }
        } catch (RuntimeException e) {
            nets.close();
            throw e;
        }
        return nets;
    }

    /** Networks initialised randomly (deterministically by seed), for training from scratch and tests. */
    public static PicnetNetworks random(PicnetConfig config, Device device, long seed) {
        PicnetNetworks nets = new PicnetNetworks(config, device);
        SplittableRandom rng = new SplittableRandom(seed);
        nets.byName.values().forEach(m -> m.forEachParameter((name, p) ->
                p.set(nets.manager.create(RandomInit.values(name, p.shape(), rng), p.shape()))));
        nets.iterateSpectralNorm(RandomInit.POWER_ITERATIONS);
        return nets;
    }

    /** Advances every spectral-norm layer's power iteration {@code steps} times (for weights u and v do not fit). */
    public void iterateSpectralNorm(int steps) {
        byName.values().forEach(m -> m.iterateSpectralNorm(steps));
    }

    private void loadInto(String network, Map<String, HostTensor> state, String source) {
        byName.get(network).forEachParameter((key, p) -> {
            HostTensor t = state.get(key);
            if (t == null) {
                throw new CheckpointException(source + ": network " + network + " is missing key '" + key + "'");
            }
            if (!new Shape(t.shape()).equals(p.shape())) {
                throw new CheckpointException(source + ": network " + network + " key '" + key + "' has shape "
                        + t.shapeString() + ", the model expects " + p.shape());
            }
            p.set(manager.create(t.data(), p.shape()));
        });
    }

    /** Each network's state dict, with aliases when asked (what PyTorch's strict load expects). */
    public Map<String, Map<String, HostTensor>> export(boolean withAliases) {
        Map<String, Map<String, HostTensor>> out = new LinkedHashMap<>();
        byName.forEach((name, module) -> {
            Map<String, HostTensor> state = new LinkedHashMap<>();
            module.forEachParameter("", withAliases, (key, p) -> state.put(key, toHost(p.value())));
            out.put(name, state);
        });
        return out;
    }

    static HostTensor toHost(NDArray a) {
        return new HostTensor(a.getShape().getShape(), a.toFloatArray());
    }

    public void setSpectralMode(SpectralMode mode) {
        byName.values().forEach(m -> m.setSpectralMode(mode));
    }

    public Map<String, Parameter> parameters(String network) {
        return byName.get(network).parameterMap();
    }

    public PicnetConfig config() {
        return config;
    }

    public NDManager manager() {
        return manager;
    }

    public ResEncoder encoder() {
        return encoder;
    }

    public ResGenerator generator() {
        return generator;
    }

    public ResDiscriminator discriminator() {
        return discriminator;
    }

    public ResDiscriminator reconstructionDiscriminator() {
        return reconstructionDiscriminator;
    }

    @Override
    public void close() {
        manager.close();
    }
}
