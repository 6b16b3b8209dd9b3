package picnet.deploy.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picnet.broker.KafkaBrokerProcess;
import picnet.deploy.TestModels;

/**
 * The services as a user runs them, each in a process of its own. Told to stop (Ctrl-C in a terminal,
 * SIGTERM from a service manager), {@code picnet up}'s gateway and worker close while the broker still
 * answers, then the broker stops; killed outright, it leaves no broker behind either. A service stopped
 * before it was up says so rather than reporting a failure.
 */
class ServicesStopCleanlyTest {
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    @TempDir
    Path dir;

    @Test
    void stoppingTheProcessGroupClosesTheServicesBeforeTheBroker() throws Exception {
        Path log = dir.resolve("up.log");
        Process up = startUp(log);
        try {
            List<ProcessHandle> children = up.descendants().toList();
            assertFalse(children.isEmpty(), "picnet up started no broker process");

            terminateGroup(up);
            assertTrue(up.waitFor(120, TimeUnit.SECONDS), "picnet up did not stop within 120 s:\n" + Files.readString(log));

            String output = Files.readString(log);
            assertFalse(output.contains("could not be established"),
                    "a service lost the broker while closing, so the broker stopped first:\n" + output);
            assertFalse(output.contains("while stopping"), output);
            for (ProcessHandle child : children) {
                assertFalse(child.isAlive(), "left running: " + child.info().commandLine().orElse("pid " + child.pid()));
            }
        } finally {
            stop(up);
        }
    }

    @Test
    void aKilledPicnetLeavesNoBrokerRunning() throws Exception {
        Process up = startUp(dir.resolve("up.log"));
        List<ProcessHandle> children = up.descendants().toList();
        try {
            assertFalse(children.isEmpty(), "picnet up started no broker process");
            up.destroyForcibly(); // SIGKILL: no shutdown hook runs
            assertTrue(up.waitFor(30, TimeUnit.SECONDS));
            awaitExit(children, 120);
            assertTrue(Files.readString(dir.resolve("kafka").resolve("broker.log")).contains("is gone; stopping"));
        } finally {
            children.forEach(ProcessHandle::destroyForcibly); // orphans now: up.descendants() no longer finds them
            stop(up);
        }
    }

    @Test
    void aGatewayStoppedWhileWaitingForKafkaSaysSoInsteadOfFailing() throws Exception {
        Path log = dir.resolve("gateway.log");
        Process gateway = picnet(log, false, "gateway", "--kafka", "localhost:" + KafkaBrokerProcess.freePort(),
                "--port", "" + KafkaBrokerProcess.freePort());
        try {
            awaitOutput(gateway, log, "is not reachable yet", 1);
            gateway.destroy(); // SIGTERM
            assertTrue(gateway.waitFor(120, TimeUnit.SECONDS), "the gateway did not stop:\n" + Files.readString(log));
            String output = Files.readString(log);
            assertTrue(output.contains("picnet: stopped before it was up"), output);
            assertFalse(output.contains("failed"), output);
        } finally {
            stop(gateway);
        }
    }

    @Test
    void stoppedWhileTheBrokerStartsItSaysSoAndTheBrokerGoesToo() throws Exception {
        Path log = dir.resolve("up.log");
        int kafkaPort = KafkaBrokerProcess.freePort();
        Process up = launchUp(log, kafkaPort);
        List<ProcessHandle> children = List.of();
        try {
            awaitOutput(up, log, "starting the Kafka broker", 1);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while ((children = up.descendants().toList()).isEmpty()) {
                assertTrue(System.nanoTime() < deadline, "no broker process within 30 s:\n" + Files.readString(log));
                Thread.sleep(20);
            }
            assertFalse(Files.readString(log).contains("picnet: up."), "too late: the broker was already up");
            up.destroy(); // SIGTERM, while the broker child is on its way up
            assertTrue(up.waitFor(60, TimeUnit.SECONDS), "picnet up did not stop:\n" + Files.readString(log));
            assertTrue(Files.readString(log).contains("picnet: stopped before it was up"), Files.readString(log));
            awaitExit(children, 60);
            assertFalse(KafkaBrokerProcess.portAnswers(kafkaPort), "something still answers on the broker's port");
        } finally {
            children.forEach(ProcessHandle::destroyForcibly);
            stop(up);
        }
    }

