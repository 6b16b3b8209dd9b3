package picnet.worker.evaluation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picnet.common.images.RgbImage;
import picnet.common.masks.HoleMask;
import picnet.common.masks.MaskKind;

/**
 * Writes an evaluation to a folder: {@code report.json} (everything), {@code report.html} (the
 * aggregate table, model against baselines, and example rows) and the example pictures under
 * {@code examples/}, referenced from the HTML by relative path. Infinite PSNRs are written as the JSON
 * string {@code "Infinity"}.
 */
public final class ReportWriter {
    public static final String JSON = "report.json";
    public static final String HTML = "report.html";
    public static final String EXAMPLES = "examples";

    /** One example row: picture files relative to the report, in column order, keyed by caption. */
    public record Example(int index, String file, MaskKind mask, Map<String, String> pictures) {}

    static final Map<String, String> DEFINITIONS = definitions();

    private final Path dir;

    public ReportWriter(Path dir) {
        this.dir = dir;
    }

    Example writeExample(ImageResult result, RgbImage truth, HoleMask mask, Map<String, List<RgbImage>> pictures) {
        String stem = String.format(Locale.ROOT, "%03d-%s", result.index(), result.mask().id());
        Map<String, String> files = new LinkedHashMap<>();
        RgbImage input = withWhiteHole(truth, mask);
        files.put("input", save(stem + "-input.png", input));
        files.put("truth", save(stem + "-truth.png", truth));
        files.put("mean fill", save(stem + "-mean-fill.png", pictures.get(Evaluator.MEAN_FILL).get(0)));
        files.put("diffusion fill", save(stem + "-diffusion-fill.png", pictures.get(Evaluator.DIFFUSION_FILL).get(0)));
        List<RgbImage> model = pictures.get(Evaluator.MODEL);
        files.put("model, best of kept (L1 - PSNR + TV)", save(stem + "-model-best.png", model.get(0)));
        for (int rank = 1; rank < model.size(); rank++) {
            files.put("model, rank " + rank, save(stem + "-model-rank" + rank + ".png", model.get(rank)));
        }
        return new Example(result.index(), result.file(), result.mask(), files);
    }

    private String save(String name, RgbImage image) {
        try {
            Files.createDirectories(dir.resolve(EXAMPLES));
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot create the report folder: " + e.getMessage(), e);
        }
        picnet.common.images.ImageFiles.writePng(image, dir.resolve(EXAMPLES).resolve(name));
        return EXAMPLES + "/" + name;
    }

    private static RgbImage withWhiteHole(RgbImage image, HoleMask mask) {
        float[] v = image.chw().clone();
        int plane = image.width() * image.height();
        for (int p = 0; p < plane; p++) {
            if (mask.hole()[p]) {
                v[p] = v[plane + p] = v[2 * plane + p] = 1f;
            }
        }
        return new RgbImage(image.width(), image.height(), v);
    }

