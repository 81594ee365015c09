package dev.mapiagent.outlook.autodiscover;

/**
 * An Autodiscover V2 (JSON) answer as Outlook caches it in 16\*.json: one protocol and its URL, or
 * an error. All fields are null when the JSON had neither shape (tolerated, see
 * {@link AutodiscoverV2Parser}).
 *
 * @param protocol     "Protocol", e.g. "AutodiscoverV1", "Ews", "ActiveSync", "Rest"
 * @param url          "Url" of that protocol
 * @param errorCode    "ErrorCode", e.g. "InvalidProtocol"
 * @param errorMessage "ErrorMessage"
 */
public record AutodiscoverV2Response(String protocol, String url, String errorCode, String errorMessage) {

    public boolean isError() {
        return errorCode != null || errorMessage != null;
    }

    /** "InvalidProtocol: The given protocol value ... is invalid." */
    public String describeError() {
        if (errorCode != null && errorMessage != null) {
            return errorCode + ": " + errorMessage;
        }
        return errorCode != null ? errorCode : errorMessage;
    }
}