    @Test
    void stoppedWhileTheWorkerJoinsItSaysSoWithoutAStackTrace() throws Exception {
        Path log = dir.resolve("up.log");
        Process up = launchUp(log, KafkaBrokerProcess.freePort());
        List<ProcessHandle> children = List.of();
        try {
            // the completion consumer is subscribed; the training one and the control log are still starting
            awaitOutput(up, log, " takes picnet.completions.requests", 1);
            children = up.descendants().toList();
            terminateGroup(up);
            assertTrue(up.waitFor(120, TimeUnit.SECONDS), "picnet up did not stop:\n" + Files.readString(log));
            String output = Files.readString(log);
            assertTrue(output.contains("picnet: stopped before it was up") || output.contains("picnet: up."), output);
            assertFalse(output.contains("Exception\n") || output.contains("\tat "), "a stack trace:\n" + output);
            awaitExit(children, 60);
        } finally {
            children.forEach(ProcessHandle::destroyForcibly);
            stop(up);
        }
    }

    /** Starts {@code picnet up} as the leader of a new process group and waits until its worker has its partitions. */
    private Process startUp(Path log) throws IOException, InterruptedException {
        Process up = launchUp(log, KafkaBrokerProcess.freePort());
        // the completion and the training consumer each log their assignment
        awaitOutput(up, log, "picnet: up.", 1);
        awaitOutput(up, log, " was assigned ", 2);
        return up;
    }

    private Process launchUp(Path log, int kafkaPort) throws IOException {
        assumeTrue(Files.isExecutable(SETSID), "needs setsid to give picnet up a process group of its own");
        TestModels.write(dir.resolve("models"), "tiny");
        return picnet(log, true, "up", "--data", dir.resolve("kafka").toString(),
                "--kafka-port", "" + kafkaPort, "--port", "" + KafkaBrokerProcess.freePort(),
                "--models", dir.resolve("models").toString(), "--runs", dir.resolve("runs").toString(),
                "--partitions", "2");
    }

    /** The picnet command line in a JVM of its own (leading a new process group if asked), output to {@code log}. */
    private static Process picnet(Path log, boolean ownProcessGroup, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        if (ownProcessGroup) {
            command.add(SETSID.toString());
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Doffline=true",
                "-Xmx2g", "-cp", System.getProperty("java.class.path"), "picnet.deploy.cli.PicnetCli"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void awaitOutput(Process up, Path log, String text, int times) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).split(java.util.regex.Pattern.quote(text), -1).length > times) {
                return;
            }
            if (!up.isAlive()) {
                fail("picnet up exited with " + up.exitValue() + " before '" + text + "':\n" + Files.readString(log));
            }
            Thread.sleep(200);
        }
        fail("'" + text + "' not " + times + " times within 180 s:\n" + Files.readString(log));
    }

    /** What a terminal's Ctrl-C or a service manager does: SIGTERM to the whole process group. */
    private static void terminateGroup(Process up) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-TERM", "--", "-" + up.pid()).inheritIO().start();
        assertEquals(0, kill.waitFor());
    }

    private static void awaitExit(List<ProcessHandle> processes, int seconds) throws Exception {
        for (ProcessHandle process : processes) {
            process.onExit().get(seconds, TimeUnit.SECONDS);
        }
    }

    private static void stop(Process up) {
        up.descendants().forEach(ProcessHandle::destroyForcibly);
        up.destroyForcibly();
    }
}
