package picnet.common.masks;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The generated mask families of the paper's evaluation settings. */
public enum MaskKind {
    /** The centred rectangle of half the width and half the height. */
    CENTER,
    /** A few random axis-aligned rectangles. */
    REGULAR,
    /** Random free-form brush strokes, discs and elliptic arcs. */
    IRREGULAR;

    /** The lower-case name used on command lines and in JSON. */
    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static MaskKind parse(String text) {
        if (text != null) {
            String wanted = text.trim();
            for (MaskKind kind : values()) {
                if (kind.id().equalsIgnoreCase(wanted)) {
                    return kind;
                }
            }
        }
        throw new IllegalArgumentException("unknown mask kind '" + text + "', valid kinds are "
                + Arrays.stream(values()).map(MaskKind::id).collect(Collectors.joining(", ")));
    }
}
