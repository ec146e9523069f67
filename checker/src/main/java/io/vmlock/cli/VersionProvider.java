package io.vmlock.cli;

import picocli.CommandLine.IVersionProvider;

/** The version {@code --version} prints and every report names: the jar's, else a development build. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"vmlock " + toolVersion()};
    }

    static String toolVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v != null ? v : "development build";
    }
}
