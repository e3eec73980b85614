package dev.runbook.interop;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real servers from Debian's packages (nginx, tinyproxy, Python's http.server, PostgreSQL), each started by a test
 * on a loopback port of its own and stopped after it. .ci/run installs them; nothing of ours stands in for them.
 */
final class RealServers {
    private RealServers() {
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static void awaitPort(int port, Process process, Path log) throws Exception {
        for (int i = 0; i < 200; i++) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited: " + read(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("nothing listens on " + port + ": " + read(log));
    }

    static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    static Process start(Path log, String... command) throws IOException {
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    static void stop(Process process) throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** Runs a command to its end; its output when it exits 0, else an exception with it. */
    static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }

    /** nginx with the given server blocks, in a folder of its own (config, logs, temp files), in the foreground. */
    static final class Nginx implements AutoCloseable {
        final Path dir;
        final int port;
        final int tlsPort;
        private final Process process;

        /**
         * @param servers the server blocks; @PORT@ and @TLS_PORT@ stand for two free ports, @DIR@ for the folder
         */
        Nginx(Path dir, String servers) throws Exception {
            this.dir = dir;
            this.port = freePort();
            this.tlsPort = freePort();
            Files.createDirectories(dir.resolve("tmp"));
            String config = """
                    load_module /usr/lib/nginx/modules/ngx_http_echo_module.so;
                    daemon off;
                    master_process off;
                    worker_processes 1;
                    pid @DIR@/nginx.pid;
                    error_log @DIR@/error.log info;
                    events { worker_connections 64; }
                    http {
                      access_log @DIR@/access.log;
                      client_body_temp_path @DIR@/tmp/body;
                      proxy_temp_path @DIR@/tmp/proxy;
                      fastcgi_temp_path @DIR@/tmp/fastcgi;
                      uwsgi_temp_path @DIR@/tmp/uwsgi;
                      scgi_temp_path @DIR@/tmp/scgi;
                      default_type text/plain;
                    @SERVERS@
                    }
                    """.replace("@SERVERS@", servers)
                    .replace("@PORT@", Integer.toString(port)).replace("@TLS_PORT@", Integer.toString(tlsPort))
                    .replace("@DIR@", dir.toString());
            Files.writeString(dir.resolve("nginx.conf"), config);
            Path log = dir.resolve("nginx.out");
            process = start(log, "nginx", "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString());
            awaitPort(port, process, dir.resolve("error.log"));
        }

        String url() {
            return "http://127.0.0.1:" + port;
        }

        /** The request lines nginx logged ("POST /charge HTTP/1.1"), in order. */
        List<String> requests() {
            List<String> lines = new ArrayList<>();
            for (String line : read(dir.resolve("access.log")).split("\n")) {
                int start = line.indexOf('"');
                int end = start < 0 ? -1 : line.indexOf('"', start + 1);
                if (end > start) {
                    lines.add(line.substring(start + 1, end));
                }
            }
            return lines;
        }

        @Override
        public void close() throws Exception {
            stop(process);
        }
    }

    /** A private CA and a certificate it signed for 127.0.0.1 and localhost, made with openssl. */
    static final class TestCertificates {
        final Path ca;
        final Path certificate;
        final Path key;

        TestCertificates(Path dir) throws Exception {
            Files.createDirectories(dir);
            ca = dir.resolve("ca.pem");
            certificate = dir.resolve("server.pem");
            key = dir.resolve("server.key");
            Path caKey = dir.resolve("ca.key");
            Path request = dir.resolve("server.csr");
            Path extensions = dir.resolve("san.ext");
            Files.writeString(extensions, "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n");
            run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", caKey.toString(), "-out", ca.toString(),
                    "-days", "2", "-subj", "/CN=Runbook Interop Test CA");
            run("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(), "-out", request.toString(),
                    "-subj", "/CN=127.0.0.1");
            run("openssl", "x509", "-req", "-in", request.toString(), "-CA", ca.toString(), "-CAkey", caKey.toString(),
                    "-CAcreateserial", "-out", certificate.toString(), "-days", "2", "-extfile", extensions.toString());
        }
    }

    /** tinyproxy in the foreground on a port of its own, allowing loopback clients and CONNECT to the given port. */
    static final class Tinyproxy implements AutoCloseable {
        final int port;
        final Path log;
        private final Process process;

        Tinyproxy(Path dir, int connectPort) throws Exception {
            Files.createDirectories(dir);
            port = freePort();
            log = dir.resolve("tinyproxy.log");
            Path config = dir.resolve("tinyproxy.conf");
            Files.writeString(config, """
                    User root
                    Group root
                    Port @PORT@
                    Listen 127.0.0.1
                    Timeout 30
                    Allow 127.0.0.1
                    LogFile "@LOG@"
                    LogLevel Info
                    MaxClients 20
                    ConnectPort @CONNECT@
                    """.replace("@PORT@", Integer.toString(port)).replace("@LOG@", log.toString())
                    .replace("@CONNECT@", Integer.toString(connectPort)));
            process = start(dir.resolve("tinyproxy.out"), "tinyproxy", "-d", "-c", config.toString());
            awaitPort(port, process, dir.resolve("tinyproxy.out"));
        }

        String url() {
            return "http://127.0.0.1:" + port;
        }

        @Override
        public void close() throws Exception {
            stop(process);
        }
    }

    /** Python's http.server (HTTP/1.0: it closes every connection after its answer), serving a folder. */
    static final class PythonHttpServer implements AutoCloseable {
        final int port;
        private final Process process;

        PythonHttpServer(Path root) throws Exception {
            port = freePort();
            Path log = root.resolveSibling(root.getFileName() + ".log");
            process = start(log, "python3", "-m", "http.server", Integer.toString(port), "--bind", "127.0.0.1",
                    "--directory", root.toString());
            awaitPort(port, process, log);
        }

        String url() {
            return "http://127.0.0.1:" + port;
        }

        @Override
        public void close() throws Exception {
            stop(process);
        }
    }
}
