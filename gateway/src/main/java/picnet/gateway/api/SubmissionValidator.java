package picnet.gateway.api;

import java.security.SecureRandom;
import java.util.UUID;
import picnet.common.images.ImageFiles;
import picnet.common.images.ImageLimits;
import picnet.common.images.InvalidImageException;
import picnet.common.images.RgbImage;
import picnet.common.jobs.CompletionJob;
import picnet.common.masks.HoleMask;
import picnet.common.masks.MaskFiles;
import picnet.gateway.jobs.WorkerDirectory;

/**
 * Checks a completion submission before anything is enqueued. {@link #checkFields} is cheap and runs on
 * the event loop; {@link #checkImages} decodes the files (size limits are checked from the headers before
 * decoding) and must run on a worker thread.
 */
public final class SubmissionValidator {
    private static final SecureRandom SEEDS = new SecureRandom();

    private final ImageLimits limits;

    public SubmissionValidator(ImageLimits limits) {
        this.limits = limits;
    }

    /** The fields of a submission, checked; the files are not decoded yet. */
    public record Fields(byte[] image, byte[] mask, int samples, int top, long seed, String model, String strategy) {}

    public Fields checkFields(MultipartForm form, WorkerDirectory workers) {
        byte[] image = form.files().get("image");
        byte[] mask = form.files().get("mask");
        if (image == null) {
            throw ApiError.badRequest("missing_image", "the multipart part 'image' (a PNG or JPEG file) is missing");
        }
        if (mask == null) {
            throw ApiError.badRequest("missing_mask", "the multipart part 'mask' (a PNG file, white = hole) is missing");
        }
        int samples = intField(form, "samples", CompletionJob.DEFAULT_SAMPLES);
        if (samples < 1 || samples > CompletionJob.MAX_SAMPLES) {
            throw ApiError.badRequest("invalid_samples",
                    "samples must be in 1.." + CompletionJob.MAX_SAMPLES + ", got " + samples);
        }
        int top = intField(form, "top", samples);
        if (top < 1 || top > samples) {
            throw ApiError.badRequest("invalid_top", "top must be in 1.." + samples + " (samples), got " + top);
        }
        String seedText = blankToNull(form.fields().get("seed"));
        long seed;
        if (seedText == null) {
            seed = SEEDS.nextLong() & Long.MAX_VALUE;
        } else {
            try {
                seed = Long.parseLong(seedText.trim());
            } catch (NumberFormatException e) {
                throw ApiError.badRequest("invalid_seed", "seed must be an integer, got '" + clip(seedText) + "'");
            }
        }
        String strategy = blankToNull(form.fields().get("strategy"));
        if (strategy != null) {
            strategy = strategy.trim().toLowerCase(java.util.Locale.ROOT);
            if (!CompletionJob.STRATEGIES.contains(strategy)) {
                throw ApiError.badRequest("invalid_strategy", "strategy must be one of "
                        + String.join(", ", CompletionJob.STRATEGIES) + ", got '" + clip(form.fields().get("strategy")) + "'");
            }
        }
        String model = blankToNull(form.fields().get("model"));
        if (model != null && !workers.isKnown(model)) {
            throw ApiError.unprocessable("unknown_model", "unknown model '" + clip(model) + "'; known models: "
                    + (workers.knownModels().isEmpty() ? "none announced yet" : String.join(", ", workers.knownModels())));
        }
        return new Fields(image, mask, samples, top, seed, model, strategy);
    }

    /** Blocking: decodes image and mask and checks that they fit together. */
    public CompletionJob checkImages(Fields f) {
        if (f.image().length == 0) {
            throw ApiError.unprocessable("invalid_image", "the image file is empty (0 bytes)");
        }
        if (f.mask().length == 0) {
            throw ApiError.unprocessable("invalid_mask", "the mask file is empty (0 bytes)");
        }
        requireComplete(f.image(), "invalid_image", "image");
        requireComplete(f.mask(), "invalid_mask", "mask");
        RgbImage image;
        try {
            image = ImageFiles.read(f.image(), limits);
        } catch (InvalidImageException e) {
            throw ApiError.unprocessable("invalid_image", "image: " + e.getMessage());
        }
        HoleMask mask;
        try {
            mask = MaskFiles.read(f.mask(), limits);
        } catch (InvalidImageException e) {
            throw ApiError.unprocessable("invalid_mask", "mask: " + e.getMessage());
        }
        if (mask.width() != image.width() || mask.height() != image.height()) {
            throw ApiError.unprocessable("mask_size_mismatch", "the mask is " + mask.width() + "x" + mask.height()
                    + " but the image is " + image.width() + "x" + image.height() + "; they must be the same size");
        }
        if (mask.holeCount() == 0) {
            throw ApiError.unprocessable("empty_mask", "the mask has no hole: paint the area to fill in white");
        }
        return new CompletionJob(UUID.randomUUID().toString(), f.model(), f.samples(), f.top(), f.seed(), f.image(),
                f.mask(), System.currentTimeMillis(), f.strategy());
    }

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] PNG_END = {0, 0, 0, 0, 'I', 'E', 'N', 'D', (byte) 0xAE, 0x42, 0x60, (byte) 0x82};

    /**
     * A PNG must end with its IEND chunk: ImageIO decodes a file cut just after the pixel data without a
     * complaint, but a cut file is a failed upload. (JPEG cuts are caught by the decoder.)
     */
    private static void requireComplete(byte[] file, String code, String what) {
        if (file.length >= PNG_SIGNATURE.length
                && java.util.Arrays.equals(file, 0, PNG_SIGNATURE.length, PNG_SIGNATURE, 0, PNG_SIGNATURE.length)) {
            int from = file.length - PNG_END.length;
            if (from < 0 || !java.util.Arrays.equals(file, from, file.length, PNG_END, 0, PNG_END.length)) {
                throw ApiError.unprocessable(code, what + ": the PNG file is truncated (it does not end with"
                        + " an IEND chunk)");
            }
        }
    }

    private static int intField(MultipartForm form, String name, int defaultValue) {
        String text = blankToNull(form.fields().get(name));
        if (text == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("invalid_" + name, name + " must be an integer, got '" + clip(text) + "'");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String clip(String s) {
        String line = s.replaceAll("\\s+", " ");
        return line.length() > 60 ? line.substring(0, 57) + "..." : line;
    }
}
