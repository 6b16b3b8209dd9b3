package picnet.common.images;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picnet.common.masks.HoleMask;

/**
 * One overview image: the input with its hole drawn as a grey checkerboard, the mask (white = hole
 * on black), then every result, left to right and top to bottom in a grid with small gaps.
 */
public final class ContactSheet {
    /** Tiles are shrunk so that their longer side is at most this. */
    public static final int MAX_TILE_SIDE = 512;
    static final int GAP = 4;
    static final float BACKGROUND = 0.5f;
    private static final int CHECKER = 8;
    private static final float CHECKER_LIGHT = 0.85f;
    private static final float CHECKER_DARK = 0.7f;

    private ContactSheet() {
    }

    public static RgbImage compose(RgbImage input, HoleMask mask, List<RgbImage> results, int columns) {
        if (mask.width() != input.width() || mask.height() != input.height()) {
            throw new IllegalArgumentException("mask is " + mask.width() + "x" + mask.height() + " but input is "
                    + input.width() + "x" + input.height());
        }
        if (columns < 1) {
            throw new IllegalArgumentException("columns must be >= 1, got " + columns);
        }
        int[] tile = tileSize(input.width(), input.height());
        int tw = tile[0];
        int th = tile[1];
        HoleMask tileMask = ImageResize.resize(mask, tw, th);
        List<RgbImage> tiles = new ArrayList<>();
        tiles.add(withCheckerHole(fit(input, tw, th), tileMask));
        tiles.add(maskImage(tileMask));
        for (RgbImage result : results) {
            tiles.add(fit(result, tw, th));
        }
        int cols = Math.min(columns, tiles.size());
        int rows = (tiles.size() + cols - 1) / cols;
        int sheetW = cols * tw + (cols + 1) * GAP;
        int sheetH = rows * th + (rows + 1) * GAP;
        float[] sheet = new float[3 * sheetW * sheetH];
        Arrays.fill(sheet, BACKGROUND);
        for (int i = 0; i < tiles.size(); i++) {
            int x0 = GAP + (i % cols) * (tw + GAP);
            int y0 = GAP + (i / cols) * (th + GAP);
            copyInto(tiles.get(i), sheet, sheetW, sheetH, x0, y0);
        }
        return new RgbImage(sheetW, sheetH, sheet);
    }

    static int[] tileSize(int width, int height) {
        int side = Math.max(width, height);
        if (side <= MAX_TILE_SIDE) {
            return new int[] {width, height};
        }
        return new int[] {
            Math.max(1, (int) Math.round((double) width * MAX_TILE_SIDE / side)),
            Math.max(1, (int) Math.round((double) height * MAX_TILE_SIDE / side))
        };
    }

    private static RgbImage fit(RgbImage image, int w, int h) {
        return image.width() == w && image.height() == h ? image : ImageResize.resize(image, w, h);
    }

    private static RgbImage withCheckerHole(RgbImage image, HoleMask mask) {
        int w = image.width();
        int plane = w * image.height();
        float[] out = image.chw().clone();
        for (int i = 0; i < plane; i++) {
            if (mask.hole()[i]) {
                int x = i % w;
                int y = i / w;
                float grey = ((x / CHECKER + y / CHECKER) % 2 == 0) ? CHECKER_LIGHT : CHECKER_DARK;
                out[i] = grey;
                out[plane + i] = grey;
                out[2 * plane + i] = grey;
            }
        }
        return new RgbImage(w, image.height(), out);
    }

    private static RgbImage maskImage(HoleMask mask) {
        int plane = mask.width() * mask.height();
        float[] out = new float[3 * plane];
        for (int i = 0; i < plane; i++) {
            float v = mask.hole()[i] ? 1f : 0f;
            out[i] = v;
            out[plane + i] = v;
            out[2 * plane + i] = v;
        }
        return new RgbImage(mask.width(), mask.height(), out);
    }

    private static void copyInto(RgbImage tile, float[] sheet, int sheetW, int sheetH, int x0, int y0) {
        int w = tile.width();
        int h = tile.height();
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                System.arraycopy(tile.chw(), (c * h + y) * w, sheet, (c * sheetH + y0 + y) * sheetW + x0, w);
            }
        }
    }
}
