package dev.mapiagent.agent.diagnosis.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mapiagent.protocol.AutodiscoverSection;
import dev.mapiagent.protocol.AutodiscoverSection.AutodiscoverFile;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProbeTargetsTest {

    @Test
    void originsOfMailStoreAndAddressBookUrlsOnceEach() {
        AutodiscoverSection section = new AutodiscoverSection(List.of(
                new AutodiscoverFile("a.xml", "ann@contoso.com", true,
                        List.of("https://mail.contoso.com/mapi/emsmdb/?MailboxId=1@contoso.com",
                                "https://Mail.Contoso.com/mapi/emsmdb/?MailboxId=2@contoso.com"),
                        List.of("https://mail.contoso.com/mapi/nspi/?MailboxId=1@contoso.com",
                                "https://ab.contoso.com:8443/mapi/nspi/"), null),
                new AutodiscoverFile("b.xml", null, false, null, null, "unreadable")), true);

        assertEquals(List.of(URI.create("https://mail.contoso.com"), URI.create("https://ab.contoso.com:8443")),
                ProbeTargets.of(section));
    }

    @Test
    void urlsThatAreNotHttpAreSkipped() {
        AutodiscoverSection section = new AutodiscoverSection(List.of(
                new AutodiscoverFile("a.xml", null, true, List.of("ncacn_http:mail", "not a url"), List.of(), null)), true);

        assertEquals(List.of(), ProbeTargets.of(section));
    }
}
