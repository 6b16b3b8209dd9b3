package picnet.worker.data;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Files that could not be decoded: each is warned about once, counted, and never tried again. */
public final class SkippedFiles {
    private static final Logger LOG = LoggerFactory.getLogger(SkippedFiles.class);
    private final Set<Path> files = ConcurrentHashMap.newKeySet();

    void add(Path file, Exception why) {
        if (files.add(file)) {
            LOG.warn("skipping unreadable file {}: {}", file, why.getMessage());
        }
    }

    boolean contains(Path file) {
        return files.contains(file);
    }

    public int count() {
        return files.size();
    }

    public Set<Path> files() {
        return Set.copyOf(files);
    }
}
