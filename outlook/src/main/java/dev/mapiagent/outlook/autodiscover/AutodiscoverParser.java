package dev.mapiagent.outlook.autodiscover;

import dev.mapiagent.outlook.autodiscover.AutodiscoverResponse.ServerError;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Parses an Outlook Autodiscover (POX) response as Outlook caches it ("&lt;hex&gt; - Autodiscover.xml",
 * 16\*.xml) or as {@code Account.AutoDiscoverXml} returns it. Element and attribute names are matched
 * by local name, ignoring namespaces, prefixes and case: the responseschema/2006 and 2006a
 * namespaces are what Exchange sends, but proxies and third-party servers vary.
 *
 * <p>Hostile input is refused with a one-line {@link AutodiscoverParseException}: more than
 * {@link #MAX_BYTES}, a DOCTYPE (so no entity of any kind, external or billion-laughs, is ever
 * declared or resolved), malformed XML, or a document that is not an Autodiscover response.
 */
public final class AutodiscoverParser {

    /** Real responses are a few KiB; 4 MiB leaves room for huge mailbox lists and nothing hostile. */
    public static final int MAX_BYTES = 4 * 1024 * 1024;

    private static final String MAPI_HTTP = "mapiHttp";

    private AutodiscoverParser() {
    }

    public static AutodiscoverResponse parse(byte[] xml) {
        if (xml.length == 0) {
            throw new AutodiscoverParseException("the file is empty");
        }
        if (xml.length > MAX_BYTES) {
            throw new AutodiscoverParseException("Autodiscover response is " + xml.length
                    + " bytes, more than the limit of " + MAX_BYTES + " bytes");
        }
        XmlElement root = SafeXmlReader.read(xml);
        if (!root.is("Autodiscover")) {
            throw new AutodiscoverParseException("not an Autodiscover response: the root element is <"
                    + root.name() + ">, expected <Autodiscover>");
        }
        return interpret(root);
    }

    private static AutodiscoverResponse interpret(XmlElement root) {
        Optional<XmlElement> user = first(root, "User");
        Optional<XmlElement> account = first(root, "Account");
        List<XmlElement> protocols = root.descendants("Protocol");
        List<XmlElement> mapiHttp = protocols.stream().filter(AutodiscoverParser::isMapiHttp).toList();
        return new AutodiscoverResponse(
                user.flatMap(u -> u.childText("AutoDiscoverSMTPAddress")).orElse(null),
                user.flatMap(u -> u.childText("DisplayName")).orElse(null),
                account.flatMap(a -> a.childText("Action")).orElse(null),
                !mapiHttp.isEmpty(),
                urls(mapiHttp, "MailStore"),
                urls(mapiHttp, "AddressBook"),
                protocols.stream().filter(p -> !isMapiHttp(p))
                        .map(p -> p.childText("Type"))
                        .flatMap(Optional::stream)
                        .toList(),
                account.flatMap(a -> a.childText("RedirectAddr")).orElse(null),
                account.flatMap(a -> a.childText("RedirectUrl")).orElse(null),
                first(root, "Error").map(AutodiscoverParser::serverError).orElse(null));
    }

    /** The mapiHttp form carries its type as an attribute; classic protocols use a Type child. */
    private static boolean isMapiHttp(XmlElement protocol) {
        return protocol.attribute("Type").map(String::strip).filter(MAPI_HTTP::equalsIgnoreCase).isPresent()
                || protocol.childText("Type").filter(MAPI_HTTP::equalsIgnoreCase).isPresent();
    }

    private static List<String> urls(List<XmlElement> mapiHttpProtocols, String service) {
        Set<String> urls = new LinkedHashSet<>();
        for (String kind : List.of("InternalUrl", "ExternalUrl")) {
            for (XmlElement protocol : mapiHttpProtocols) {
                for (XmlElement endpoint : protocol.children(service)) {
                    endpoint.childText(kind).ifPresent(urls::add);
                }
            }
        }
        return new ArrayList<>(urls);
    }

    private static ServerError serverError(XmlElement error) {
        return new ServerError(error.childText("ErrorCode").orElse(null), error.childText("Message").orElse(null));
    }

    private static Optional<XmlElement> first(XmlElement root, String name) {
        return root.descendants(name).stream().findFirst();
    }
}
