package dev.mapiagent.collector.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The reverse proxies whose X-Forwarded-For header the collector believes, and the client address of a request
 * resolved with them. Anyone can send X-Forwarded-For, so it counts only when the connection comes from a
 * configured proxy; then the header is read from the right (the entry that proxy appended) towards the left,
 * past further configured proxies, and the first address that is not one of them is the client. Jetty's
 * ForwardedRequestCustomizer is not used because it believes the header from any peer.
 */
public final class TrustedProxies {

    public static final TrustedProxies NONE = new TrustedProxies(List.of(), "");

    /** Literal IPv4 or IPv6 addresses only, so that parsing never asks DNS. */
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");
    private static final Pattern OCTET = Pattern.compile("\\d{1,3}");

    private final List<Range> ranges;
    private final String text;

    private TrustedProxies(List<Range> ranges, String text) {
        this.ranges = ranges;
        this.text = text;
    }

    /**
     * Parses a comma-separated list of addresses and CIDR ranges, e.g. {@code 10.0.0.5, 192.168.10.0/24, ::1};
     * null or blank trusts no proxy.
     *
     * @throws IllegalArgumentException naming the entry that is not an IP address or range
     */
    public static TrustedProxies parse(String list) {
        if (list == null || list.isBlank()) {
            return NONE;
        }
        List<Range> ranges = new ArrayList<>();
        for (String raw : list.split(",")) {
            String entry = raw.strip();
            int slash = entry.indexOf('/');
            InetAddress address = parseAddress(slash < 0 ? entry : entry.substring(0, slash));
            if (address == null) {
                throw new IllegalArgumentException("--trusted-proxies: '" + entry + "' is not an IP address or CIDR range");
            }
            int bits = address.getAddress().length * 8;
            int prefix = bits;
            if (slash >= 0) {
                String length = entry.substring(slash + 1);
                prefix = length.matches("\\d{1,3}") ? Integer.parseInt(length) : -1;
                if (prefix < 0 || prefix > bits) {
                    throw new IllegalArgumentException("--trusted-proxies: '" + entry + "' has no prefix length 0-" + bits);
                }
            }
            ranges.add(new Range(address.getAddress(), prefix));
        }
        return new TrustedProxies(List.copyOf(ranges), list.strip());
    }

    /**
     * The address of the client: {@code peer} (the connection's remote address) unless it is a trusted proxy, else
     * the right-most X-Forwarded-For entry that is not a trusted proxy. When every entry is a trusted proxy the
     * left-most is the client; an entry that is not an IP address ends the walk at the last trusted hop.
     */
    public String clientAddress(String peer, String forwardedFor) {
        // without proxies (the usual setup) nothing is parsed: this runs for every request's log line
        if (ranges.isEmpty() || forwardedFor == null || forwardedFor.isBlank() || !isTrusted(peer)) {
            return peer;
        }
        String[] hops = forwardedFor.split(",");
        String client = peer;
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (parseAddress(hop) == null) {
                return client;
            }
            client = hop;
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return client;
    }

    public boolean isTrusted(String address) {
        InetAddress parsed = parseAddress(address);
        return parsed != null && ranges.stream().anyMatch(range -> range.contains(parsed.getAddress()));
    }

    @Override
    public String toString() {
        return text.isEmpty() ? "none" : text;
    }

    private static InetAddress parseAddress(String text) {
        if (text == null || text.isEmpty() || !IP_LITERAL.matcher(text).matches()
                || text.indexOf(':') < 0 && !isIpv4Literal(text)) {
            return null; // InetAddress would look a name up in DNS; a text with ':' is parsed as IPv6 only
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static boolean isIpv4Literal(String text) {
        String[] octets = text.split("\\.", -1);
        if (octets.length != 4) {
            return false;
        }
        for (String octet : octets) {
            if (!OCTET.matcher(octet).matches() || Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return true;
    }

    /** An address range: the first {@code prefix} bits of {@code network}. IPv4 and IPv6 never match each other. */
    private record Range(byte[] network, int prefix) {

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xFF << (8 - rest) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }
    }
}
