package picnet.worker.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two models measured by {@code evaluate} on the same test set, compared image by image: the second
 * report's model minus the first's inside the hole, with {@link EvaluationReport.Difference}'s 95%
 * interval. It tells whether a new checkpoint is really better than the shipped one, which the
 * means alone cannot say when the gap is a fraction of the spread between images.
 */
public final class ReportComparison {
    private static final List<String> SAME_SETTINGS = List.of("size", "seed", "samples", "top", "masks");

    private ReportComparison() {}

    /**
     * Keyed by mask kind id in the first report's order, then {@link EvaluationReport#ALL}.
     *
     * @param first a report directory or its report.json; so is {@code second}
     * @throws IllegalArgumentException naming the problem if a report cannot be read, was made with other
     *     settings, or holds other image-mask pairs
     */
    public static Map<String, EvaluationReport.Comparison> secondMinusFirst(Path first, Path second) {
        JsonNode a = read(first);
        JsonNode b = read(second);
        for (String setting : SAME_SETTINGS) {
            if (!a.path(setting).equals(b.path(setting))) {
                throw new IllegalArgumentException("the reports were made with different " + setting + " (" + a.path(setting)
                        + " and " + b.path(setting) + "): compare reports of the same test set and settings");
            }
        }
        Map<String, JsonNode> bestOfB = new LinkedHashMap<>();
        b.path("images").forEach(image -> bestOfB.put(pairKey(image), best(image)));
        if (bestOfB.size() != a.path("images").size()) {
            throw new IllegalArgumentException("the reports hold " + a.path("images").size() + " and " + bestOfB.size()
                    + " image-mask pairs: compare reports of the same test set");
        }
        Map<String, List<JsonNode[]>> pairs = new LinkedHashMap<>();
        a.path("masks").forEach(kind -> pairs.put(kind.asText(), new ArrayList<>()));
        pairs.put(EvaluationReport.ALL, new ArrayList<>());
        for (JsonNode image : a.path("images")) {
            JsonNode other = bestOfB.get(pairKey(image));
            if (other == null) {
                throw new IllegalArgumentException(second + " has no result for " + pairKey(image) + ": compare reports of the same test set");
            }
            JsonNode[] pair = {best(image), other};
            pairs.computeIfAbsent(image.path("mask").asText(), kind -> new ArrayList<>()).add(pair);
            pairs.get(EvaluationReport.ALL).add(pair);
        }
        Map<String, EvaluationReport.Comparison> out = new LinkedHashMap<>();
        pairs.forEach((kind, list) -> out.put(kind, new EvaluationReport.Comparison(
                difference(list, "holeL1"), difference(list, "holePsnr"))));
        return out;
    }

    private static EvaluationReport.Difference difference(List<JsonNode[]> pairs, String measure) {
        return EvaluationReport.Difference.of(
                pairs.stream().mapToDouble(p -> p[1].path(measure).asDouble()).toArray(),
                pairs.stream().mapToDouble(p -> p[0].path(measure).asDouble()).toArray());
    }

    private static String pairKey(JsonNode image) {
        return image.path("file").asText() + " (" + image.path("mask").asText() + ")";
    }

    private static JsonNode best(JsonNode image) {
        return image.path("methods").path(Evaluator.MODEL).path("best");
    }

    private static JsonNode read(Path report) {
        Path file = Files.isDirectory(report) ? report.resolve(ReportWriter.JSON) : report;
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such report (picnet evaluate writes " + ReportWriter.JSON + ")");
        }
        try {
            JsonNode json = new ObjectMapper().readTree(file.toFile());
            if (!json.path("images").isArray() || !json.path("masks").isArray()) {
                throw new IllegalArgumentException(file + ": not a picnet evaluation report (no images or masks)");
            }
            return json;
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not readable as JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }
}
