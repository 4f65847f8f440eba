package io.glassbox.provisioner.cli;

import io.glassbox.provisioner.spec.Environment;
import picocli.CommandLine;

/** Parses {@code --env}, naming the valid environments when the value is unknown. */
final class EnvironmentConverter implements CommandLine.ITypeConverter<Environment> {

    @Override
    public Environment convert(String value) {
        try {
            return Environment.fromId(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
