package picnet.worker.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.Unpickler;

/**
 * razorvine's {@link Unpickler} taught the few PyTorch globals a state-dict pickle uses. Tensors are not
 * built here: {@code _rebuild_tensor_v2} yields a {@link TensorRef} (storage, offset, size, stride) that
 * the format readers resolve once the storage bytes are at hand (in the legacy format they come after
 * the pickle).
 *
 * <p>Dictionaries are insertion-ordered so the state dict keeps its key order: the library itself builds
 * {@code EMPTY_DICT}/{@code DICT}/{@code SETITEMS} into a {@link java.util.HashMap}, so those three opcodes
 * are overridden. The constructors are registered in the library's JVM-wide registry, once.
 */
final class TorchUnpickler extends Unpickler {

    /** A storage named by a persistent id. {@code dtype} null means untyped bytes, {@code numel} then counts bytes. */
    record StorageRef(String key, StorageDtype dtype, long numel, long viewOffset) {
    }

    /** A tensor view of a storage; {@code dtype} is only known for untyped storages ({@code _rebuild_tensor_v3}). */
    record TensorRef(StorageRef storage, long offset, long[] size, long[] stride, StorageDtype dtype) {
        StorageDtype elementType() {
            return storage.dtype() != null ? storage.dtype() : dtype;
        }
    }

    /**
     * A Python dict or OrderedDict; attributes set on it by BUILD (the state dict's {@code _metadata}) are dropped.
     * Public only because the library calls {@code __setstate__} by reflection.
     */
    public static final class PyDict extends LinkedHashMap<Object, Object> {
        private static final long serialVersionUID = 1L;

        /** Called by the library for the BUILD opcode. */
        public void __setstate__(PyDict attributes) {
            // _metadata only records module versions; the tensors are all we need
        }
    }

    /** A storage class global such as {@code torch.FloatStorage}; {@code dtype} null for UntypedStorage. */
    private record StorageClass(StorageDtype dtype) implements IObjectConstructor {
        @Override
        public Object construct(Object[] args) {
            throw new PickleException("storage classes are not instantiated in a state dict");
        }
    }

    /** A dtype global such as {@code torch.float32}. */
    private record DtypeObject(StorageDtype dtype) implements IObjectConstructor {
        @Override
        public Object construct(Object[] args) {
            throw new PickleException("torch." + dtype.dtypeName + " is not callable");
        }
    }

    static {
        for (StorageDtype dtype : StorageDtype.values()) {
            registerConstructor("torch", dtype.storageClass, new StorageClass(dtype));
            registerConstructor("torch.cuda", dtype.storageClass, new StorageClass(dtype));
            registerConstructor("torch", dtype.dtypeName, new DtypeObject(dtype));
        }
        for (String module : new String[] {"torch", "torch.storage"}) {
            registerConstructor(module, "UntypedStorage", new StorageClass(null));
            registerConstructor(module, "_UntypedStorage", new StorageClass(null));
        }
        registerConstructor("torch._utils", "_rebuild_tensor", args -> rebuildTensor(args, -1));
        registerConstructor("torch._utils", "_rebuild_tensor_v2", args -> rebuildTensor(args, -1));
        registerConstructor("torch._utils", "_rebuild_tensor_v3", args -> rebuildTensor(args, 6));
        registerConstructor("torch._utils", "_rebuild_parameter", args -> tensorArgument(args[0]));
        registerConstructor("torch._utils", "_rebuild_parameter_with_state", args -> tensorArgument(args[0]));
        registerConstructor("torch._utils", "_rebuild_from_type_v2",
                args -> ((IObjectConstructor) args[0]).construct((Object[]) args[2]));
        registerConstructor("collections", "OrderedDict", TorchUnpickler::orderedDict);
    }

    /** Every storage a persistent id named, by key, in order of first appearance. */
    final Map<String, StorageRef> storages = new LinkedHashMap<>();

    /** Reads one pickle from {@code in}, leaving the stream just after its STOP opcode. */
    Object unpickle(InputStream in) throws IOException {
        return load(in);
    }

    @Override
    protected Object persistentLoad(Object pid) {
        if (!(pid instanceof Object[] id) || id.length < 5 || !"storage".equals(id[0])) {
            throw new PickleException("unsupported persistent id (expected a ('storage', ...) tuple)");
        }
        if (!(id[1] instanceof StorageClass storageClass)) {
            throw new PickleException("unsupported storage type in persistent id of storage " + id[2]);
        }
        long numel = ((Number) id[4]).longValue();
        long viewOffset = 0;
        if (id.length > 5 && id[5] instanceof Object[] view) {
            // legacy storage view: (view_key, offset, view_size) into the root storage id[2]
            viewOffset = ((Number) view[1]).longValue();
            numel = ((Number) view[2]).longValue();
        }
        StorageRef storage = new StorageRef(String.valueOf(id[2]), storageClass.dtype(), numel, viewOffset);
        storages.putIfAbsent(storage.key(), storage);
        return storage;
    }

    @Override
    protected Object dispatch(short opcode) throws IOException {
        switch (opcode) {
            case Opcodes.EMPTY_DICT -> stack.add(new PyDict());
            case Opcodes.DICT -> {
                PyDict dict = new PyDict();
                putPairs(dict, stack.pop_all_since_marker());
                stack.add(dict);
            }
            case Opcodes.SETITEMS -> {
                List<Object> pairs = stack.pop_all_since_marker();
                @SuppressWarnings("unchecked")
                Map<Object, Object> dict = (Map<Object, Object>) stack.peek();
                putPairs(dict, pairs);
            }
            default -> {
                return super.dispatch(opcode);
            }
        }
        return NO_RETURN_VALUE;
    }

    private static void putPairs(Map<Object, Object> dict, List<Object> flat) {
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            dict.put(flat.get(i), flat.get(i + 1));
        }
    }

    private static Object orderedDict(Object[] args) {
        PyDict dict = new PyDict();
        if (args.length == 1 && args[0] instanceof List<?> items) {
            for (Object item : items) { // OrderedDict([[key, value], ...]) as older protocols write it
                List<?> pair = item instanceof Object[] tuple ? List.of(tuple) : (List<?>) item;
                dict.put(pair.get(0), pair.get(1));
            }
        }
        return dict;
    }

    private static TensorRef rebuildTensor(Object[] args, int dtypeIndex) {
        if (!(args[0] instanceof StorageRef storage)) {
            throw new PickleException("tensor without a storage persistent id");
        }
        StorageDtype dtype = null;
        if (dtypeIndex >= 0 && args.length > dtypeIndex && args[dtypeIndex] instanceof DtypeObject d) {
            dtype = d.dtype();
        }
        if (storage.dtype() == null && dtype == null) {
            throw new PickleException("tensor on untyped storage " + storage.key() + " without a dtype");
        }
        return new TensorRef(storage, ((Number) args[1]).longValue(), longs(args[2]), longs(args[3]), dtype);
    }

    private static TensorRef tensorArgument(Object data) {
        if (!(data instanceof TensorRef tensor)) {
            throw new PickleException("parameter without tensor data");
        }
        return tensor;
    }

    private static long[] longs(Object tuple) {
        Object[] items = (Object[]) tuple;
        long[] values = new long[items.length];
        for (int i = 0; i < items.length; i++) {
            values[i] = ((Number) items[i]).longValue();
        }
        return values;
    }
}
