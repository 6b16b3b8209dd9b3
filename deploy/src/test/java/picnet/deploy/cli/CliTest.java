package picnet.deploy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picnet.common.images.ImageFiles;
import picnet.common.images.ImageLimits;
import picnet.common.images.RgbImage;
import picnet.common.masks.HoleMask;
import picnet.common.masks.MaskFiles;
import picnet.common.masks.MaskGenerator;
import picnet.common.masks.MaskKind;
import picnet.deploy.TestModels;
import picocli.CommandLine;

/** The command line against the real engine: outputs on success, exit code 2 and one line on bad input. */
class CliTest {
    @TempDir
    static Path dir;
    static Path model;
    static Path image;

    @BeforeAll
    static void setUp() throws Exception {
        model = TestModels.write(dir.resolve("models"), "tiny");
        float[] v = new float[3 * 120 * 100];
        for (int i = 0; i < v.length; i++) {
            v[i] = (i % 120) / 120f;
        }
        image = dir.resolve("in.png");
        ImageFiles.writePng(new RgbImage(120, 100, v), image);
    }

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter err = new StringWriter();
        StringWriter out = new StringWriter();
        CommandLine cli = PicnetCli.commandLine();
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(out, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void everyCommandsHelpRendersWithoutAFormatWarning() {
        // picocli formats descriptions with String.format and, on a stray '%', warns on System.err and prints the raw text
        PrintStream systemErr = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        List<String> rendered = new ArrayList<>();
        System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
        try {
            renderHelp(PicnetCli.commandLine(), rendered);
        } finally {
            System.setErr(systemErr);
        }
        assertTrue(rendered.containsAll(List.of("picnet", "compare", "evaluate", "train", "sampling")), rendered.toString());
        assertEquals("", warnings.toString(StandardCharsets.UTF_8));
        String help = run("compare", "--help").out().replaceAll("\\s+", " ");
        assertTrue(help.contains("with a 95% interval."), help);
    }

    private static void renderHelp(CommandLine command, List<String> rendered) {
        command.getUsageMessage();
        rendered.add(command.getCommandName());
        command.getSubcommands().values().stream().distinct().forEach(sub -> renderHelp(sub, rendered));
    }

    @Test
    void completeWritesRankedImagesAContactSheetAndScores() throws Exception {
        HoleMask mask = MaskGenerator.generate(MaskKind.CENTER, 120, 100, 0);
        Path maskFile = dir.resolve("mask.png");
        MaskFiles.writePng(mask, maskFile);
        Path out = dir.resolve("out");
        Run r = run("complete", "--model", model.toString(), "--image", image.toString(), "--mask", maskFile.toString(),
                "--samples", "6", "--top", "3", "--seed", "7", "--out", out.toString(), "--device", "cpu", "--batch", "3");
        assertEquals(0, r.code(), r.err());
        JsonNode json = new ObjectMapper().readTree(out.resolve("completions.json").toFile());
        assertEquals(3, json.get("results").size());
        assertEquals(7, json.get("seed").asLong());
        double previous = Double.POSITIVE_INFINITY;
        for (JsonNode result : json.get("results")) {
            RgbImage ranked = ImageFiles.read(out.resolve(result.get("file").asText()), ImageLimits.DEFAULT);
            assertEquals(120, ranked.width());
            assertEquals(100, ranked.height());
            assertTrue(result.get("score").asDouble() <= previous, "results are ranked best first");
            previous = result.get("score").asDouble();
        }
        assertTrue(Files.size(out.resolve("contact-sheet.png")) > 0);
    }

    @Test
    void completeCropsAWindowAroundASmallHoleOfALargerPhoto() throws Exception {
        int w = 700;
        int h = 500;
        float[] v = new float[3 * w * h];
        for (int i = 0; i < v.length; i++) {
            v[i] = ((i % w) + (i / w) % h) / (float) (w + h);
        }
        RgbImage photo = new RgbImage(w, h, v);
        Path photoFile = dir.resolve("photo.png");
        ImageFiles.writePng(photo, photoFile);
        photo = ImageFiles.read(photoFile, ImageLimits.DEFAULT);
        boolean[] holes = new boolean[w * h];
        for (int y = 440; y < 470; y++) {
            java.util.Arrays.fill(holes, y * w + 640, y * w + 680, true);
        }
        HoleMask mask = new HoleMask(w, h, holes);
        Path maskFile = dir.resolve("photo-mask.png");
        MaskFiles.writePng(mask, maskFile);
        Path out = dir.resolve("crop-out");
        Run r = run("complete", "--model", model.toString(), "--image", photoFile.toString(), "--mask", maskFile.toString(),
                "--samples", "2", "--top", "1", "--seed", "3", "--strategy", "crop", "--out", out.toString(), "--device", "cpu");
        assertEquals(0, r.code(), r.err());
        JsonNode json = new ObjectMapper().readTree(out.resolve("completions.json").toFile());
        assertEquals("crop", json.get("strategy").asText());
        RgbImage best = ImageFiles.read(out.resolve("rank-01.png"), ImageLimits.DEFAULT);
        assertEquals(w, best.width());
        assertEquals(h, best.height());
        int changed = 0;
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < w * h; i++) {
                float a = photo.chw()[c * w * h + i];
                float b = best.chw()[c * w * h + i];
                if (!holes[i]) {
                    assertEquals(a, b, "known pixel " + i + " changed");
                } else if (Math.abs(a - b) > 1e-3) {
                    changed++;
                }
            }
        }
        assertTrue(changed > mask.holeCount(), "the hole was not filled");
    }

    @Test
    void badInputIsOneLineAndExitCodeTwo() throws Exception {
        Path notAnImage = dir.resolve("note.png");
        Files.writeString(notAnImage, "hello");
        Run[] runs = {
            run("complete", "--model", model.toString(), "--image", notAnImage.toString(), "--mask-type", "center", "--out", dir.resolve("o1").toString()),
            run("complete", "--model", model.toString(), "--image", image.toString(), "--mask-type", "square", "--out", dir.resolve("o2").toString()),
            run("complete", "--model", model.toString(), "--image", image.toString(), "--mask-type", "center", "--samples", "0", "--out", dir.resolve("o3").toString()),
            run("complete", "--model", dir.resolve("missing").toString(), "--image", image.toString(), "--mask-type", "center", "--out", dir.resolve("o4").toString()),
            run("complete", "--image", image.toString()),
            run("complete", "--model", model.toString(), "--image", image.toString(), "--mask-type", "center", "--strategy", "zoom", "--out", dir.resolve("o5").toString()),
            run("dataset", "--from", dir.toString(), "--out", dir.resolve("d1").toString(), "--min-detail", "-1"),
            run("dataset", "--from", dir.resolve("nowhere").toString(), "--out", dir.resolve("d2").toString()),
            run("train", "--data", dir.toString(), "--out", dir.resolve("t0").toString(), "--lr", "0"),
            run("export", "--checkpoint", dir.resolve("runs/none").toString(), "--to", dir.resolve("e0").toString(), "--average", "2"),
            run("train", "--data", dir.toString(), "--out", dir.resolve("t1").toString(), "--d-augment", "color,blur"),
            run("train", "--data", dir.toString(), "--out", dir.resolve("t2").toString(), "--batch", "many"),
            run("train", "--data", dir.toString(), "--out", dir.resolve("t3").toString(), "--d-lr", "0"),
            run("train", "--data", dir.toString(), "--out", dir.resolve("t4").toString(), "--hole-l1", "-1"),
            run("blend", model + "=0.5", model + "=0.4", "--to", dir.resolve("b0").toString()),
            run("blend", model.toString(), model + "=0.5", "--to", dir.resolve("b1").toString()),
            run("blend", model + "=half", model.toString(), "--to", dir.resolve("b2").toString()),
            run("blend", model.toString(), "--to", dir.resolve("b3").toString()),
            run("blend", model.toString(), dir.resolve("nothing").toString(), "--to", dir.resolve("b4").toString()),
            run("compare", dir.resolve("no-report").toString(), dir.resolve("no-report-2").toString()),
            run("bench", "sampling", "--model", model.toString(), "--baseline", "fast"),
            run("trian"),
        };
        String[] expected = {"not a PNG or JPEG", "square", "samples must be in 1..100", "missing", "--model",
            "auto, resize, crop", "minimum detail >= 0", "is not a folder",
            "learning rate must be positive", "does not exist", "invalid --d-augment: unknown augmentation 'blur'",
            "'many'", "the discriminators' learning rate must be positive, got 0.0",
            "the hole L1 weight must be a finite number >= 0, got -1.0",
            "the weights must add up to 1, they add up to 0.9", "give every model a weight (MODEL=WEIGHT) or none",
            "the weight after '=' is not a number", "MODEL[=WEIGHT]", "nothing: no such model directory",
            "no-report: no such report (picnet evaluate writes report.json)",
            "--baseline must be serial or no-border, got fast", "trian"};
        for (int i = 0; i < runs.length; i++) {
            assertEquals(2, runs[i].code(), runs[i].err());
            // the engine may log warnings (DJL's CUDA probe); picnet's own answer is a single line
            List<String> own = runs[i].err().lines().filter(l -> l.startsWith("picnet")).toList();
            assertEquals(1, own.size(), runs[i].err());
            assertTrue(own.get(0).contains(expected[i]), "expected '" + expected[i] + "' in: " + runs[i].err());
            assertTrue(!runs[i].err().contains("\tat ") && !runs[i].err().contains("Usage:"),
                    "no stack trace, no usage text: " + runs[i].err());
        }
    }

    @Test
    void benchSamplingTimesAnEdgeHoleWithTheBorderAgainstServingWithoutIt() {
        Run r = run("bench", "sampling", "--model", model.toString(), "--samples", "1", "--repeats", "1",
                "--mask", "irregular", "--baseline", "no-border");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("irregular hole (mirrored border: 16 px)"), r.out());
        assertTrue(r.out().contains("baseline: the same without the border"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("1\\s+\\d+\\.\\d\\s+\\d+\\.\\d\\d\\s+\\d+\\.\\d\\s+\\d+\\.\\d\\dx")),
                "a timed row for N = 1: " + r.out());

        Run center = run("bench", "sampling", "--model", model.toString(), "--samples", "1", "--repeats", "1");
        assertEquals(0, center.code(), center.err());
        assertTrue(center.out().contains("center hole (mirrored border: none, the hole keeps off the edges)"), center.out());
    }

    @Test
    void trainWritesACheckpointThatRecordsTheChosenLearningRatesAndHoleWeight() throws Exception {
        Path data = Files.createDirectories(dir.resolve("train-images"));
        Files.copy(image, data.resolve("a.png"));
        Path runDir = dir.resolve("runs/lr");
        Run r = run("train", "--data", data.toString(), "--out", runDir.toString(), "--size", "96", "--batch", "1",
                "--steps", "1", "--lr", "3e-5", "--d-lr", "1.2e-4", "--hole-l1", "5", "--preview-every", "0",
                "--device", "cpu");
        assertEquals(0, r.code(), r.err());
        Path checkpoint = picnet.worker.training.TrainingCheckpoint.file(runDir, 1);
        var metadata = picnet.worker.checkpoint.Safetensors.read(checkpoint).metadata();
        assertEquals(3e-5f, Float.parseFloat(metadata.get("learningRate")));
        assertEquals(1.2e-4f, Float.parseFloat(metadata.get("discriminatorLearningRate")));
        assertEquals(5f, Float.parseFloat(metadata.get("holeWeight")));
    }

    @Test
    void blendOfAModelWithItselfKeepsItsWeights() throws Exception {
        Path to = dir.resolve("models/self-blend");
        Run r = run("blend", model.toString(), model.toString(), "--to", to.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("wrote model 'self-blend' (a blend of 2 models)"), r.out());
        var original = picnet.worker.checkpoint.ModelDirectory.read(model).networks();
        var blended = picnet.worker.checkpoint.ModelDirectory.read(to);
        assertEquals(2, ((List<?>) blended.config().provenance().get("blendOf")).size());
        original.get("G").forEach((key, t) -> {
            if (!key.endsWith("weight_u") && !key.endsWith("weight_v")) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(t.data(), blended.networks().get("G").get(key).data(),
                        1e-6f, "G." + key);
            }
        });
    }

    @Test
    void compareOfTwoEvaluationsOfOneModelFindsNoDifference() throws Exception {
        Path data = Files.createDirectories(dir.resolve("eval-images"));
        Files.copy(image, data.resolve("a.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        for (String name : List.of("r1", "r2")) {
            Run r = run("evaluate", "--model", model.toString(), "--data", data.toString(), "--masks", "center,irregular",
                    "--samples", "2", "--top", "2", "--size", "96", "--examples", "0", "--device", "cpu",
                    "--out", dir.resolve(name).toString());
            assertEquals(0, r.code(), r.err());
        }
        Run r = run("compare", dir.resolve("r1").toString(), dir.resolve("r2").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("center: hole L1 +0.00, hole PSNR +0.00 dB (1 pairs)"), r.out());
        assertTrue(r.out().contains("all: hole L1 +0.00 ± 0.00, hole PSNR +0.00 ± 0.00 dB (2 pairs)"), r.out());
    }

    @Test
    void importConvertsTheAuthorsCheckpointsToAModelDirectory() throws Exception {
        Path fixture = picnet.worker.conformance.ReferenceFixture.locate().resolve("checkpoints");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(fixture) || "true".equals(System.getenv("CI")),
                "reference fixture not found at " + fixture.toAbsolutePath());
        Path to = dir.resolve("models/imported");
        Run r = run("import", "--from", fixture.toString(), "--to", to.toString());
        assertEquals(0, r.code(), r.err());
        var original = picnet.worker.checkpoint.CheckpointFiles.readAuthorsDirectory(fixture);
        var imported = picnet.worker.checkpoint.ModelDirectory.read(to).networks();
        for (String net : new String[] {"E", "G", "D"}) {
            original.get(net).forEach((key, t) -> org.junit.jupiter.api.Assertions.assertArrayEquals(
                    t.data(), imported.get(net).get(key).data(), net + "." + key + " changed on import"));
        }
    }
}
