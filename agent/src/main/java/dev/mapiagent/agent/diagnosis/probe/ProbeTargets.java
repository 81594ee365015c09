package dev.mapiagent.agent.diagnosis.probe;

import dev.mapiagent.protocol.AutodiscoverSection;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/** The Exchange servers to probe: the origins of the MailStore and AddressBook URLs in the Autodiscover cache. */
public final class ProbeTargets {

    private ProbeTargets() {
    }

    /** Distinct {@code https://host[:port]} origins, in the order the cache names them. */
    public static List<URI> of(AutodiscoverSection autodiscover) {
        Set<URI> origins = new LinkedHashSet<>();
        for (AutodiscoverSection.AutodiscoverFile file : autodiscover.files()) {
            Stream.concat(nullSafe(file.mailStoreUrls()).stream(), nullSafe(file.addressBookUrls()).stream())
                    .map(ProbeTargets::origin)
                    .filter(o -> o != null)
                    .forEach(origins::add);
        }
        return List.copyOf(origins);
    }

    static URI origin(String url) {
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
                return null;
            }
            return new URI(scheme, null, uri.getHost().toLowerCase(Locale.ROOT), uri.getPort(), null, null, null);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static List<String> nullSafe(List<String> list) {
        return list == null ? List.of() : list;
    }
}
