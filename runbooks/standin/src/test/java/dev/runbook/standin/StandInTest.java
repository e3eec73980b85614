package dev.runbook.standin;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A stand-in answers as its spec says, breaks as its faults say, and leaves nothing behind when it stops. */
class StandInTest {
    static final Path RUNBOOKS = Path.of(System.getProperty("runbook.repo", "../..")).resolve("runbooks").toAbsolutePath();
    static final Path PERMIT_SCHOOL = RUNBOOKS.resolve("permit-school");
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String url, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aHealthyStandInAnswersTheDocumentedShapesAndRequiresItsKeys() throws Exception {
        try (StandIn standIn = StandIn.start(PERMIT_SCHOOL, List.of())) {
            HttpResponse<String> health = get(standIn.urls().get("app") + "/api/health");
            assertEquals(200, health.statusCode());
            assertEquals("{\"status\":\"healthy\",\"environment\":\"production\"}", health.body());
            String key = standIn.environment().get("SUPABASE_ANON_KEY");
            assertEquals(401, get(standIn.urls().get("supabase") + "/rest/v1/profiles?select=count").statusCode(),
                    "no key, no answer");
            HttpResponse<String> count = get(standIn.urls().get("supabase") + "/rest/v1/profiles?select=count",
                    "apikey", key, "Authorization", "Bearer " + key);
            assertEquals("[{\"count\":4}]", count.body());
            assertEquals(List.of("GET /api/health"), standIn.requests("app"));
        }
    }

    @Test
    void theParamsFileNamesEveryHostUnderItsParamsAndTheCheckout() throws Exception {
        try (StandIn standIn = StandIn.start(PERMIT_SCHOOL, List.of())) {
            String params = Files.readString(standIn.paramsFile());
            assertTrue(params.contains("\"base_url\":\"" + standIn.urls().get("app") + "\""), params);
            assertTrue(params.contains("\"stripe_api_url\":\"" + standIn.urls().get("stripe") + "\""), params);
            assertTrue(params.contains("\"project_dir\":\"" + standIn.checkout() + "\""), params);
            assertTrue(standIn.environment().get("PATH").startsWith(RUNBOOKS.resolve("standin/bin").toString()));
        }
    }

    @Test
    void faultsChangeRoutesDataEnvironmentAndFiles() throws Exception {
        try (StandIn standIn = StandIn.start(PERMIT_SCHOOL, List.of("unhealthy", "tampered-audit-log", "migrations-pending"))) {
            assertEquals(503, get(standIn.urls().get("app") + "/api/health").statusCode());
            try (Connection c = StandInDatabase.connect(standIn.databaseName()); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id FROM audit_logs WHERE NOT verify_audit_signature(id)")) {
                assertTrue(rs.next());
                assertEquals(3, rs.getLong(1), "the changed row no longer matches its signature");
                assertFalse(rs.next());
            }
            assertTrue(Files.exists(standIn.checkout().resolve("supabase/migrations/20250127090000_certificate_qr_codes.sql")));
            assertEquals("unhealthy,tampered-audit-log,migrations-pending", standIn.environment().get("STANDIN_FAULTS"));
        }
        try (StandIn down = StandIn.start(PERMIT_SCHOOL, List.of("database-down"))) {
            assertEquals("postgres://postgres@127.0.0.1:1/postgres", down.environment().get("DATABASE_URL"));
        }
    }

    @Test
    void theCheckoutIsAGitRepositoryWhoseOriginHasMainAndStaging() throws Exception {
        try (StandIn standIn = StandIn.start(PERMIT_SCHOOL, List.of())) {
            Process process = new ProcessBuilder("git", "ls-remote", "--heads", "origin")
                    .directory(standIn.checkout().toFile()).redirectErrorStream(true).start();
            String heads = new String(process.getInputStream().readAllBytes());
            assertEquals(0, process.waitFor(), heads);
            assertTrue(heads.contains("refs/heads/main") && heads.contains("refs/heads/staging"), heads);
        }
    }

    @Test
    void stoppingDropsTheDatabaseAndRemovesTheFiles() throws Exception {
        StandIn standIn = StandIn.start(PERMIT_SCHOOL, List.of("long-query"));
        String database = standIn.databaseName();
        Path checkout = standIn.checkout();
        standIn.close();
        assertFalse(Files.exists(checkout.getParent()), "the stand-in's folder is gone");
        try (Connection c = StandInDatabase.connect("postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_database WHERE datname LIKE '" + database + "%'")) {
            rs.next();
            assertEquals(0, rs.getLong(1), "its database (and the local one beside it) is dropped, sessions and all");
        }
    }

    @Test
    void anUnknownFaultIsRefusedNamingTheFaultsThereAre() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> StandIn.start(PERMIT_SCHOOL, List.of("unhealty")));
        assertTrue(refused.getMessage().startsWith("the permit-school stand-in has no fault 'unhealty'; it has: unhealthy, slow,"),
                refused.getMessage());
    }

    @Test
    void theLauncherSaysHowItIsUsedAndRefusesWhatIsNotThere() throws Exception {
        assertEquals(2, Launcher.run(new String[0]));
        assertEquals(2, Launcher.run(new String[] {"permit-school/no-such-runbook"}));
    }
}
