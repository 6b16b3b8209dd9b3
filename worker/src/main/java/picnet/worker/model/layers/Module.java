package picnet.worker.model.layers;

import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A piece of PICNet with parameters and children named exactly like the authors' state-dict keys
 * (without the {@code module.} prefix of DataParallel), so importing a checkpoint is a lookup.
 *
 * <p>Names are literals given at construction, never derived from class names or insertion order.
 * A child registered under a second name (the authors' {@code conv1} is also {@code model.1}) is an
 * alias: it appears in {@link #parameterNames(boolean)} with aliases included, and both names are
 * written when we export, so PyTorch's strict {@code load_state_dict} accepts our files.
 */
public abstract class Module {
    private final Map<String, Parameter> parameters = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private final Map<String, String> aliases = new LinkedHashMap<>();

    protected final Parameter parameter(String name, Shape shape) {
        return register(new Parameter(name, shape, true));
    }

    protected final Parameter buffer(String name, Shape shape) {
        return register(new Parameter(name, shape, false));
    }

    private Parameter register(Parameter p) {
        if (parameters.putIfAbsent(p.name(), p) != null) {
            throw new IllegalStateException("duplicate parameter " + p.name());
        }
        return p;
    }

    protected final <M extends Module> M child(String name, M module) {
        if (children.putIfAbsent(name, module) != null) {
            throw new IllegalStateException("duplicate child " + name);
        }
        return module;
    }

    /** Registers {@code alias} as a second name of the child {@code name} (for export only). */
    protected final void alias(String alias, String name) {
        if (!children.containsKey(name)) {
            throw new IllegalStateException("no child " + name + " to alias as " + alias);
        }
        aliases.put(alias, name);
    }

    public Map<String, Module> children() {
        return Collections.unmodifiableMap(children);
    }

    /** Every parameter under its canonical dotted name, in a stable order. */
    public final void forEachParameter(BiConsumer<String, Parameter> visitor) {
        forEachParameter("", false, visitor);
    }

    /** Like {@link #forEachParameter(BiConsumer)}, also visiting each aliased name when asked. */
    public final void forEachParameter(String prefix, boolean withAliases, BiConsumer<String, Parameter> visitor) {
        parameters.forEach((name, p) -> visitor.accept(prefix + name, p));
        children.forEach((name, c) -> c.forEachParameter(prefix + name + ".", withAliases, visitor));
        if (withAliases) {
            aliases.forEach((alias, name) -> children.get(name).forEachParameter(prefix + alias + ".", true, visitor));
        }
    }

    public final Map<String, Parameter> parameterMap() {
        Map<String, Parameter> all = new LinkedHashMap<>();
        forEachParameter(all::put);
        return all;
    }

    public final List<String> parameterNames(boolean withAliases) {
        List<String> names = new ArrayList<>();
        forEachParameter("", withAliases, (n, p) -> names.add(n));
        return names;
    }

    /** Runs the spectral-norm power iteration {@code steps} times (fresh weights start far from converged). */
    public void iterateSpectralNorm(int steps) {
        children.values().forEach(c -> c.iterateSpectralNorm(steps));
    }

    /** Spectral-norm layers switch between per-forward power iteration and cached weights. */
    public void setSpectralMode(SpectralMode mode) {
        children.values().forEach(c -> c.setSpectralMode(mode));
    }
}
