package dev.mapiagent.agent.collector;

import dev.mapiagent.agent.host.BadInputException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * The collector's base URL, checked: https, or http only to a loopback address (a test or a local
 * relay). A name other than {@code localhost} is not resolved to decide: DNS must not be able to make
 * plain http acceptable.
 */
public record CollectorAddress(URI base) {

    public static CollectorAddress parse(String url) {
        if (url == null || url.isBlank()) {
            throw new BadInputException("CollectorUrl is not configured (policy, config file or MSI property)");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new BadInputException("CollectorUrl is not a URL: " + url);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new BadInputException("CollectorUrl must be an https:// URL: " + url);
        }
        if (uri.getUserInfo() != null || uri.getQuery() != null || uri.getFragment() != null) {
            throw new BadInputException("CollectorUrl must have no user, query or fragment: " + url);
        }
        if (scheme.equals("http") && !isLoopback(uri.getHost())) {
            throw new BadInputException("CollectorUrl uses plain http to a non-loopback host; use https: " + url);
        }
        String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
        return new CollectorAddress(uri.resolve(path.endsWith("/") ? path : path + "/"));
    }

    /** An API path such as {@code api/v1/reports}, relative to the base (which may have a path prefix). */
    public URI resolve(String relativePath) {
        return base.resolve(relativePath);
    }

    static boolean isLoopback(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!h.matches("[0-9.]+") && !h.contains(":")) {
            return false; // a name: never resolved here
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
