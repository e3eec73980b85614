package dev.runbook.cli;

import picocli.CommandLine;

/** The version from the jar's manifest (or "development" when run from classes). */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[] {"runbook " + (version != null ? version : "0.1.0-SNAPSHOT (development)"),
                "Java " + System.getProperty("java.version")};
    }
}
