package picnet.common.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class ImageScalingTest {
    @Test
    void aWideImageShrinksToTheWidthWithItsAspectAndAveragesItsPixels() {
        // 1-pixel black and white stripes: sampling would give black or white, averaging gives grey
        BufferedImage stripes = new BufferedImage(1024, 512, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < 512; y++) {
            for (int x = 0; x < 1024; x += 2) {
                stripes.setRGB(x, y, 0xFFFFFF);
            }
        }
        BufferedImage small = ImageScaling.toWidth(stripes, 64);
        assertEquals(64, small.getWidth());
        assertEquals(32, small.getHeight());
        int grey = small.getRGB(32, 16) & 0xFF;
        assertEquals(127.5, grey, 8, "averaged, not sampled: " + grey);
    }

    @Test
    void anImageNoWiderIsReturnedAsItIsAndZeroIsRefused() {
        BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_3BYTE_BGR);
        assertSame(image, ImageScaling.toWidth(image, 40));
        assertSame(image, ImageScaling.toWidth(image, 400));
        assertEquals(1, ImageScaling.toWidth(new BufferedImage(400, 2, BufferedImage.TYPE_3BYTE_BGR), 16).getHeight());
        assertThrows(IllegalArgumentException.class, () -> ImageScaling.toWidth(image, 0));
    }
}
