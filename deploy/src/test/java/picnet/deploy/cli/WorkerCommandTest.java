package picnet.deploy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picnet.common.kafka.KafkaSettings;
import picnet.worker.jobs.WorkerConfig;
import picocli.CommandLine;

/** The worker's training options on the command line: listed, passed on, and bad values refused before anything starts. */
class WorkerCommandTest {
    @TempDir
    Path dir;

    @Test
    void workerAndUpListTheTrainingOptions() {
        for (String command : new String[] {"worker", "up"}) {
            CliTest.Run r = CliTest.run(command, "--help");
            assertEquals(0, r.code(), r.err());
            for (String option : new String[] {"--runs", "--datasets", "--no-training"}) {
                assertTrue(r.out().contains(option), command + " --help lacks " + option + ":\n" + r.out());
            }
        }
    }

    @Test
    void theOptionsBecomeTheWorkersConfiguration() {
        WorkerCommand worker = new WorkerCommand();
        new CommandLine(worker).parseArgs("--runs", dir.resolve("r").toString(), "--datasets", "d", "--no-training");
        JsonObject config = worker.worker.config("kafka-a:9092", 3);
        assertFalse(config.getBoolean(WorkerConfig.WORKER_TRAINING));
        assertEquals(dir.resolve("r").toAbsolutePath().toString(), config.getString(WorkerConfig.WORKER_RUNS_DIR));
        assertEquals(Path.of("d").toAbsolutePath().toString(), config.getString(WorkerConfig.WORKER_DATASETS_DIR));
        assertEquals("kafka-a:9092", config.getString(KafkaSettings.BOOTSTRAP));

        WorkerCommand defaults = new WorkerCommand();
        new CommandLine(defaults).parseArgs();
        JsonObject trains = defaults.worker.config("k:1", 1);
        assertTrue(WorkerConfig.from(trains).training());
        assertEquals(Path.of("runs").toAbsolutePath().toString(), WorkerConfig.from(trains).runsDir());
    }

    @Test
    void badValuesExitTwoWithOneLineNamingTheOption() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        String[][] runs = {
            {"worker", "--kafka", "localhost:1", "--runs", file.toString()},
            {"worker", "--kafka", "localhost:1", "--datasets", file.toString()},
            {"up", "--runs", file.toString()},
            {"worker", "--no-training=maybe"},
            {"worker", "--runs"},
        };
        String[] expected = {"--runs " + file + ": not a folder", "--datasets " + file + ": not a folder",
            "--runs " + file + ": not a folder", "--no-training", "--runs"};
        for (int i = 0; i < runs.length; i++) {
            CliTest.Run r = CliTest.run(runs[i]);
            assertEquals(2, r.code(), String.join(" ", runs[i]) + ": " + r.err());
            String firstLine = r.err().strip().lines().findFirst().orElse("");
            assertTrue(firstLine.contains(expected[i]), "expected '" + expected[i] + "' in: " + r.err());
            assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        }
    }
}
