package picnet.worker.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The image files of a training set: every PNG/JPEG under a folder (recursively, sorted by path so
 * the order is the same on every machine), or the paths listed in a {@code .flist} text file (one a
 * line, relative paths resolved against the list's folder, blank lines and {@code #} comments ignored).
 */
public final class ImageSources {
    private ImageSources() {}

    /** @throws IllegalArgumentException if there is no such folder or list, or it names no image */
    public static List<Path> list(Path source) {
        List<Path> files;
        if (Files.isDirectory(source)) {
            files = walk(source);
        } else if (Files.isRegularFile(source) && source.getFileName().toString().endsWith(".flist")) {
            files = readList(source);
        } else {
            throw new IllegalArgumentException(source + ": not a folder of images or a .flist file");
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException(source + ": no images (.png, .jpg, .jpeg) found");
        }
        return List.copyOf(files);
    }

    static boolean isImageName(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg");
    }

    private static List<Path> walk(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(ImageSources::isImageName).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private static List<Path> readList(Path list) {
        Path base = list.toAbsolutePath().getParent();
        List<Path> files = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(list)) {
                String entry = line.strip();
                if (!entry.isEmpty() && !entry.startsWith("#")) {
                    files.add(base.resolve(entry));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + list + ": " + e.getMessage(), e);
        }
        return files;
    }
}
