package picnet.gateway;

import picnet.common.images.ImageFiles;
import picnet.common.images.RgbImage;
import picnet.common.masks.HoleMask;
import picnet.common.masks.MaskFiles;

/** Small inputs for the tests: a gradient image and a square hole, as PNG files. */
final class TestImages {
    private TestImages() {}

    static byte[] image(int width, int height) {
        float[] chw = new float[3 * width * height];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    chw[(c * height + y) * width + x] = ((x + y + c * 7) % 32) / 32f;
                }
            }
        }
        return ImageFiles.writePng(new RgbImage(width, height, chw));
    }

    static byte[] squareHole(int width, int height) {
        boolean[] hole = new boolean[width * height];
        for (int y = height / 4; y < height / 2; y++) {
            for (int x = width / 4; x < width / 2; x++) {
                hole[y * width + x] = true;
            }
        }
        return MaskFiles.writePng(new HoleMask(width, height, hole));
    }

    static byte[] noHole(int width, int height) {
        return MaskFiles.writePng(new HoleMask(width, height, new boolean[width * height]));
    }
}
