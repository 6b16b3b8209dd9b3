package picnet.deploy.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picnet.worker.data.CropSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "dataset", mixinStandardHelpOptions = true,
        description = "Cut a folder of large photos into square training crops at several scales, with a fixed "
                + "held-out split by picture (see deploy/datasets/README.md).")
final class DatasetCommand implements Callable<Integer> {
    @Option(names = "--from", required = true, description = "Folder searched recursively for PNG and JPEG pictures.")
    Path from;

    @Option(names = "--out", required = true, description = "Writes OUT/train, OUT/held-out and OUT/manifest.tsv.")
    Path out;

    @Option(names = "--size", defaultValue = "256", description = "Crop side in pixels (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--scales", split = ",", defaultValue = "1,2,4",
            description = "Short side of the picture as a multiple of the crop size, one pass each (default: ${DEFAULT-VALUE}).")
    List<Integer> scales;

    @Option(names = "--crops-per-scale", defaultValue = "12", description = "Crops cut per picture and scale (default: ${DEFAULT-VALUE}).")
    int cropsPerScale;

    @Option(names = "--held-out-percent", defaultValue = "10",
            description = "Share of pictures kept out of training (default: ${DEFAULT-VALUE}).")
    int heldOutPercent;

    @Option(names = "--min-detail", defaultValue = "0.5",
            description = "Drop crops whose mean luminance step between neighbouring pixels (0..255) is below this: "
                    + "flat colour and very smooth gradients; 0 keeps all (default: ${DEFAULT-VALUE}).")
    double minDetail;

    @Override
    public Integer call() {
        if (!Files.isDirectory(from)) {
            throw new IllegalArgumentException("--from " + from + " is not a folder");
        }
        if (Files.exists(out)) {
            throw new IllegalArgumentException("--out " + out + " already exists; choose a new folder");
        }
        CropSet.Summary s = new CropSet(size, scales, cropsPerScale, heldOutPercent, minDetail).build(from, out);
        s.skipped().forEach(line -> System.err.println("skipped " + line));
        System.out.printf("wrote %d training crops from %d pictures and %d held-out crops from %d pictures to %s "
                + "(%d flat crops dropped)%n", s.trainCrops(), s.trainPictures(), s.heldOutCrops(), s.heldOutPictures(),
                out, s.flatCrops());
        return 0;
    }
}
