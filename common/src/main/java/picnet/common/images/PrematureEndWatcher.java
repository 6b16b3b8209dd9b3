package picnet.common.images;

import java.util.Locale;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;

/**
 * The JPEG reader does not fail on a cut-off file: it warns ("premature end of data segment") and
 * fills the rest with grey. This listener notices that warning. A missing end marker alone is not
 * counted, since the pixels are complete in that case.
 */
final class PrematureEndWatcher implements IIOReadWarningListener {
    private boolean seen;

    @Override
    public void warningOccurred(ImageReader source, String warning) {
        if (warning != null && warning.toLowerCase(Locale.ROOT).contains("premature end")) {
            seen = true;
        }
    }

    boolean seen() {
        return seen;
    }
}
