package picnet.worker.checkpoint;

import java.nio.ByteBuffer;

/**
 * Element types a PyTorch storage can hold, with the names PyTorch pickles them under. Every type is
 * widened or narrowed to float32 on read, because {@link HostTensor} is float32 only.
 */
enum StorageDtype {
    FLOAT32("FloatStorage", "float32", 4),
    FLOAT64("DoubleStorage", "float64", 8),
    FLOAT16("HalfStorage", "float16", 2),
    BFLOAT16("BFloat16Storage", "bfloat16", 2),
    INT64("LongStorage", "int64", 8),
    INT32("IntStorage", "int32", 4),
    INT16("ShortStorage", "int16", 2),
    INT8("CharStorage", "int8", 1),
    UINT8("ByteStorage", "uint8", 1),
    BOOL("BoolStorage", "bool", 1);

    /** Class name of the typed storage, e.g. {@code torch.FloatStorage}. */
    final String storageClass;
    /** Attribute name of the dtype object, e.g. {@code torch.float32}. */
    final String dtypeName;
    final int size;

    StorageDtype(String storageClass, String dtypeName, int size) {
        this.storageClass = storageClass;
        this.dtypeName = dtypeName;
        this.size = size;
    }

    /** Reads element {@code index} of {@code data} (whose byte order is already set) as float32. */
    float read(ByteBuffer data, long index) {
        int at = Math.toIntExact(index * size);
        return switch (this) {
            case FLOAT32 -> data.getFloat(at);
            case FLOAT64 -> (float) data.getDouble(at);
            case FLOAT16 -> HalfPrecision.toFloat(data.getShort(at));
            case BFLOAT16 -> HalfPrecision.bfloat16ToFloat(data.getShort(at));
            case INT64 -> (float) data.getLong(at);
            case INT32 -> (float) data.getInt(at);
            case INT16 -> data.getShort(at);
            case INT8 -> data.get(at);
            case UINT8, BOOL -> data.get(at) & 0xff;
        };
    }

    /** How an error message counts elements: "floats" for float32, else e.g. "float16 elements". */
    String unitPlural() {
        return this == FLOAT32 ? "floats" : dtypeName + " elements";
    }
}
