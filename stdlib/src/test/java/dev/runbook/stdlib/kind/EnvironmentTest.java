package dev.runbook.stdlib.kind;

import okhttp3.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the operator's environment says, read as curl and libpq read it. */
class EnvironmentTest {
    @TempDir
    Path dir;

    @Test
    void noProxyMatchesHostsDomainsAddressesRangesAndEverything() {
        EnvironmentProxies proxies = new EnvironmentProxies(Map.of("HTTP_PROXY", "http://proxy:3128",
                "NO_PROXY", "internal.example, .corp.example, 10.0.0.0/8, 192.168.1.7, [::1], db:5432"));
        assertTrue(proxies.bypassed("internal.example"));
        assertTrue(proxies.bypassed("api.internal.example"));
        assertFalse(proxies.bypassed("notinternal.example"));
        assertTrue(proxies.bypassed("x.corp.example"));
        assertTrue(proxies.bypassed("corp.example"));
        assertTrue(proxies.bypassed("10.20.30.40"));
        assertFalse(proxies.bypassed("11.0.0.1"));
        assertTrue(proxies.bypassed("192.168.1.7"));
        assertTrue(proxies.bypassed("[::1]"));
        assertTrue(proxies.bypassed("db"));
        assertFalse(proxies.bypassed("example.org"));
        assertTrue(new EnvironmentProxies(Map.of("no_proxy", "*")).bypassed("anything.at.all"));
        assertEquals("proxy", proxies.proxyFor("http", "example.org").host());
        assertNull(proxies.proxyFor("https", "example.org"), "https takes HTTPS_PROXY, not HTTP_PROXY");
        assertEquals("all", new EnvironmentProxies(Map.of("ALL_PROXY", "all:8080")).proxyFor("https", "x").host());
    }

    @Test
    void aRedirectToAnotherOriginDropsCredentialsAndA303BecomesAGet() {
        Request post = new Request.Builder().url("https://api.example/pay").header("Authorization", "Bearer t")
                .header("Cookie", "s=1").post(okhttp3.RequestBody.create("{}", okhttp3.MediaType.get("application/json")))
                .build();
        Request away = HttpKind.redirect(post, 307, "https://other.example/pay");
        assertNull(away.header("Authorization"));
        assertNull(away.header("Cookie"));
        assertEquals("POST", away.method());
        Request otherPort = HttpKind.redirect(post, 302, "https://api.example:8443/pay");
        assertNull(otherPort.header("Authorization"));
        assertEquals("GET", otherPort.method());
        Request same = HttpKind.redirect(post, 303, "/done");
        assertEquals("Bearer t", same.header("Authorization"));
        assertEquals("GET", same.method());
        assertNull(same.body());
    }

    @Test
    void thePasswordFileIsReadAsLibpqReadsIt() throws Exception {
        Path file = dir.resolve("pgpass");
        Files.writeString(file, "# comment\nother:5432:*:*:no\ndb.example:*:app:ops:pa\\:ss\\\\word\n*:*:*:*:fallback\n");
        Map<String, String> environment = Map.of("PGPASSFILE", file.toString());
        assertEquals("pa:ss\\word", SqlConnections.passwordFile(environment, "db.example", 5433, "app", "ops"));
        assertEquals("fallback", SqlConnections.passwordFile(environment, "db.example", 5432, "other", "ops"));
        assertNull(SqlConnections.passwordFile(Map.of("PGPASSFILE", dir.resolve("none").toString()), "h", 1, "d", "u"));
    }

    @Test
    void whatADatabaseUrlLeavesOutComesFromTheLibpqVariables() throws Exception {
        java.util.Properties properties = new java.util.Properties();
        String url = SqlConnections.jdbcUrl("postgres://", properties, Map.of("PGHOST", "db.example", "PGPORT", "6432",
                "PGDATABASE", "app", "PGUSER", "ops", "PGPASSWORD", "pw", "PGSSLMODE", "verify-full"));
        assertEquals("jdbc:postgresql://db.example:6432/app", url);
        assertEquals("ops", properties.getProperty("user"));
        assertEquals("pw", properties.getProperty("password"));
        assertEquals("verify-full", properties.getProperty("sslmode"));
        java.util.Properties given = new java.util.Properties();
        SqlConnections.jdbcUrl("postgres://me:mine@h/d?sslmode=disable", given, Map.of("PGUSER", "ops", "PGPASSWORD", "pw",
                "PGSSLMODE", "require"));
        assertEquals("me", given.getProperty("user"));
        assertEquals("mine", given.getProperty("password"));
        assertNull(given.getProperty("sslmode"), "the URL's own sslmode wins");
    }
}
