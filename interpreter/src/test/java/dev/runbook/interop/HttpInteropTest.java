package dev.runbook.interop;

import dev.runbook.cli.CliRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * http steps against real servers as operators meet them: nginx (HTTP/1.1 with a short keep-alive, TLS with a
 * private CA, HTTP/2, basic auth, redirects), Python's http.server (HTTP/1.0) and tinyproxy (a forward proxy).
 */
class HttpInteropTest {
    static Path serverDir;
    static RealServers.Nginx nginx;
    static RealServers.TestCertificates certificates;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        serverDir = Files.createTempDirectory("rb-nginx-");
        certificates = new RealServers.TestCertificates(serverDir.resolve("certs"));
        Path files = serverDir.resolve("files");
        Files.createDirectories(files.resolve("private"));
        Files.write(files.resolve("latin1.txt"), "caf\u00e9 cr\u00e8me".getBytes(StandardCharsets.ISO_8859_1));
        Files.writeString(files.resolve("private/welcome.txt"), "welcome");
        String hash = RealServers.run("openssl", "passwd", "-apr1", "s3cret-Pw").strip();
        Files.writeString(serverDir.resolve("htpasswd"), "ops:" + hash + "\n");
        nginx = new RealServers.Nginx(serverDir, """
                  server {
                    listen 127.0.0.1:@PORT@;
                    keepalive_timeout 1s;
                    location = /health { default_type application/json; return 200 '{"status":"healthy"}'; }
                    location = /charge { return 200 "charged"; }
                    location = /drop { return 444; }
                    location = /echo { return 200 "cookie=[$http_cookie] auth=[$http_authorization] ua=[$http_user_agent] via=[$http_via]"; }
                    location = /redirect-away { return 302 http://localhost:@PORT@/echo; }
                    location = /redirect-same { return 302 /echo; }
                    location = /body { echo_read_request_body; echo_request_body; }
                    location = /latin1.txt { root @DIR@/files; charset iso-8859-1; }
                    location /private/ { auth_basic "ops"; auth_basic_user_file @DIR@/htpasswd; root @DIR@/files; }
                  }
                  server {
                    listen 127.0.0.1:@TLS_PORT@ ssl http2;
                    ssl_certificate @DIR@/certs/server.pem;
                    ssl_certificate_key @DIR@/certs/server.key;
                    location = /proto { return 200 "$server_protocol"; }
                  }
                """);
    }

    @AfterAll
    static void stop() throws Exception {
        if (nginx != null) {
            nginx.close();
        }
        RealServers.run("rm", "-rf", serverDir.toString());
    }

    /** The environment of an operator's shell without any proxy or CA setting, plus the given ones. */
    private static Map<String, String> environment(String... pairs) {
        Map<String, String> environment = new HashMap<>(System.getenv());
        for (String name : List.of("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY",
                "no_proxy", "NO_PROXY", "SSL_CERT_FILE")) {
            environment.remove(name);
        }
        for (int i = 0; i < pairs.length; i += 2) {
            environment.put(pairs[i], pairs[i + 1]);
        }
        return environment;
    }

    private CliRun exec(Map<String, String> environment, String runbook, String... more) throws Exception {
        Path file = dir.resolve("interop.rb.yaml");
        Files.writeString(file, runbook.replace("@URL@", nginx.url())
                .replace("@TLS@", "https://127.0.0.1:" + nginx.tlsPort));
        String[] args = new String[4 + more.length];
        args[0] = "exec";
        args[1] = file.toString();
        args[2] = "--audit-log";
        args[3] = dir.resolve("audit.jsonl").toString();
        System.arraycopy(more, 0, args, 4, more.length);
        return CliRun.withEnvironment(environment, args);
    }

    @Test
    void anIdleKeepAliveConnectionTheServerClosedNeverFailsAStep() throws Exception {
        CliRun run = exec(environment(), """
                runbook: t.keepalive
                title: nginx closes idle connections after 1 s
                steps:
                  - id: first
                    http: GET @URL@/health
                    expect: body.status == "healthy"
                  - id: pause
                    wait: 2s
                  - id: second
                    http: GET @URL@/health
                  - id: pause_again
                    wait: 2s
                  - id: charge
                    http: { method: POST, url: "@URL@/charge", json: { amount: 1 } }
                    effects: read
                """);
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertEquals(1, nginx.requests().stream().filter(r -> r.startsWith("POST /charge")).count(), nginx.requests().toString());
    }

    @Test
    void aPostThatMayHaveReachedTheServerIsNeverSentTwice() throws Exception {
        long before = nginx.requests().stream().filter(r -> r.startsWith("POST /drop")).count();
        CliRun run = exec(environment(), """
                runbook: t.no-double-post
                title: The server drops the connection without an answer (nginx 444)
                steps:
                  - id: warm
                    http: GET @URL@/health
                  - id: charge
                    http: { method: POST, url: "@URL@/drop", json: { amount: 1 } }
                    effects: read
                """);
        assertEquals(1, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("may have reached the server, so it was not sent again"), run.out());
        long after = nginx.requests().stream().filter(r -> r.startsWith("POST /drop")).count();
        assertEquals(1, after - before, nginx.requests().toString());
    }

    @Test
    void anHttp10ServerThatClosesEveryConnectionServesEveryStep() throws Exception {
        Path root = dir.resolve("site");
        Files.createDirectories(root);
        Files.writeString(root.resolve("health.json"), "{\"status\":\"healthy\"}");
        try (RealServers.PythonHttpServer python = new RealServers.PythonHttpServer(root)) {
            CliRun run = exec(environment(), """
                    runbook: t.http10
                    title: Python's http.server
                    steps:
                      - id: one
                        http: GET @PY@/health.json
                        expect: body.status == "healthy"
                      - id: two
                        http: GET @PY@/health.json
                      - id: three
                        http: GET @PY@/health.json
                    """.replace("@PY@", python.url()));
            assertEquals(0, run.exitCode(), run.out() + run.err());
        }
    }

    @Test
    void aPrivateCaIsTrustedThroughSslCertFileAndItsAbsenceIsExplained() throws Exception {
        String runbook = """
                runbook: t.tls
                title: TLS with a private CA, over HTTP/2
                steps:
                  - id: proto
                    http: GET @TLS@/proto
                    expect: text == "HTTP/2.0"
                """;
        CliRun untrusted = exec(environment(), runbook);
        assertEquals(1, untrusted.exitCode(), untrusted.out());
        assertTrue(untrusted.out().contains("SSL_CERT_FILE"), untrusted.out());
        assertTrue(untrusted.out().contains("Runbook Interop Test CA"), untrusted.out());
        assertFalse(untrusted.out().contains("PKIX path building failed"), untrusted.out());
        CliRun trusted = exec(environment("SSL_CERT_FILE", certificates.ca.toString()), runbook);
        assertEquals(0, trusted.exitCode(), trusted.out() + trusted.err());
    }

    @Test
    void credentialsInTheUrlAreSentAsBasicAuthAndNeverShown() throws Exception {
        CliRun run = exec(environment(), """
                runbook: t.basic
                title: user:password in the URL
                steps:
                  - id: anonymous
                    http: GET @URL@/private/welcome.txt
                    expect: status == 401
                  - id: with_credentials
                    http: GET http://ops:s3cret-Pw@127.0.0.1:@PORT@/private/welcome.txt
                    expect: [status == 200, text == "welcome"]
                """.replace("@PORT@", Integer.toString(nginx.port)));
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertFalse((run.out() + run.err() + Files.readString(dir.resolve("audit.jsonl"))).contains("s3cret-Pw"), run.out());
    }

    @Test
    void authorizationAndCookieAreDroppedOnARedirectToAnotherOriginOnly() throws Exception {
        CliRun run = exec(environment(), """
                runbook: t.redirects
                title: Redirects
                steps:
                  - id: away
                    http:
                      url: @URL@/redirect-away
                      headers: { Cookie: "session=abc", Authorization: "Bearer tok" }
                    expect: text.startsWith("cookie=[] auth=[]")
                  - id: same
                    http:
                      url: @URL@/redirect-same
                      headers: { Cookie: "session=abc", Authorization: "Bearer tok" }
                    expect: text.startsWith("cookie=[session=abc] auth=[Bearer tok]")
                """);
        assertEquals(0, run.exitCode(), run.out() + run.err());
    }

    @Test
    void theResponseCharsetIsHonouredAndRequestsSayWhoTheyAre() throws Exception {
        CliRun run = exec(environment(), """
                runbook: t.charset
                title: Charset and User-Agent
                steps:
                  - id: latin1
                    http: GET @URL@/latin1.txt
                    expect: [text == "café crème", 'headers["content-type"].contains("iso-8859-1")']
                  - id: agent
                    http: GET @URL@/echo
                    expect: text.contains("ua=[runbook/")
                """);
        assertEquals(0, run.exitCode(), run.out() + run.err());
    }

    @Test
    void aSingleTemplateKeepsItsTypeInAJsonBodyAndAWrittenListFeedsForEach() throws Exception {
        CliRun run = exec(environment(), """
                runbook: t.typed
                title: Typed values
                params:
                  amount: { type: int, default: 42 }
                  tags: { type: list, default: [a, b] }
                  second: { default: /echo }
                steps:
                  - id: post
                    http:
                      method: POST
                      url: @URL@/body
                      json: { amount: "${params.amount}", tags: "${params.tags}", label: "n=${params.amount}" }
                    effects: read
                    expect:
                      - json(text).amount == 42
                      - json(text).tags == ["a", "b"]
                      - json(text).label == "n=42"
                  - id: each
                    for_each: ["/health", "${params.second}"]
                    http: GET @URL@${item}
                """);
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("2 items: 2 passed"), run.out());
    }

    @Test
    void proxiesFromTheEnvironmentAreUsedAsCurlUsesThem() throws Exception {
        String plain = """
                runbook: t.proxy
                title: Through the proxy
                steps:
                  - id: via
                    http: GET @URL@/echo
                    expect: text.contains("(tinyproxy/")
                """;
        String direct = plain.replace("expect: text.contains(\"(tinyproxy/\")", "expect: text.contains(\"via=[]\")");
        String tls = """
                runbook: t.proxy-tls
                title: TLS through the proxy (CONNECT)
                steps:
                  - id: proto
                    http: GET @TLS@/proto
                    expect: text == "HTTP/2.0"
                """;
        int dead = RealServers.freePort();
        try (RealServers.Tinyproxy proxy = new RealServers.Tinyproxy(dir.resolve("proxy"), nginx.tlsPort)) {
            for (String name : List.of("http_proxy", "HTTP_PROXY", "all_proxy")) {
                CliRun run = exec(environment(name, proxy.url()), plain);
                assertEquals(0, run.exitCode(), name + ": " + run.out() + run.err() + RealServers.read(proxy.log));
            }
            CliRun connect = exec(environment("HTTPS_PROXY", proxy.url(), "SSL_CERT_FILE", certificates.ca.toString()), tls);
            assertEquals(0, connect.exitCode(), connect.out() + connect.err());
            assertTrue(RealServers.read(proxy.log).contains("CONNECT"), RealServers.read(proxy.log));
            // The lower-case name wins, as in curl.
            CliRun lower = exec(environment("http_proxy", proxy.url(), "HTTP_PROXY", "http://127.0.0.1:" + dead), plain);
            assertEquals(0, lower.exitCode(), lower.out());
        }
        CliRun refused = exec(environment("HTTP_PROXY", "http://127.0.0.1:" + dead), plain);
        assertEquals(1, refused.exitCode(), refused.out());
        assertTrue(refused.out().contains("connection refused: the proxy 127.0.0.1:" + dead), refused.out());
        for (String noProxy : List.of("127.0.0.1", "localhost,127.0.0.1", "*", "127.0.0.0/8", ".example.com, 127.0.0.1:80")) {
            CliRun bypassed = exec(environment("HTTP_PROXY", "http://127.0.0.1:" + dead, "NO_PROXY", noProxy), direct);
            assertEquals(0, bypassed.exitCode(), "NO_PROXY=" + noProxy + ": " + bypassed.out());
        }
        CliRun lowerNoProxy = exec(environment("http_proxy", "http://127.0.0.1:" + dead, "no_proxy", "127.0.0.1"), direct);
        assertEquals(0, lowerNoProxy.exitCode(), lowerNoProxy.out());
        CliRun notListed = exec(environment("HTTP_PROXY", "http://127.0.0.1:" + dead, "NO_PROXY", "example.com"), direct);
        assertEquals(1, notListed.exitCode(), notListed.out());
    }
}
