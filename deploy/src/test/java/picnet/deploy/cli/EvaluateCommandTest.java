package picnet.deploy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picnet.common.images.ImageFiles;
import picnet.common.images.RgbImage;
import picnet.deploy.TestModels;
import picocli.CommandLine;

/** {@code picnet evaluate}, run as its own command (it is registered in PicnetCli separately). */
class EvaluateCommandTest {
    static CommandLine command() {
        CommandLine cli = new CommandLine(new EvaluateCommand());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> PicnetCli.isBadInput(e) ? PicnetCli.BAD_INPUT : 1);
        return cli;
    }

    @Test
    void evaluatesAFlistWithTwoMaskKinds(@TempDir Path tmp) throws Exception {
        Path model = TestModels.write(tmp.resolve("models"), "tiny");
        float[] v = new float[3 * 64 * 80];
        for (int i = 0; i < v.length; i++) {
            v[i] = (i % 80) / 80f;
        }
        ImageFiles.writePng(new RgbImage(80, 64, v), tmp.resolve("a.png"));
        ImageFiles.writePng(new RgbImage(64, 80, v), tmp.resolve("b.png"));
        Files.writeString(tmp.resolve("test.flist"), "a.png\nb.png\n");
        Path out = tmp.resolve("report");
        int code = command().execute("--model", model.toString(), "--data", tmp.resolve("test.flist").toString(),
                "--masks", "center,regular", "--samples", "2", "--top", "2", "--limit", "1", "--batch", "2",
                "--device", "cpu", "--out", out.toString());
        assertEquals(0, code);
        JsonNode json = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertEquals(2, json.get("evaluated").asInt());
        assertEquals("regular", json.get("masks").get(1).asText());
        assertTrue(json.get("summary").get("all").has("diffusionFill"));
        assertTrue(Files.isRegularFile(out.resolve("report.html")));
    }

    @Test
    void badInputExitsWithTwo(@TempDir Path tmp) {
        StringWriter err = new StringWriter();
        CommandLine cli = command();
        cli.setErr(new PrintWriter(err));
        assertEquals(2, cli.execute("--model", tmp.toString(), "--data", tmp.resolve("missing").toString(),
                "--out", tmp.resolve("o").toString(), "--device", "cpu"));
        assertEquals(2, cli.execute("--model", tmp.toString(), "--data", tmp.toString(), "--masks", "round",
                "--out", tmp.resolve("o").toString()));
    }
}
