package picnet.worker.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The exclusive right to write a run directory, so that two trainings (two jobs resuming one run, a job
 * and {@code picnet train}, workers sharing a runs folder) never write the same checkpoints. An OS file
 * lock on {@code <run>/.lock}: the OS drops it when the process dies, so a killed trainer leaves no
 * stale lock behind. Runs locked by this process are also tracked here, because a second channel on
 * the same file must not even be opened: closing it would drop this process's OS lock (see
 * {@link FileLock}).
 */
public final class RunLock implements AutoCloseable {
    static final String FILE = ".lock";
    private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

    private final Path run;
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(Path run, FileChannel channel, FileLock lock) {
        this.run = run;
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock on {@code runDir} (created if needed), or empty while another process or trainer holds it. */
    public static Optional<RunLock> tryAcquire(Path runDir) {
        Path run = runDir.toAbsolutePath().normalize();
        if (!HELD_HERE.add(run)) {
            return Optional.empty();
        }
        try {
            Files.createDirectories(run);
            FileChannel channel = FileChannel.open(run.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                HELD_HERE.remove(run);
                return Optional.empty();
            }
            return Optional.of(new RunLock(run, channel, lock));
        } catch (IOException e) {
            HELD_HERE.remove(run);
            throw new UncheckedIOException("cannot lock " + run.resolve(FILE), e);
        } catch (RuntimeException e) {
            HELD_HERE.remove(run);
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            HELD_HERE.remove(run);
        }
    }
}
