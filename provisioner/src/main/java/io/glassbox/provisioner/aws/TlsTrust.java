package io.glassbox.provisioner.aws;

import io.glassbox.provisioner.engine.ProvisionerException;
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
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * TLS trust for data-plane connections: the JVM's own trust store (which holds the public CAs that sign
 * AWS endpoints) plus, optionally, one extra CA from a PEM file, like {@code redis-cli --cacert}.
 */
public final class TlsTrust {

    private TlsTrust() {
    }

    public static SSLSocketFactory socketFactory(Optional<Path> extraCa) {
        try {
            List<X509TrustManager> managers = new ArrayList<>();
            managers.add(trustManager(null));
            if (extraCa.isPresent()) {
                KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                int i = 0;
                for (Certificate certificate : readPem(extraCa.get())) {
                    store.setCertificateEntry("extra-" + i++, certificate);
                }
                managers.add(trustManager(store));
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new AnyOf(managers)}, null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException | IOException e) {
            throw new ProvisionerException("cannot set up TLS trust: " + e.getMessage(), e);
        }
    }

    private static List<? extends Certificate> readPem(Path file) throws IOException, CertificateException {
        try (InputStream in = Files.newInputStream(file)) {
            return new ArrayList<>(CertificateFactory.getInstance("X.509").generateCertificates(in));
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
        throw new GeneralSecurityException("no X.509 trust manager");
    }

    /** Trusts a server chain when any one of the managers does. */
    private record AnyOf(List<X509TrustManager> managers) implements X509TrustManager {

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("client certificates are not accepted here");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            CertificateException last = null;
            for (X509TrustManager manager : managers) {
                try {
                    manager.checkServerTrusted(chain, authType);
                    return;
                } catch (CertificateException e) {
                    last = e;
                }
            }
            throw last;
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return managers.stream().flatMap(m -> java.util.Arrays.stream(m.getAcceptedIssuers()))
                    .toArray(X509Certificate[]::new);
        }
    }
}
