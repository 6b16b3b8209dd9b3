package picnet.deploy.cli;

import picnet.worker.training.DiscriminatorAugment;
import picocli.CommandLine.ITypeConverter;

final class DiscriminatorAugmentConverter implements ITypeConverter<DiscriminatorAugment> {
    @Override
    public DiscriminatorAugment convert(String value) {
        return DiscriminatorAugment.parse(value);
    }
}
