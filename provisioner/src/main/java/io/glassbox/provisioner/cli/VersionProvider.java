package io.glassbox.provisioner.cli;

import picocli.CommandLine;

/** The version from the jar's manifest, or "development" when run from classes. */
final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = ProvisionerCommand.class.getPackage().getImplementationVersion();
        return new String[] {"provisioner " + (version == null ? "development" : version)};
    }
}
