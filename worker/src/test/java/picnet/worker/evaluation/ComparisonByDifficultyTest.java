package picnet.worker.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picnet.common.masks.MaskKind;
import picnet.common.metrics.HoleL1ByDistance;
import picnet.common.metrics.ImageScores;

/** The model against a baseline on the baseline's easiest, middle and hardest third, on hand-computed numbers. */
class ComparisonByDifficultyTest {

    /** Center-hole results with these (model, diffusion) hole L1 values, in test-set order. */
    static EvaluationReport report(double[][] holeL1) {
        List<ImageResult> images = new ArrayList<>();
        for (int i = 0; i < holeL1.length; i++) {
            Map<String, MethodScores> methods = new LinkedHashMap<>();
            methods.put(Evaluator.MODEL, scores(holeL1[i][0]));
            methods.put(Evaluator.DIFFUSION_FILL, scores(holeL1[i][1]));
            images.add(new ImageResult(i, i + ".png", MaskKind.CENTER, i, 0.25, 3, methods));
        }
        Evaluator.Options options = new Evaluator.Options(List.of(MaskKind.CENTER), 2, 2, 0, 0, 96);
        return new EvaluationReport("m", 96, 96, options, false, images, List.of());
    }

    static MethodScores scores(double holeL1) {
        return MethodScores.single(new ImageScores(1, 30, 3, 0.9, holeL1, 25), HoleL1ByDistance.empty());
    }

    @Test
    void imagesAreCutIntoThirdsByTheBaselinesOwnHoleL1() {
        // diffusion 5, 1, 3, 6, 2, 4: easiest {1, 2}, middle {3, 4}, hardest {5, 6}, whatever the order.
        // easiest: model 2 and 2.5 against 1 and 2, differences 1 and 0.5: mean 0.75, sd sqrt(0.125),
        //   half-width t(1, 97.5%) * sd / sqrt(2) = 12.706205 * 0.25 = 3.176551; ahead on none.
        // middle: model 2 and 5 against 3 and 4, differences -1 and +1: mean 0, half-width 12.706205; ahead on one.
        // hardest: model 4 and 5 against 5 and 6, differences -1 and -1: half-width 0; ahead on both.
        EvaluationReport report = report(new double[][] {{4, 5}, {2, 1}, {2, 3}, {5, 6}, {2.5, 2}, {5, 4}});
        List<ComparisonByDifficulty.Third> thirds = report.comparisonsByDifficulty().get("center").get(Evaluator.DIFFUSION_FILL);
        assertEquals(ComparisonByDifficulty.THIRDS, thirds.stream().map(ComparisonByDifficulty.Third::third).toList());

        ComparisonByDifficulty.Third easiest = thirds.get(0);
        assertEquals(2, easiest.images());
        assertEquals(2.25, easiest.modelHoleL1(), 1e-12);
        assertEquals(1.5, easiest.baselineHoleL1(), 1e-12);
        assertEquals(0, easiest.modelAhead());
        assertEquals(0.75, easiest.holeL1().mean(), 1e-12);
        assertEquals(3.176551, easiest.holeL1().halfWidth95(), 1e-6);

        ComparisonByDifficulty.Third middle = thirds.get(1);
        assertEquals(3.5, middle.modelHoleL1(), 1e-12);
        assertEquals(3.5, middle.baselineHoleL1(), 1e-12);
        assertEquals(1, middle.modelAhead());
        assertEquals(0, middle.holeL1().mean(), 1e-12);
        assertEquals(12.706205, middle.holeL1().halfWidth95(), 1e-6);

        ComparisonByDifficulty.Third hardest = thirds.get(2);
        assertEquals(4.5, hardest.modelHoleL1(), 1e-12);
        assertEquals(5.5, hardest.baselineHoleL1(), 1e-12);
        assertEquals(2, hardest.modelAhead());
        assertEquals(-1, hardest.holeL1().mean(), 1e-12);
        assertEquals(0, hardest.holeL1().halfWidth95(), 1e-12);
    }

    @Test
    void aRemainderGoesToTheHardestThird() {
        double[][] seven = new double[7][];
        for (int i = 0; i < 7; i++) {
            seven[i] = new double[] {1, 7 - i};
        }
        List<ComparisonByDifficulty.Third> thirds = report(seven).comparisonsByDifficulty().get(EvaluationReport.ALL)
                .get(Evaluator.DIFFUSION_FILL);
        assertEquals(List.of(2, 2, 3), thirds.stream().map(ComparisonByDifficulty.Third::images).toList());
        assertEquals(1.5, thirds.get(0).baselineHoleL1(), 1e-12);
        assertEquals(6, thirds.get(2).baselineHoleL1(), 1e-12);
        assertEquals(3, thirds.get(2).modelAhead());
    }

    @Test
    void theReportWritesThemAsJsonAndAsATable(@TempDir Path tmp) throws Exception {
        new ReportWriter(tmp).write(report(new double[][] {{4, 5}, {2, 1}, {2, 3}, {5, 6}, {2.5, 2}, {5, 4}}));
        JsonNode hardest = new ObjectMapper().readTree(tmp.resolve(ReportWriter.JSON).toFile())
                .get("comparisonsByDifficulty").get("center").get("diffusionFill").get(2);
        assertEquals("hardest", hardest.get("third").asText());
        assertEquals(2, hardest.get("modelAhead").asInt());
        assertEquals(-1, hardest.get("holeL1").get("mean").asDouble(), 1e-12);
        String html = Files.readString(tmp.resolve(ReportWriter.HTML));
        assertTrue(html.contains("<tr><td class=\"name\">easiest third</td><td>2</td><td>2.25</td><td>1.50</td><td>0</td>"
                + "<td>+0.75 &plusmn; 3.18</td></tr>"), html);
    }
}
