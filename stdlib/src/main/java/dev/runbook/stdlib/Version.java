package dev.runbook.stdlib;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** runbook's version, as the build wrote it (for User-Agent and --version). */
public final class Version {
    private static final String VERSION = read();

    private Version() {
    }

    public static String get() {
        return VERSION;
    }

    private static String read() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "development";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "development");
        } catch (IOException e) {
            return "development";
        }
    }
}
