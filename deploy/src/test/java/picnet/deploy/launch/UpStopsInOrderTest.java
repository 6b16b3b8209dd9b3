package picnet.deploy.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picnet.broker.KafkaBrokerProcess;
import picnet.deploy.TestModels;

/**
 * {@code picnet up} as a user runs it, in a process of its own: when its process group is told to stop
 * (Ctrl-C in a terminal, SIGTERM from a service manager), the gateway and worker close while the broker
 * still answers, then the broker stops, and nothing is left running.
 */
class UpStopsInOrderTest {
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    @TempDir
    Path dir;

    @Test
    void stoppingTheProcessGroupClosesTheServicesBeforeTheBroker() throws Exception {
        assumeTrue(Files.isExecutable(SETSID), "needs setsid to give picnet up a process group of its own");
        TestModels.write(dir.resolve("models"), "tiny");
        Path log = dir.resolve("up.log");
        Process up = new ProcessBuilder(SETSID.toString(),
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Doffline=true", "-Xmx2g",
                "-cp", System.getProperty("java.class.path"), "picnet.deploy.cli.PicnetCli", "up",
                "--data", dir.resolve("kafka").toString(),
                "--kafka-port", "" + KafkaBrokerProcess.freePort(), "--port", "" + KafkaBrokerProcess.freePort(),
                "--models", dir.resolve("models").toString(), "--runs", dir.resolve("runs").toString(),
                "--partitions", "2")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            awaitLine(up, log, "picnet: up.");
            List<ProcessHandle> children = up.descendants().toList();
            assertFalse(children.isEmpty(), "picnet up started no broker process");

            // what a terminal's Ctrl-C or a service manager does: signal the whole process group
            Process kill = new ProcessBuilder("kill", "-TERM", "--", "-" + up.pid()).inheritIO().start();
            assertEquals(0, kill.waitFor());
            assertTrue(up.waitFor(120, TimeUnit.SECONDS), "picnet up did not stop within 120 s:\n" + Files.readString(log));

            String output = Files.readString(log);
            assertFalse(output.contains("could not be established"),
                    "a service lost the broker while closing, so the broker stopped first:\n" + output);
            assertFalse(output.contains("while stopping"), output);
            for (ProcessHandle child : children) {
                assertFalse(child.isAlive(), "left running: " + child.info().commandLine().orElse("pid " + child.pid()));
            }
        } finally {
            up.descendants().forEach(ProcessHandle::destroyForcibly);
            up.destroyForcibly();
        }
    }

    private static void awaitLine(Process up, Path log, String line) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(line)) {
                return;
            }
            if (!up.isAlive()) {
                fail("picnet up exited with " + up.exitValue() + " before '" + line + "':\n" + Files.readString(log));
            }
            Thread.sleep(200);
        }
        fail("no '" + line + "' within 180 s:\n" + Files.readString(log));
    }
}