    public void write(EvaluationReport report) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model", report.model());
        json.put("size", report.size());
        json.put("modelSize", report.modelSize());
        json.put("masks", report.options().masks());
        json.put("samples", report.options().samples());
        json.put("top", report.options().top());
        json.put("seed", report.options().seed());
        json.put("lpips", report.lpips());
        json.put("evaluated", report.images().size());
        json.put("definitions", DEFINITIONS);
        json.put("truthTv", report.truthTv());
        json.put("summary", report.summary());
        json.put("comparisons", report.comparisons());
        json.put("comparisonsByDifficulty", report.comparisonsByDifficulty());
        json.put("images", report.images());
        json.put("examples", report.examples());
        try {
            Files.createDirectories(dir);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve(JSON).toFile(), json);
            Files.writeString(dir.resolve(HTML), html(report), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot write the report: " + e.getMessage(), e);
        }
    }

    private static Map<String, String> definitions() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("image", "centred square crop resized to size x size; a model of another size (modelSize) completes it "
                + "as served: the auto size strategy fits the hole's window to the model and pastes the result back, "
                + "known pixels untouched; measures on the whole image in 0..255 units unless named hole");
        d.put("l1", "mean |result - truth| over all values");
        d.put("psnr", "20 log10(255 / sqrt(MSE)); Infinity for identical images, left out of means and counted in psnrInfinite");
        d.put("tv", "mean |horizontal difference| + mean |vertical difference| of the result, no wrap-around");
        d.put("holeL1", "l1 over the hole's pixels only (all three channels)");
        d.put("holePsnr", "psnr over the hole's pixels only; Infinity exactly when psnr is");
        d.put("ssim", "11x11 Gaussian window, sigma 1.5, K1 0.01, K2 0.03, valid windows, mean of R, G, B");
        d.put("best", "the kept sample with the smallest l1 - psnr + tv (the authors' oracle choice)");
        d.put("mean", "each measure averaged over the kept samples");
        d.put("diversityL1", "mean over pairs of kept samples of L1 on the hole pixels");
        d.put("diversityMsSsim", "mean over pairs of kept samples of 1 - MS-SSIM on the hole's bounding box (5 scales, fewer when small)");
        d.put("diversityLpips", "mean over pairs of LPIPS on the hole's bounding box grown to 32 px; null without --lpips");
        d.put("bestByDistance", "the best result's hole L1 per band of Euclidean distance (pixels of the measured image) "
                + "from the hole pixel to the nearest known pixel, pooled over the pixels of all images; \"2-4\" holds "
                + "distances above 2 up to 4; pixelShare is the band's share of the hole pixels; null for an empty band");
        d.put("comparisons", "per mask kind and baseline: the model's best kept sample minus the baseline, paired over "
                + "the same images and masks; mean, half-width of the 95% interval (Student's t), pairs");
        d.put("comparisonsByDifficulty", "per mask kind and baseline: the images sorted by the baseline's hole L1 and cut "
                + "into thirds (easiest, middle, hardest; a remainder goes to the hardest); per third the model's and the "
                + "baseline's mean hole L1 (best kept sample), modelAhead (images where the model's is lower) and the "
                + "paired difference of hole L1 as in comparisons");
        d.put("baselines", "meanFill: hole filled with the mean colour of the known pixels; diffusionFill: harmonic (Laplace) fill; one result each, diversity 0");
        return d;
    }

    private static String html(EvaluationReport report) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>picnet evaluation: ")
                .append(escape(report.model())).append("</title>\n<style>body{font-family:sans-serif;margin:2em}"
                        + "table{border-collapse:collapse;margin-bottom:2em}td,th{border:1px solid #ccc;padding:4px 8px;"
                        + "text-align:right}th{background:#f4f4f4}td.name{text-align:left}img{width:128px;height:128px;"
                        + "image-rendering:pixelated}figure{display:inline-block;margin:4px}figcaption{font-size:11px;"
                        + "max-width:128px}</style></head><body>\n");
        h.append("<h1>picnet evaluation: ").append(escape(report.model())).append("</h1>\n<p>")
                .append(report.images().size()).append(" image-mask pairs at ").append(report.size()).append('x')
                .append(report.size()).append(report.modelSize() == report.size() ? ""
                        : " (model " + report.modelSize() + "x" + report.modelSize() + ", resized as served)")
                .append(", ").append(report.options().samples()).append(" samples, best ")
                .append(report.options().top()).append(" kept, seed ").append(report.options().seed())
                .append(". Measures in 0..255 units on the whole image, <em>hole</em> ones on the hole's pixels only; L1 and TV lower is better, PSNR and SSIM higher is better; "
                        + "<em>best</em> is the kept sample with the smallest L1 - PSNR + TV (the authors' choice), "
                        + "<em>mean</em> the average over kept samples. Definitions are in report.json.</p>\n");
        Map<String, Double> truthTv = report.truthTv();
        Map<String, Map<String, EvaluationReport.Comparison>> comparisons = report.comparisons();
        Map<String, Map<String, List<ComparisonByDifficulty.Third>>> byDifficulty = report.comparisonsByDifficulty();
        for (Map.Entry<String, Map<String, EvaluationReport.MethodSummary>> e : report.summary().entrySet()) {
            h.append("<h2>masks: ").append(escape(e.getKey())).append("</h2>\n<table><tr><th>method</th>"
                    + "<th>L1 best</th><th>PSNR best</th><th>TV best</th><th>SSIM best</th>"
                    + "<th>hole L1 best</th><th>hole PSNR best</th>"
                    + "<th>L1 mean</th><th>PSNR mean</th><th>TV mean</th><th>SSIM mean</th>"
                    + "<th>hole L1 mean</th><th>hole PSNR mean</th>"
                    + "<th>pairwise L1 (hole)</th><th>pairwise 1 - MS-SSIM (hole)</th><th>pairwise LPIPS</th></tr>\n");
            for (Map.Entry<String, EvaluationReport.MethodSummary> m : e.getValue().entrySet()) {
                EvaluationReport.MethodSummary s = m.getValue();
                h.append("<tr><td class=\"name\">").append(escape(m.getKey())).append("</td>");
                cells(h, s.best());
                cells(h, s.mean());
                h.append(cell(s.diversityL1(), 2)).append(cell(s.diversityMsSsim(), 4))
                        .append(s.diversityLpips() == null ? "<td>-</td>" : cell(s.diversityLpips(), 4)).append("</tr>\n");
            }
            h.append("</table>\n");
            distanceTable(h, e.getValue());
            h.append("<p>TV of the ground truth: ").append(String.format(Locale.ROOT, "%.2f", truthTv.get(e.getKey())))
                    .append("</p>\n");
            comparisons.get(e.getKey()).forEach((baseline, c) -> h.append("<p>model minus ").append(escape(baseline))
                    .append(", paired over the same images (95% interval): hole L1 ").append(c.holeL1().format("&plusmn;"))
                    .append(", hole PSNR ").append(c.holePsnr().format("&plusmn;")).append("</p>\n"));
            difficultyTable(h, byDifficulty.get(e.getKey()));
        }
        if (!report.examples().isEmpty()) {
            h.append("<h2>examples</h2>\n");
            for (Example ex : report.examples()) {
                h.append("<div><p>#").append(ex.index()).append(' ').append(escape(ex.file())).append(" (")
                        .append(ex.mask().id()).append(")</p>\n");
                for (Map.Entry<String, String> p : ex.pictures().entrySet()) {
                    h.append("<figure><img src=\"").append(escape(p.getValue())).append("\" alt=\"")
                            .append(escape(p.getKey())).append("\"><figcaption>").append(escape(p.getKey()))
                            .append("</figcaption></figure>");
                }
                h.append("</div>\n");
            }
        }
        return h.append("</body></html>\n").toString();
    }

    /** The model against each baseline on that baseline's easiest to hardest third of the images. */
    private static void difficultyTable(StringBuilder h, Map<String, List<ComparisonByDifficulty.Third>> byBaseline) {
        byBaseline.forEach((baseline, thirds) -> {
            h.append("<table><tr><th>images by ").append(escape(baseline)).append("'s hole L1</th><th>images</th>"
                    + "<th>model hole L1</th><th>").append(escape(baseline)).append(" hole L1</th>"
                    + "<th>model ahead on</th><th>model minus ").append(escape(baseline)).append(" (95% interval)</th></tr>\n");
            for (ComparisonByDifficulty.Third t : thirds) {
                h.append("<tr><td class=\"name\">").append(t.third()).append(" third</td><td>").append(t.images())
                        .append("</td>").append(cell(t.modelHoleL1(), 2)).append(cell(t.baselineHoleL1(), 2))
                        .append("<td>").append(t.modelAhead()).append("</td><td>").append(t.holeL1().format("&plusmn;"))
                        .append("</td></tr>\n");
            }
            h.append("</table>\n");
        });
    }

    /** Hole L1 of the best results by distance from the hole's edge, a row per method. */
    private static void distanceTable(StringBuilder h, Map<String, EvaluationReport.MethodSummary> methods) {
        if (methods.isEmpty()) {
            return;
        }
        List<EvaluationReport.DistanceBand> first = methods.values().iterator().next().bestByDistance();
        h.append("<table><tr><th>hole L1 best, by distance from the hole's edge (px)</th>");
        first.forEach(b -> h.append("<th>").append(escape(b.distance())).append("</th>"));
        h.append("</tr>\n<tr><td class=\"name\">share of hole pixels</td>");
        first.forEach(b -> h.append(cell(b.pixelShare(), 3)));
        h.append("</tr>\n");
        methods.forEach((name, s) -> {
            h.append("<tr><td class=\"name\">").append(escape(name)).append("</td>");
            s.bestByDistance().forEach(b -> h.append(b.holeL1() == null ? "<td>-</td>" : cell(b.holeL1(), 2)));
            h.append("</tr>\n");
        });
        h.append("</table>\n");
    }

    private static void cells(StringBuilder h, EvaluationReport.Means m) {
        h.append(cell(m.l1(), 2)).append(cell(m.psnr(), 2)).append(cell(m.tv(), 2)).append(cell(m.ssim(), 4))
                .append(cell(m.holeL1(), 2)).append(cell(m.holePsnr(), 2));
    }

    private static String cell(double v, int decimals) {
        return "<td>" + (Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f", v) : String.valueOf(v)) + "</td>";
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
