package dev.mapiagent.collector.service;

import dev.mapiagent.protocol.AutodiscoverSection;
import dev.mapiagent.protocol.ConnectionRow;
import dev.mapiagent.protocol.Report;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The MAPI endpoint host a report's Outlook talks to: the host of the first MailStore URL in the Autodiscover
 * cache, else the server of the first Mail row (or any row) of the Connection Status table.
 */
public final class EndpointHost {

    /** The longest DNS name (RFC 1035: 255 octets on the wire, 253 characters written); a longer "host" is none. */
    public static final int MAX_HOST_LENGTH = 253;

    private EndpointHost() {
    }

    public static Optional<String> of(Report report) {
        return fromAutodiscover(report.autodiscover()).or(() -> fromConnectionStatus(report));
    }

    private static Optional<String> fromAutodiscover(AutodiscoverSection autodiscover) {
        if (autodiscover == null || autodiscover.files() == null) {
            return Optional.empty();
        }
        return autodiscover.files().stream()
                .filter(Objects::nonNull)
                .flatMap(f -> f.mailStoreUrls() == null ? Stream.empty() : f.mailStoreUrls().stream())
                .map(EndpointHost::hostOfUrl)
                .flatMap(Optional::stream)
                .findFirst();
    }

    private static Optional<String> fromConnectionStatus(Report report) {
        if (report.connectionStatus() == null || report.connectionStatus().rows() == null) {
            return Optional.empty();
        }
        List<ConnectionRow> rows = report.connectionStatus().rows().stream().filter(Objects::nonNull).toList();
        return rows.stream().filter(r -> "mail".equalsIgnoreCase(trim(r.type()))).map(r -> clean(r.server()))
                .flatMap(Optional::stream).findFirst()
                .or(() -> rows.stream().map(r -> clean(r.server())).flatMap(Optional::stream).findFirst());
    }

    static Optional<String> hostOfUrl(String url) {
        if (url == null) {
            return Optional.empty();
        }
        try {
            return clean(URI.create(url.trim()).getHost());
        } catch (IllegalArgumentException notAUrl) {
            return Optional.empty();
        }
    }

    private static Optional<String> clean(String host) {
        String h = trim(host);
        if (h == null || h.isEmpty() || h.length() > MAX_HOST_LENGTH) {
            return Optional.empty();
        }
        return Optional.of(h.toLowerCase(Locale.ROOT));
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }
}
