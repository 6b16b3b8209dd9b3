package picnet.worker.checkpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds and reads the authors' checkpoint directory: {@code latest_net_E.pth}, {@code latest_net_G.pth},
 * {@code latest_net_D.pth} and optionally {@code latest_net_D_rec.pth}, or, where no {@code latest_} file
 * exists, the {@code <N>_net_*.pth} files of the highest epoch N.
 */
public final class CheckpointFiles {
    /** Network names in the order the authors' code lists them; D_rec is optional. */
    public static final List<String> ALL_NETWORKS = List.of("E", "G", "D", "D_rec");
    public static final String OPTIONAL_NETWORK = "D_rec";

    private static final Pattern NAME = Pattern.compile("(latest|\\d+)_net_(E|G|D|D_rec)\\.pth");

    private CheckpointFiles() {
    }

    /**
     * Reads E, G, D (and D_rec when present) with {@link TorchCheckpoint}, with the {@code module.}
     * prefix stripped. Returns network name to state dict, in the order E, G, D, D_rec.
     *
     * @throws CheckpointException if E, G or D is missing (naming the directory and file) or unreadable
     */
    public static Map<String, Map<String, HostTensor>> readAuthorsDirectory(Path dir) {
        String label = checkpointLabel(dir);
        Map<String, Map<String, HostTensor>> networks = new LinkedHashMap<>();
        for (String network : ALL_NETWORKS) {
            Path file = dir.resolve(label + "_net_" + network + ".pth");
            if (!Files.isRegularFile(file)) {
                if (network.equals(OPTIONAL_NETWORK)) {
                    continue;
                }
                throw new CheckpointException(dir + ": missing " + file.getFileName());
            }
            networks.put(network, TorchCheckpoint.stripPrefix(TorchCheckpoint.read(file), "module."));
        }
        return networks;
    }

    /** "latest" when any {@code latest_net_*.pth} exists, else the highest epoch number found. */
    static String checkpointLabel(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new CheckpointException(dir + ": not a directory");
        }
        long highest = -1;
        String highestLabel = "latest";
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Matcher m = NAME.matcher(file.getFileName().toString());
                if (!m.matches()) {
                    continue;
                }
                if (m.group(1).equals("latest")) {
                    return "latest";
                }
                try {
                    long epoch = Long.parseLong(m.group(1));
                    if (epoch > highest) {
                        highest = epoch;
                        highestLabel = m.group(1);
                    }
                } catch (NumberFormatException tooLong) {
                    // not an epoch number we could have written
                }
            }
        } catch (IOException e) {
            throw new CheckpointException(dir + ": cannot list (" + TorchCheckpoint.oneLine(e) + ")", e);
        }
        return highestLabel;
    }
}
