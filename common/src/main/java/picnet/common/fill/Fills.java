package picnet.common.fill;

import picnet.common.images.RgbImage;
import picnet.common.masks.HoleMask;

final class Fills {
    private Fills() {}

    static void checkSizes(RgbImage image, HoleMask mask) {
        if (image.width() != mask.width() || image.height() != mask.height()) {
            throw new IllegalArgumentException("mask is " + mask.width() + "x" + mask.height()
                    + " but the image is " + image.width() + "x" + image.height());
        }
    }
}
