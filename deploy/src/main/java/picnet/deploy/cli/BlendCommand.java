package picnet.deploy.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picnet.worker.model.ModelBlend;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "blend", mixinStandardHelpOptions = true,
        description = {"Write the weighted mean of models' weights as a new model: between a model and a fine-tune of it "
                + "(network interpolation), or a soup of fine-tunes from one start. Models that share no ancestor "
                + "do not blend into a working one.",
            "Example: picnet blend models/scenery=0.7 runs/gpu/model=0.3 --to models/scenery-blend --half"})
final class BlendCommand implements Callable<Integer> {
    @Parameters(arity = "2..*", paramLabel = "MODEL[=WEIGHT]",
            description = "Model directories (picnet's or the authors'), each with its weight; without weights, equal shares. "
                    + "Weights are above 0 and add up to 1.")
    List<String> models;

    @Mixin
    ModelOutputOptions output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<ModelBlend.Part> parts = parts(models);
        ModelBlend.write(parts, output.to, output.modelName(), output.dtype());
        spec.commandLine().getOut().println("wrote model '" + output.modelName() + "' (a blend of " + parts.size()
                + " models) to " + output.to);
        return 0;
    }

    /** {@code DIR=WEIGHT} for each model, or a bare {@code DIR} for each (equal shares); not a mix of both. */
    static List<ModelBlend.Part> parts(List<String> args) {
        List<ModelBlend.Part> parts = new ArrayList<>();
        int weighted = 0;
        for (String arg : args) {
            int eq = arg.lastIndexOf('=');
            if (eq < 0) {
                parts.add(new ModelBlend.Part(Path.of(arg), 1.0 / args.size()));
                continue;
            }
            try {
                parts.add(new ModelBlend.Part(Path.of(arg.substring(0, eq)), Double.parseDouble(arg.substring(eq + 1))));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + arg + "': the weight after '=' is not a number");
            }
            weighted++;
        }
        if (weighted != 0 && weighted != args.size()) {
            throw new IllegalArgumentException("give every model a weight (MODEL=WEIGHT) or none");
        }
        return parts;
    }
}
