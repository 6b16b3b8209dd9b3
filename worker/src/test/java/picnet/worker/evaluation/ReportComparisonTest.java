package picnet.worker.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picnet.common.masks.MaskKind;
import picnet.common.metrics.HoleL1ByDistance;
import picnet.common.metrics.ImageScores;

/** Two reports written by {@link ReportWriter}, compared pair by pair on hand-computed numbers. */
class ReportComparisonTest {
    @TempDir
    Path tmp;

    /** A report whose model has these hole L1 and hole PSNR values on images 0.png, 1.png, ... (center holes). */
    Path report(String name, long seed, double[] holeL1, double[] holePsnr) {
        List<ImageResult> images = new ArrayList<>();
        for (int i = 0; i < holeL1.length; i++) {
            ImageScores s = new ImageScores(1, 30, 3, 0.9, holeL1[i], holePsnr[i]);
            images.add(new ImageResult(i, i + ".png", MaskKind.CENTER, seed + i, 0.25, 3,
                    Map.of(Evaluator.MODEL, MethodScores.single(s, HoleL1ByDistance.empty()))));
        }
        Evaluator.Options options = new Evaluator.Options(List.of(MaskKind.CENTER), 2, 2, seed, 0, 96);
        Path dir = tmp.resolve(name);
        new ReportWriter(dir).write(new EvaluationReport(name, 96, 96, options, false, images, List.of()));
        return dir;
    }

    @Test
    void theSecondModelMinusTheFirstImageByImage() {
        // hole L1 differences 1, 2, 3: mean 2, half-width t(2, 97.5%) / sqrt(3) = 4.302653 / 1.732051 = 2.484138;
        // hole PSNR: the pair with Infinity is left out, differences -1 and +1: mean 0, half-width t(1) = 12.706205
        Path first = report("first", 0, new double[] {9, 10, 11}, new double[] {21, 21, 25});
        Path second = report("second", 0, new double[] {10, 12, 14}, new double[] {20, 22, Double.POSITIVE_INFINITY});
        Map<String, EvaluationReport.Comparison> c = ReportComparison.secondMinusFirst(first, second.resolve(ReportWriter.JSON));
        assertEquals(List.of("center", EvaluationReport.ALL), List.copyOf(c.keySet()));
        EvaluationReport.Comparison center = c.get("center");
        assertEquals(2, center.holeL1().mean(), 1e-12);
        assertEquals(2.484138, center.holeL1().halfWidth95(), 1e-6);
        assertEquals(3, center.holeL1().pairs());
        assertEquals(0, center.holePsnr().mean(), 1e-12);
        assertEquals(12.706205, center.holePsnr().halfWidth95(), 1e-6);
        assertEquals("+2.00 ± 2.48", center.holeL1().format("±"));
        assertEquals(-2, ReportComparison.secondMinusFirst(second, first).get("center").holeL1().mean(), 1e-12);
    }

    @Test
    void reportsOfOtherSettingsOrImagesAreRefusedByName() throws Exception {
        Path first = report("first", 0, new double[] {9, 10}, new double[] {21, 22});
        Path otherSeed = report("seed-5", 5, new double[] {9, 10}, new double[] {21, 22});
        Path fewer = report("fewer", 0, new double[] {9}, new double[] {21});
        Path notJson = Files.writeString(tmp.resolve("broken.json"), "{ no");
        Object[][] cases = {
            {otherSeed, "different seed (0 and 5)"},
            {fewer, "hold 2 and 1 image-mask pairs"},
            {tmp.resolve("nowhere"), "no such report"},
            {notJson, "not readable as JSON"},
        };
        for (Object[] c : cases) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ReportComparison.secondMinusFirst(first, (Path) c[0]));
            assertTrue(e.getMessage().contains((String) c[1]), e.getMessage());
        }
    }
}
