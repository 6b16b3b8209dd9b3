package picnet.common.images;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import picnet.common.masks.HoleMask;

class ContactSheetTest {
    private static RgbImage filled(int w, int h, float value) {
        float[] chw = new float[3 * w * h];
        Arrays.fill(chw, value);
        return new RgbImage(w, h, chw);
    }

    private static HoleMask leftHalfHole(int w, int h) {
        boolean[] hole = new boolean[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w / 2; x++) {
                hole[y * w + x] = true;
            }
        }
        return new HoleMask(w, h, hole);
    }

    @Test
    void gridHoldsInputMaskAndResults() {
        int w = 64;
        int h = 48;
        int gap = ContactSheet.GAP;
        List<RgbImage> results = List.of(filled(w, h, 0.1f), filled(w, h, 0.2f), filled(32, 24, 0.3f));

        RgbImage sheet = ContactSheet.compose(filled(w, h, 0f), leftHalfHole(w, h), results, 2);

        // 5 tiles in 2 columns -> 3 rows
        assertEquals(2 * w + 3 * gap, sheet.width());
        assertEquals(3 * h + 4 * gap, sheet.height());
        // tile 0: the input, checker grey in the hole, original elsewhere
        float holeGrey = sheet.get(0, gap + 5, gap + 5);
        assertEquals(true, holeGrey >= 0.6f && holeGrey <= 0.9f, "hole drawn grey: " + holeGrey);
        assertEquals(0f, sheet.get(0, gap + 5, gap + w - 5));
        // tile 1: the mask, white = hole on black
        int maskX = 2 * gap + w;
        assertEquals(1f, sheet.get(1, gap + 5, maskX + 5));
        assertEquals(0f, sheet.get(1, gap + 5, maskX + w - 5));
        // results in order, the smaller one enlarged to the tile size
        assertEquals(0.1f, sheet.get(2, 2 * gap + h + 10, gap + 10));
        assertEquals(0.2f, sheet.get(2, 2 * gap + h + 10, maskX + 10));
        assertEquals(0.3f, sheet.get(2, 3 * gap + 2 * h + h - 1, gap + w - 1), 1e-6f);
        // the empty last cell and the gaps are background
        assertEquals(ContactSheet.BACKGROUND, sheet.get(0, 3 * gap + 2 * h + 10, maskX + 10));
        assertEquals(ContactSheet.BACKGROUND, sheet.get(0, 1, 1));
    }

    @Test
    void largeInputsAreShownAsSmallerTiles() {
        RgbImage sheet = ContactSheet.compose(filled(1024, 768, 0.5f), leftHalfHole(1024, 768),
                List.of(filled(256, 256, 0.4f)), 3);

        assertEquals(3 * 512 + 4 * ContactSheet.GAP, sheet.width());
        assertEquals(384 + 2 * ContactSheet.GAP, sheet.height());
    }

    @Test
    void fewTilesUseFewerColumns() {
        RgbImage sheet = ContactSheet.compose(filled(10, 10, 0f), leftHalfHole(10, 10), List.of(), 8);
        assertEquals(2 * 10 + 3 * ContactSheet.GAP, sheet.width());
    }
}
