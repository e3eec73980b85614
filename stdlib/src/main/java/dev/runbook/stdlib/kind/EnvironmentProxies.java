package dev.runbook.stdlib.kind;

import dev.runbook.stdlib.UrlPasswords;
import okhttp3.Credentials;
import okhttp3.HttpUrl;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The proxies an operator's shell names, read as curl reads them: {@code http_proxy} / {@code HTTP_PROXY} for http
 * URLs, {@code https_proxy} / {@code HTTPS_PROXY} for https, {@code all_proxy} / {@code ALL_PROXY} for either, and
 * {@code no_proxy} / {@code NO_PROXY}: a comma-separated list of host names (a name matches itself and its
 * subdomains; a leading dot is allowed), IP addresses, CIDR ranges, or {@code *} for every host. The lower-case
 * name wins when both are set. A proxy URL's user:password is sent as Proxy-Authorization.
 */
final class EnvironmentProxies extends ProxySelector {
    private final Map<String, String> environment;
    private final List<String> noProxy;

    EnvironmentProxies(Map<String, String> environment) {
        this.environment = environment;
        List<String> entries = new ArrayList<>();
        String list = variable("no_proxy");
        if (list != null) {
            for (String entry : list.split("[,\\s]+")) {
                String trimmed = entry.strip().toLowerCase(Locale.ROOT);
                if (!trimmed.isEmpty()) {
                    entries.add(trimmed);
                }
            }
        }
        this.noProxy = List.copyOf(entries);
    }

    /** The variable in lower case, else in upper case; null when neither is set (or empty). */
    private String variable(String lowerName) {
        String value = environment.get(lowerName);
        if (value == null || value.isBlank()) {
            value = environment.get(lowerName.toUpperCase(Locale.ROOT));
        }
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The proxy URL for a request URL's scheme, or null to go direct. */
    HttpUrl proxyFor(String scheme, String host) {
        if (bypassed(host)) {
            return null;
        }
        String value = variable(scheme.equals("https") ? "https_proxy" : "http_proxy");
        if (value == null) {
            value = variable("all_proxy");
        }
        if (value == null) {
            return null;
        }
        HttpUrl proxy = HttpUrl.parse(value.contains("://") ? value : "http://" + value);
        if (proxy == null) {
            throw new IllegalArgumentException("the proxy " + value + " is not a URL (http://host:port)");
        }
        return proxy;
    }

    @Override
    public List<Proxy> select(URI uri) {
        HttpUrl proxy = proxyFor(uri.getScheme() == null ? "http" : uri.getScheme().toLowerCase(Locale.ROOT), uri.getHost());
        if (proxy == null) {
            return List.of(Proxy.NO_PROXY);
        }
        return List.of(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(proxy.host(), proxy.port())));
    }

    @Override
    public void connectFailed(URI uri, SocketAddress address, IOException failure) {
        // The step reports the failure; there is no other proxy to try.
    }

    /** Basic credentials for the proxy of this scheme and host, from its URL; null when it has none. */
    String credentials(String scheme, String host) {
        HttpUrl proxy = proxyFor(scheme, host);
        if (proxy == null || proxy.encodedUsername().isEmpty()) {
            return null;
        }
        return Credentials.basic(UrlPasswords.decode(proxy.encodedUsername()), UrlPasswords.decode(proxy.encodedPassword()),
                StandardCharsets.UTF_8);
    }


    /** no_proxy, as curl reads it. */
    boolean bypassed(String host) {
        if (host == null || noProxy.isEmpty()) {
            return false;
        }
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        for (String entry : noProxy) {
            if (entry.equals("*")) {
                return true;
            }
            String pattern = entry;
            if (pattern.startsWith("[") && pattern.contains("]")) {
                pattern = pattern.substring(1, pattern.indexOf(']'));
            } else if (pattern.indexOf(':') == pattern.lastIndexOf(':') && pattern.contains(":") && !pattern.contains("/")) {
                pattern = pattern.substring(0, pattern.indexOf(':'));  // host:port: curl ignores the port
            }
            if (pattern.contains("/")) {
                if (inRange(name, pattern)) {
                    return true;
                }
                continue;
            }
            if (pattern.startsWith(".")) {
                pattern = pattern.substring(1);
            }
            if (name.equals(pattern) || name.endsWith("." + pattern)) {
                return true;
            }
        }
        return false;
    }

    /** An IP address host inside a CIDR range (10.0.0.0/8, fd00::/8); names are never resolved for this. */
    private static boolean inRange(String host, String cidr) {
        int slash = cidr.indexOf('/');
        try {
            if (!isAddressLiteral(host) || !isAddressLiteral(cidr.substring(0, slash))) {
                return false;
            }
            byte[] address = InetAddress.getByName(host).getAddress();
            byte[] network = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
            int bits = Integer.parseInt(cidr.substring(slash + 1));
            if (address.length != network.length || bits < 0 || bits > address.length * 8) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >> (i % 8);
                if ((address[i / 8] & mask) != (network[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException | NumberFormatException e) {
            return false;
        }
    }

    private static boolean isAddressLiteral(String text) {
        return text.contains(":") || text.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    }
}
