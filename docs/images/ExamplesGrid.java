import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Lays out the example pictures of a `picnet evaluate --examples N` report as the README's grid: a row per
 * (image, mask) pair the report has examples for, in file-name order (image index, then mask kind), with
 * the input, the mean fill, the diffusion fill, the model's three best by the discriminator's ranking and
 * the truth, each scaled to 128x128 with a 4-pixel white gap. Run with the JDK's source launcher: {@code java docs/images/ExamplesGrid.java REPORT_DIR OUT.png}.
 */
public final class ExamplesGrid {
    private static final String[] COLUMNS = {"input", "mean-fill", "diffusion-fill", "model-rank1", "model-rank2",
            "model-rank3", "truth"};
    private static final String INPUT = "input.png";
    private static final int TILE = 128;
    private static final int GAP = 4;

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: java docs/images/ExamplesGrid.java REPORT_DIR OUT.png");
            System.exit(2);
        }
        File examples = new File(args[0], "examples");
        String[] inputs = examples.list((dir, name) -> name.endsWith(INPUT));
        List<String> rowPrefixes = new ArrayList<>();
        for (String input : inputs == null ? new String[0] : inputs) {
            rowPrefixes.add(input.substring(0, input.length() - INPUT.length()));
        }
        Collections.sort(rowPrefixes);
        int rows = rowPrefixes.size();
        if (rows == 0) {
            System.err.println("no example pictures in " + examples);
            System.exit(2);
        }
        int cell = TILE + GAP;
        BufferedImage grid = new BufferedImage(COLUMNS.length * cell, rows * cell, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = grid.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, grid.getWidth(), grid.getHeight());
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        for (int row = 0; row < rows; row++) {
            for (int column = 0; column < COLUMNS.length; column++) {
                File tile = new File(examples, rowPrefixes.get(row) + COLUMNS[column] + ".png");
                g.drawImage(ImageIO.read(tile), column * cell, row * cell, TILE, TILE, null);
            }
        }
        g.dispose();
        ImageIO.write(grid, "png", new File(args[1]));
    }
}
