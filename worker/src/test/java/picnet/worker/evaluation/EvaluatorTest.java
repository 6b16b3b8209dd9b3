package picnet.worker.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picnet.common.images.ImageFiles;
import picnet.common.images.RgbImage;
import picnet.common.masks.MaskKind;
import picnet.common.metrics.HoleL1ByDistance;
import picnet.common.metrics.ImageScores;
import picnet.common.metrics.PixelMetrics;
import picnet.worker.model.PicnetConfig;
import picnet.worker.model.PicnetNetworks;
import picnet.worker.sampling.DiverseSampler;

/** The whole evaluation on three tiny synthetic images with a small random-weight model. */
class EvaluatorTest {
    static final int SIZE = 96;
    static DiverseSampler sampler;

    @BeforeAll
    static void load() {
        sampler = new DiverseSampler(PicnetNetworks.random(PicnetConfig.released(SIZE), Device.cpu(), 1), 3);
    }

    @AfterAll
    static void close() {
        sampler.close();
    }

    static RgbImage synthetic(int w, int h, int k) {
        float[] v = new float[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                v[y * w + x] = (float) x / w;
                v[w * h + y * w + x] = (float) (0.5 + 0.4 * Math.sin((x + k * 7) / 6.0) * Math.cos(y / 9.0));
                v[2 * w * h + y * w + x] = ((x / 12 + y / 12 + k) % 2) * 0.6f + 0.2f;
            }
        }
        return new RgbImage(w, h, v);
    }

    @Test
    void evaluatesATestSetAndWritesBothReports(@TempDir Path tmp) throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data/sub"));
        ImageFiles.writePng(synthetic(120, 100, 0), tmp.resolve("data/a.png"));
        ImageFiles.writePng(synthetic(96, 96, 1), tmp.resolve("data/b.png"));
        ImageFiles.writePng(synthetic(80, 110, 2), data.resolve("c.png"));
        List<Path> files = picnet.worker.data.ImageSources.list(tmp.resolve("data"));
        assertEquals(3, files.size());
        Path out = tmp.resolve("report");
        Evaluator.Options options = new Evaluator.Options(List.of(MaskKind.CENTER, MaskKind.IRREGULAR), 3, 3, 17, 2, SIZE);
        List<Integer> progress = new ArrayList<>();
        EvaluationReport report = new Evaluator(sampler, null, options).run(files, out, "random-96",
                (result, done, total) -> {
                    assertEquals(6, total);
                    progress.add(done);
                });
        assertEquals(List.of(1, 2, 3, 4, 5, 6), progress);
        assertEquals(6, report.images().size());
        for (ImageResult r : report.images()) {
            MethodScores model = r.methods().get(Evaluator.MODEL);
            assertEquals(3, model.results());
            assertTrue(model.best().paperCriterion() <= model.mean().paperCriterion() + 1e-9);
            assertTrue(model.diversityL1() > 0, "random samples differ in the hole");
            assertTrue(model.diversityMsSsim() > 0 && model.diversityMsSsim() <= 1);
            assertNull(model.diversityLpips());
            MethodScores mean = r.methods().get(Evaluator.MEAN_FILL);
            assertEquals(mean.best(), mean.mean());
            assertEquals(0.0, mean.diversityL1());
            assertTrue(r.methods().get(Evaluator.DIFFUSION_FILL).best().l1() < mean.best().l1(),
                    "diffusion beats the flat mean on smooth synthetic images");
            for (MethodScores m : r.methods().values()) {
                // known pixels equal the truth in every result, so all of the error is in the hole
                assertEquals(m.best().l1(), m.best().holeL1() * r.holeFraction(), 1e-6);
                // the bands split the best result's hole L1: pooled back together they give it again
                HoleL1ByDistance bands = m.bestByDistance();
                long pixels = java.util.Arrays.stream(bands.pixels()).sum();
                assertEquals(Math.round(r.holeFraction() * SIZE * SIZE), pixels);
                assertEquals(m.best().holeL1(), java.util.Arrays.stream(bands.absoluteErrors()).sum() / (3.0 * pixels) * 255, 1e-6);
                assertTrue(m.best().holePsnr() < m.best().psnr());
            }
        }

        JsonNode json = new ObjectMapper().readTree(out.resolve(ReportWriter.JSON).toFile());
        assertEquals("random-96", json.get("model").asText());
        assertEquals(96, json.get("size").asInt());
        assertEquals("center", json.get("masks").get(0).asText());
        assertEquals(6, json.get("images").size());
        for (String key : List.of("center", "irregular", "all")) {
            JsonNode summary = json.get("summary").get(key);
            for (String method : List.of("model", "meanFill", "diffusionFill")) {
                JsonNode m = summary.get(method);
                for (String part : List.of("best", "mean")) {
                    for (String measure : List.of("l1", "psnr", "tv", "ssim", "holeL1", "holePsnr", "psnrInfinite")) {
                        assertTrue(m.get(part).has(measure), key + "." + method + "." + part + "." + measure);
                    }
                }
                assertTrue(m.has("diversityL1") && m.has("diversityMsSsim") && m.has("diversityLpips"));
                JsonNode bands = m.get("bestByDistance");
                assertEquals(HoleL1ByDistance.BANDS, bands.size());
                assertEquals("1-2", bands.get(0).get("distance").asText());
                double share = 0;
                for (JsonNode band : bands) {
                    share += band.get("pixelShare").asDouble();
                }
                assertEquals(1.0, share, 1e-9, key + "." + method);
                assertTrue(bands.get(0).get("holeL1").isNumber(), "every hole has pixels beside its edge");
            }
            assertTrue(json.get("truthTv").get(key).asDouble() > 0);
            for (String baseline : List.of("meanFill", "diffusionFill")) {
                JsonNode c = json.get("comparisons").get(key).get(baseline);
                assertEquals(key.equals("all") ? 6 : 3, c.get("holeL1").get("pairs").asInt(), key + " " + baseline);
                assertTrue(c.get("holePsnr").get("halfWidth95").asDouble() > 0, key + " " + baseline);
            }
        }
        JsonNode first = json.get("images").get(0);
        assertEquals("irregular", json.get("images").get(1).get("mask").asText());
        assertTrue(first.get("methods").get("model").get("best").has("psnr"));
        assertEquals(2, json.get("examples").size());

        String html = Files.readString(out.resolve(ReportWriter.HTML));
        assertTrue(html.contains("diffusionFill") && html.contains("meanFill") && html.contains("<table"));
        assertTrue(html.contains("by distance from the hole's edge"));
        for (JsonNode example : json.get("examples")) {
            example.get("pictures").forEach(p -> {
                assertTrue(Files.isRegularFile(out.resolve(p.asText())), p.asText());
                assertTrue(html.contains("src=\"" + p.asText() + "\""));
            });
        }
    }

    @Test
    void aModelOfAnotherSizeIsMeasuredAtTheEvaluationSizeAsServed(@TempDir Path tmp) throws Exception {
        ImageFiles.writePng(synthetic(200, 160, 4), tmp.resolve("x.png"));
        Evaluator.Options options = new Evaluator.Options(List.of(MaskKind.CENTER, MaskKind.IRREGULAR), 2, 2, 3, 1, 160);
        Path out = tmp.resolve("r");
        EvaluationReport report = new Evaluator(sampler, null, options)
                .run(List.of(tmp.resolve("x.png")), out, "m", Evaluator.Progress.NONE);
        assertEquals(160, report.size());
        assertEquals(SIZE, report.modelSize());
        for (ImageResult r : report.images()) {
            for (MethodScores m : r.methods().values()) {
                // pasted back at 160x160 with the known pixels untouched: all of the error is in the hole
                assertEquals(m.best().l1(), m.best().holeL1() * r.holeFraction(), 1e-6);
            }
        }
        JsonNode json = new ObjectMapper().readTree(out.resolve(ReportWriter.JSON).toFile());
        assertEquals(160, json.get("size").asInt());
        assertEquals(SIZE, json.get("modelSize").asInt());
        assertTrue(Files.readString(out.resolve(ReportWriter.HTML)).contains("at 160x160 (model 96x96, resized as served)"));
        for (JsonNode p : json.get("examples").get(0).get("pictures")) {
            assertEquals(160, ImageFiles.read(out.resolve(p.asText()), picnet.common.images.ImageLimits.DEFAULT).width());
        }
    }

    @Test
    void aRepeatedRunGivesTheSameNumbers(@TempDir Path tmp) {
        ImageFiles.writePng(synthetic(96, 96, 3), tmp.resolve("x.png"));
        Evaluator.Options options = new Evaluator.Options(List.of(MaskKind.REGULAR), 2, 2, 5, 0, SIZE);
        List<ImageResult> runs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            runs.addAll(new Evaluator(sampler, null, options)
                    .run(List.of(tmp.resolve("x.png")), tmp.resolve("r" + i), "m", Evaluator.Progress.NONE).images());
        }
        assertEquals(runs.get(0).methods(), runs.get(1).methods());
        assertTrue(Files.exists(tmp.resolve("r1").resolve(ReportWriter.JSON)));
    }

    @Test
    void infinitePsnrIsCountedNotAveraged(@TempDir Path tmp) throws Exception {
        ImageScores exact = new ImageScores(0, Double.POSITIVE_INFINITY, 3, 1, 0, Double.POSITIVE_INFINITY);
        ImageScores off = new ImageScores(2, 30, 3, 0.9, 8, 18);
        Evaluator.Options options = new Evaluator.Options(List.of(MaskKind.CENTER), 2, 2, 0, 0, SIZE);
        List<ImageResult> images = List.of(
                new ImageResult(0, "a.png", MaskKind.CENTER, 0, 0.25, 3, Map.of(Evaluator.MODEL, MethodScores.single(exact, HoleL1ByDistance.empty()))),
                new ImageResult(1, "b.png", MaskKind.CENTER, 1, 0.25, 3, Map.of(Evaluator.MODEL, MethodScores.single(off, HoleL1ByDistance.empty()))));
        EvaluationReport report = new EvaluationReport("m", 96, 96, options, false, images, List.of());
        EvaluationReport.Means best = report.summary().get(EvaluationReport.ALL).get(Evaluator.MODEL).best();
        assertEquals(new EvaluationReport.Means(1, 30, 3, 0.95, 4, 18, 1), best);
        new ReportWriter(tmp).write(report);
        JsonNode json = new ObjectMapper().readTree(tmp.resolve(ReportWriter.JSON).toFile());
        assertEquals("Infinity", json.get("images").get(0).get("methods").get("model").get("best").get("psnr").asText());
        assertEquals(1, json.get("summary").get("center").get("model").get("best").get("psnrInfinite").asInt());
    }

    @Test
    void theModelIsComparedWithEachBaselineImageByImageWithAStudentTInterval(@TempDir Path tmp) throws Exception {
        // hole L1: model 10, 12, 14 against diffusion 9, 10, 11: differences 1, 2, 3, mean 2, sd 1,
        // t(2 degrees of freedom, 97.5%) = 4.302653, half-width 4.302653 / sqrt(3) = 2.484138.
        // hole PSNR: the third pair is infinite and left out: differences -1 and 1, mean 0, sd sqrt(2),
        // t(1, 97.5%) = 12.706205, half-width 12.706205 * sqrt(2) / sqrt(2).
        double[][] model = {{10, 20}, {12, 22}, {14, Double.POSITIVE_INFINITY}};
        double[][] diffusion = {{9, 21}, {10, 21}, {11, 25}};
        List<ImageResult> images = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Map<String, MethodScores> methods = new java.util.LinkedHashMap<>();
            methods.put(Evaluator.MODEL, MethodScores.single(new ImageScores(1, 30, 3, 0.9, model[i][0], model[i][1]), HoleL1ByDistance.empty()));
            methods.put(Evaluator.DIFFUSION_FILL, MethodScores.single(
                    new ImageScores(1, 30, 3, 0.9, diffusion[i][0], diffusion[i][1]), HoleL1ByDistance.empty()));
            images.add(new ImageResult(i, i + ".png", MaskKind.CENTER, i, 0.25, 3, methods));
        }
        Evaluator.Options options = new Evaluator.Options(List.of(MaskKind.CENTER), 2, 2, 0, 0, SIZE);
        EvaluationReport report = new EvaluationReport("m", 96, 96, options, false, images, List.of());
        EvaluationReport.Comparison c = report.comparisons().get("center").get(Evaluator.DIFFUSION_FILL);
        assertEquals(2, c.holeL1().mean(), 1e-12);
        assertEquals(2.484138, c.holeL1().halfWidth95(), 1e-6);
        assertEquals(3, c.holeL1().pairs());
        assertEquals(0, c.holePsnr().mean(), 1e-12);
        assertEquals(12.706205, c.holePsnr().halfWidth95(), 1e-6);
        assertEquals(2, c.holePsnr().pairs());
        assertEquals(Set.of(Evaluator.DIFFUSION_FILL), report.comparisons().get(EvaluationReport.ALL).keySet());

        EvaluationReport one = new EvaluationReport("m", 96, 96, options, false, images.subList(0, 1), List.of());
        assertNull(one.comparisons().get("center").get(Evaluator.DIFFUSION_FILL).holeL1().halfWidth95(),
                "one pair has no interval");

        new ReportWriter(tmp).write(report);
        JsonNode json = new ObjectMapper().readTree(tmp.resolve(ReportWriter.JSON).toFile());
        assertEquals(2.484138, json.get("comparisons").get("all").get("diffusionFill").get("holeL1").get("halfWidth95")
                .asDouble(), 1e-6);
        assertTrue(Files.readString(tmp.resolve(ReportWriter.HTML))
                .contains("model minus diffusionFill, paired over the same images (95% interval): hole L1 +2.00 &plusmn; 2.48, "
                        + "hole PSNR +0.00 &plusmn; 12.71"));
    }

    @Test
    void prepareCropsTheCentredSquare() {
        RgbImage wide = synthetic(120, 100, 0);
        RgbImage prepared = Evaluator.prepare(wide, 100);
        assertEquals(100, prepared.width());
        assertEquals(wide.get(1, 50, 10), prepared.get(1, 50, 0));
    }

    @Test
    void optionsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new Evaluator.Options(List.of(), 2, 2, 0, 0, SIZE));
        assertThrows(IllegalArgumentException.class, () -> new Evaluator.Options(List.of(MaskKind.CENTER), 2, 3, 0, 0, SIZE));
        assertThrows(IllegalArgumentException.class, () -> new Evaluator.Options(List.of(MaskKind.CENTER), 2, 2, 0, 0, 8));
    }

    @Test
    void lpipsRefusesMissingAndBrokenFiles(@TempDir Path tmp) throws Exception {
        assertThrows(IllegalArgumentException.class, () -> Lpips.load(tmp.resolve("none.pt"), Device.cpu()));
        Path broken = Files.writeString(tmp.resolve("broken.pt"), "not a model");
        assertThrows(IllegalArgumentException.class, () -> Lpips.load(broken, Device.cpu()));
    }

    @Test
    void lpipsRunsATorchScriptFileAndFeedsTheDiversity(@TempDir Path tmp) throws Exception {
        Path toy = ToyTorchScript.write(tmp.resolve("toy.pt"));
        ImageFiles.writePng(synthetic(96, 96, 4), tmp.resolve("x.png"));
        try (Lpips lpips = Lpips.load(toy, Device.cpu())) {
            RgbImage a = synthetic(64, 48, 0);
            RgbImage b = synthetic(64, 48, 1);
            assertEquals(0.0, lpips.distance(a, a));
            assertEquals(2 * PixelMetrics.l1(a, b) / 255, lpips.distance(a, b), 1e-6);
            assertThrows(IllegalArgumentException.class, () -> lpips.distance(a, synthetic(48, 64, 0)));
            Evaluator.Options options = new Evaluator.Options(List.of(MaskKind.CENTER), 3, 3, 0, 0, SIZE);
            ImageResult r = new Evaluator(sampler, lpips, options)
                    .run(List.of(tmp.resolve("x.png")), tmp.resolve("r"), "m", Evaluator.Progress.NONE).images().get(0);
            MethodScores model = r.methods().get(Evaluator.MODEL);
            assertTrue(model.diversityLpips() > 0);
            // the toy network is L1 in [-1, 1] units on the hole's bounding box (48x48 >= 32: not grown)
            assertEquals(2 * model.diversityL1() / 255, model.diversityLpips(), 1e-5);
        }
    }

    /** Needs a real LPIPS TorchScript file (none can be downloaded here): set PICNET_LPIPS_MODEL to run it. */
    @Test
    void lpipsOfIdenticalImagesIsZero() {
        String file = System.getenv("PICNET_LPIPS_MODEL");
        assumeTrue(file != null && Files.isRegularFile(Path.of(file)), "PICNET_LPIPS_MODEL not set");
        try (Lpips lpips = Lpips.load(Path.of(file), Device.cpu())) {
            RgbImage a = synthetic(64, 64, 0);
            assertEquals(0.0, lpips.distance(a, a), 1e-6);
            assertTrue(lpips.distance(a, synthetic(64, 64, 1)) > 0);
        }
    }
}
