package picnet.deploy.cli;

import picnet.common.masks.MaskKind;
import picocli.CommandLine.ITypeConverter;

final class MaskKindConverter implements ITypeConverter<MaskKind> {
    @Override
    public MaskKind convert(String value) {
        return MaskKind.parse(value);
    }
}
