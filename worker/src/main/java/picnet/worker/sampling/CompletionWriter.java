package picnet.worker.sampling;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picnet.common.images.ContactSheet;
import picnet.common.images.ImageFiles;
import picnet.common.images.RgbImage;
import picnet.common.masks.HoleMask;

/**
 * Writes a finished completion to a directory: {@code rank-01.png ...} best first, {@code contact-sheet.png}
 * (input with the hole, the mask, then the results) and {@code completions.json} with the scores.
 */
public final class CompletionWriter {
    public static final String SHEET = "contact-sheet.png";
    public static final String JSON = "completions.json";

    private CompletionWriter() {}

    public static List<Path> write(Path dir, CompletionRequest request, List<ScoredSample> ranked, String model) {
        try {
            Files.createDirectories(dir);
            List<Path> files = new ArrayList<>();
            List<Map<String, Object>> entries = new ArrayList<>();
            List<RgbImage> images = new ArrayList<>();
            for (int rank = 0; rank < ranked.size(); rank++) {
                ScoredSample s = ranked.get(rank);
                Path file = dir.resolve(String.format("rank-%02d.png", rank + 1));
                ImageFiles.writePng(s.image(), file);
                files.add(file);
                images.add(s.image());
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("rank", rank + 1);
                e.put("index", s.index());
                e.put("score", s.score());
                e.put("file", file.getFileName().toString());
                entries.add(e);
            }
            HoleMask mask = request.mask();
            Path sheet = dir.resolve(SHEET);
            ImageFiles.writePng(ContactSheet.compose(request.image(), mask, images, Math.min(6, images.size() + 2)), sheet);
            files.add(sheet);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("model", model);
            json.put("width", request.image().width());
            json.put("height", request.image().height());
            json.put("samples", request.samples());
            json.put("top", request.top());
            json.put("seed", request.seed());
            json.put("strategy", request.strategy().wireName());
            json.put("results", entries);
            Path jsonFile = dir.resolve(JSON);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(jsonFile.toFile(), json);
            files.add(jsonFile);
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot write results: " + e.getMessage(), e);
        }
    }
}
