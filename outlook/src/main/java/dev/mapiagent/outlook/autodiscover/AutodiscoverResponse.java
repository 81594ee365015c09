package dev.mapiagent.outlook.autodiscover;

import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * What an Outlook (POX) Autodiscover response says, as far as MAPI over HTTP is concerned.
 *
 * @param emailAddress       User/AutoDiscoverSMTPAddress, or null
 * @param displayName        User/DisplayName, or null
 * @param action             Account/Action: "settings", "redirectAddr", "redirectUrl", or null
 * @param mapiHttp           a {@code <Protocol Type="mapiHttp">} element is present
 * @param mailStoreUrls      MailStore URLs of the mapiHttp protocol, InternalUrl before ExternalUrl
 * @param addressBookUrls    AddressBook URLs of the mapiHttp protocol, InternalUrl before ExternalUrl
 * @param otherProtocolTypes the classic protocol types offered (EXCH, EXPR, EXHTTP, WEB ...), in document order
 * @param redirectAddress    Account/RedirectAddr of a redirectAddr response, or null
 * @param redirectUrl        Account/RedirectUrl of a redirectUrl response, or null
 * @param error              the Error element of an error response, or null
 */
public record AutodiscoverResponse(
        String emailAddress,
        String displayName,
        String action,
        boolean mapiHttp,
        List<String> mailStoreUrls,
        List<String> addressBookUrls,
        List<String> otherProtocolTypes,
        String redirectAddress,
        String redirectUrl,
        ServerError error) {

    public AutodiscoverResponse {
        mailStoreUrls = List.copyOf(Objects.requireNonNull(mailStoreUrls, "mailStoreUrls"));
        addressBookUrls = List.copyOf(Objects.requireNonNull(addressBookUrls, "addressBookUrls"));
        otherProtocolTypes = List.copyOf(Objects.requireNonNull(otherProtocolTypes, "otherProtocolTypes"));
    }

    /**
     * An Error element: the server could not answer for this address.
     *
     * @param code    ErrorCode, e.g. "500"
     * @param message Message, e.g. "The e-mail address cannot be found."
     */
    public record ServerError(String code, String message) {

        /** "500 The e-mail address cannot be found." */
        public String describe() {
            return String.join(" ", Stream.of(code, message).filter(Objects::nonNull).toList());
        }
    }

    public boolean isRedirect() {
        return redirectAddress != null || redirectUrl != null;
    }

    public boolean isError() {
        return error != null;
    }

    /**
     * Whether this response carries connection settings at all. Only such a response can tell
     * whether MAPI over HTTP is offered: a redirect or an error says nothing either way.
     */
    public boolean carriesSettings() {
        return mapiHttp || !otherProtocolTypes.isEmpty();
    }
}
