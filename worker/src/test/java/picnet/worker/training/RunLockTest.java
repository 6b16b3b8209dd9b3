package picnet.worker.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Run locks against another real process: held while it lives, free once it is killed. */
class RunLockTest {
    /** Child process: takes the lock on args[0], says so, and waits to be killed. */
    public static void main(String[] args) throws Exception {
        Optional<RunLock> lock = RunLock.tryAcquire(Path.of(args[0]));
        System.out.println(lock.isPresent() ? "locked" : "busy");
        System.out.flush();
        Thread.sleep(TimeUnit.MINUTES.toMillis(5));
    }

    @Test
    void anotherProcessHoldsTheRunUntilItIsKilled(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), RunLockTest.class.getName(), run.toString())
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("locked", out.readLine());
            assertTrue(RunLock.tryAcquire(run).isEmpty(), "the other process holds it");
        } finally {
            holder.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        Optional<RunLock> mine = RunLock.tryAcquire(run);
        assertTrue(mine.isPresent(), "a killed holder leaves no stale lock");
        assertTrue(RunLock.tryAcquire(run).isEmpty(), "held by this process now");
        mine.get().close();
        RunLock again = RunLock.tryAcquire(run).orElseThrow();
        again.close();
    }
}
