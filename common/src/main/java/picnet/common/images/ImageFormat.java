package picnet.common.images;

import static java.nio.charset.StandardCharsets.US_ASCII;

/** The two accepted file formats, recognised by their leading bytes rather than by file name. */
enum ImageFormat {
    PNG("png"),
    JPEG("jpeg");

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    final String imageIoName;

    ImageFormat(String imageIoName) {
        this.imageIoName = imageIoName;
    }

    static ImageFormat sniff(byte[] bytes) {
        if (startsWith(bytes, PNG_SIGNATURE)) {
            return PNG;
        }
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xd8 && (bytes[2] & 0xff) == 0xff) {
            return JPEG;
        }
        String other = recogniseOther(bytes);
        throw new InvalidImageException("not a PNG or JPEG image" + (other == null ? "" : " (it looks like " + other + ")"));
    }

    private static String recogniseOther(byte[] b) {
        if (startsWith(b, "GIF8".getBytes(US_ASCII))) {
            return "a GIF";
        }
        if (startsWith(b, "BM".getBytes(US_ASCII))) {
            return "a BMP";
        }
        if (startsWith(b, "RIFF".getBytes(US_ASCII)) && b.length >= 12 && new String(b, 8, 4, US_ASCII).equals("WEBP")) {
            return "a WebP";
        }
        if (startsWith(b, "II*\0".getBytes(US_ASCII)) || startsWith(b, "MM\0*".getBytes(US_ASCII))) {
            return "a TIFF";
        }
        return null;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
