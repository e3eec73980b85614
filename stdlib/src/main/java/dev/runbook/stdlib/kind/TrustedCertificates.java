package dev.runbook.stdlib.kind;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The certificates a run trusts: the JVM's own CAs, plus the PEM certificates of {@code SSL_CERT_FILE} (a private
 * CA), as curl and OpenSSL read that variable. It remembers the last chain it refused, so that a TLS failure can say
 * which certificate was not trusted and what to set.
 */
final class TrustedCertificates implements X509TrustManager {
    private final X509TrustManager jvm;
    private final X509TrustManager extra;
    private final String extraFile;
    private volatile X509Certificate refused;

    private TrustedCertificates(X509TrustManager jvm, X509TrustManager extra, String extraFile) {
        this.jvm = jvm;
        this.extra = extra;
        this.extraFile = extraFile;
    }

    /** The JVM's CAs and, when the variable names one, the certificates of a PEM file. */
    static TrustedCertificates of(String sslCertFile) throws IOException {
        try {
            X509TrustManager jvm = trustManager(null);
            X509TrustManager extra = null;
            if (sslCertFile != null && !sslCertFile.isBlank()) {
                KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                Collection<? extends Certificate> certificates;
                try (InputStream in = Files.newInputStream(Path.of(sslCertFile))) {
                    certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
                }
                if (certificates.isEmpty()) {
                    throw new IOException("SSL_CERT_FILE=" + sslCertFile + " holds no PEM certificate");
                }
                int n = 0;
                for (Certificate certificate : certificates) {
                    store.setCertificateEntry("ssl-cert-file-" + n++, certificate);
                }
                extra = trustManager(store);
            }
            return new TrustedCertificates(jvm, extra, sslCertFile);
        } catch (CertificateException e) {
            throw new IOException("SSL_CERT_FILE=" + sslCertFile + " is not a file of PEM certificates: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS trust: " + e.getMessage());
        }
    }

    private static X509TrustManager trustManager(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("no X509 trust manager");
    }

    SSLSocketFactory socketFactory() throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {this}, null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS: " + e.getMessage());
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        jvm.checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        try {
            jvm.checkServerTrusted(chain, authType);
        } catch (CertificateException notByTheJvm) {
            if (extra != null) {
                try {
                    extra.checkServerTrusted(chain, authType);
                    return;
                } catch (CertificateException notByTheFile) {
                    // refused by both: said below
                }
            }
            refused = chain.length > 0 ? chain[chain.length - 1] : null;
            throw notByTheJvm;
        }
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        List<X509Certificate> all = new ArrayList<>(List.of(jvm.getAcceptedIssuers()));
        if (extra != null) {
            all.addAll(List.of(extra.getAcceptedIssuers()));
        }
        return all.toArray(X509Certificate[]::new);
    }

    /** What to tell the operator when a server's certificate was refused. */
    String refusal(String host) {
        X509Certificate top = refused;
        String which = top == null ? "its certificate"
                : "its certificate chain, which ends at " + top.getSubjectX500Principal().getName()
                + (top.getSubjectX500Principal().equals(top.getIssuerX500Principal()) ? " (self-signed)"
                : " issued by " + top.getIssuerX500Principal().getName());
        return "TLS: " + host + " is not trusted: " + which + " is signed by no CA this run trusts. If it comes from a"
                + " private CA, put the CA's certificate (PEM) in a file and set SSL_CERT_FILE to it"
                + (extraFile == null ? "" : " (SSL_CERT_FILE=" + extraFile + " does not hold it)");
    }
}
