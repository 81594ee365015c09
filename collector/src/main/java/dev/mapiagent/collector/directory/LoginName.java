package dev.mapiagent.collector.directory;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.SearchResultEntry;
import dev.mapiagent.collector.error.NotAuthenticatedException;
import java.util.regex.Pattern;

/**
 * What a user typed to sign in, in the forms Active Directory binds: {@code ann@contoso.com} (UPN),
 * {@code CONTOSO\ann} (down-level logon name) or a bare {@code ann}, completed with the configured domain or UPN suffix.
 *
 * @param bindName    the name the simple bind sends
 * @param upn         true when bindName is a UPN, false for DOMAIN\name
 * @param accountName the part the account is searched by (the UPN, or the sAMAccountName)
 */
record LoginName(String bindName, boolean upn, String accountName) {

    /** Characters a sAMAccountName or UPN may hold (MS-ADTS; no control characters, no filter metacharacters needed). */
    private static final Pattern NAME = Pattern.compile("[^\\p{Cntrl}\"/\\[\\]:;|=,+*?<>\\\\]{1,256}");

    static LoginName parse(String login, String domain, String upnSuffix) {
        String text = login == null ? "" : login.trim();
        int backslash = text.indexOf('\\');
        if (backslash > 0) {
            String account = text.substring(backslash + 1);
            return valid(new LoginName(text, false, account), account);
        }
        if (text.indexOf('@') > 0) {
            return valid(new LoginName(text, true, text), text);
        }
        if (domain != null) {
            return valid(new LoginName(domain + "\\" + text, false, text), text);
        }
        if (upnSuffix != null) {
            String upn = text + "@" + upnSuffix;
            return valid(new LoginName(upn, true, upn), text);
        }
        return valid(new LoginName(text, true, text), text);
    }

    private static LoginName valid(LoginName name, String account) {
        if (!NAME.matcher(account).matches()) {
            throw new NotAuthenticatedException("wrong user name or password");
        }
        return name;
    }

    /** Finds the bound account: by userPrincipalName or by sAMAccountName. */
    Filter filter() {
        return Filter.createEqualityFilter(upn ? "userPrincipalName" : "sAMAccountName", accountName);
    }

    /** DOMAIN\sAMAccountName when the domain is known (as Windows shows a user), else the UPN. */
    String auditName(SearchResultEntry account, String domain) {
        String sam = account.getAttributeValue("sAMAccountName");
        if (domain != null && sam != null) {
            return domain + "\\" + sam;
        }
        String upnValue = account.getAttributeValue("userPrincipalName");
        return upnValue != null ? upnValue : bindName;
    }
}
