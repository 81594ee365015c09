package dev.mapiagent.outlook.autodiscover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AutodiscoverParserTest {

    private static final String MAILBOX = "71a274a5-adc5-46a7-8592-08fa5d3088d0@example.com";

    @Test
    void readsMapiHttpResponseWithInternalAndExternalUrls() {
        AutodiscoverResponse response = AutodiscoverParser.parse(resource("onprem-mapihttp.xml"));

        assertTrue(response.mapiHttp());
        assertEquals("ann@example.com", response.emailAddress());
        assertEquals("Ann Example", response.displayName());
        assertEquals("settings", response.action());
        assertEquals(List.of("https://mail.example.com/mapi/emsmdb/?MailboxId=" + MAILBOX,
                "https://webmail.example.com/mapi/emsmdb/?MailboxId=" + MAILBOX), response.mailStoreUrls());
        assertEquals(List.of("https://mail.example.com/mapi/nspi/?MailboxId=" + MAILBOX,
                "https://webmail.example.com/mapi/nspi/?MailboxId=" + MAILBOX), response.addressBookUrls());
        assertEquals(List.of("WEB", "EXCH"), response.otherProtocolTypes());
        assertTrue(response.carriesSettings());
        assertFalse(response.isRedirect());
        assertFalse(response.isError());
    }

    @Test
    void reportsNoMapiHttpWhenOnlyClassicProtocolsAreOffered() {
        AutodiscoverResponse response = AutodiscoverParser.parse(resource("onprem-no-mapihttp.xml"));

        assertFalse(response.mapiHttp());
        assertEquals("bob@example.com", response.emailAddress());
        assertEquals(List.of("EXCH", "EXPR", "WEB", "EXCH", "EXPR"), response.otherProtocolTypes());
        assertEquals(List.of(), response.mailStoreUrls());
        assertEquals(List.of(), response.addressBookUrls());
        assertTrue(response.carriesSettings());
    }

    @Test
    void readsExchangeOnlineResponseWithExternalUrlsOnly() {
        AutodiscoverResponse response = AutodiscoverParser.parse(resource("exchange-online.xml"));

        assertTrue(response.mapiHttp());
        assertEquals("carol@contoso.com", response.emailAddress());
        assertEquals(List.of("https://outlook.office365.com/mapi/emsmdb/?MailboxId=0003bffd-1234-5678-9abc-def012345678@contoso.com"),
                response.mailStoreUrls());
        assertEquals(List.of("https://outlook.office365.com/mapi/nspi/?MailboxId=0003bffd-1234-5678-9abc-def012345678@contoso.com"),
                response.addressBookUrls());
    }

    @Test
    void listsInternalUrlBeforeExternalUrlWhateverTheDocumentOrder() {
        AutodiscoverResponse response = parse("""
                <Autodiscover><Response><Account><Protocol Type="mapiHttp" Version="1">
                  <MailStore><ExternalUrl>https://ext/mapi/emsmdb/</ExternalUrl><InternalUrl>https://int/mapi/emsmdb/</InternalUrl></MailStore>
                  <AddressBook><ExternalUrl>https://ext/mapi/nspi/</ExternalUrl></AddressBook>
                </Protocol></Account></Response></Autodiscover>
                """);

        assertEquals(List.of("https://int/mapi/emsmdb/", "https://ext/mapi/emsmdb/"), response.mailStoreUrls());
        assertEquals(List.of("https://ext/mapi/nspi/"), response.addressBookUrls());
    }

    @Test
    void recognisesRedirectAddrResponse() {
        AutodiscoverResponse response = AutodiscoverParser.parse(resource("redirect-addr.xml"));

        assertTrue(response.isRedirect());
        assertEquals("redirectAddr", response.action());
        assertEquals("dave@contoso.mail.onmicrosoft.com", response.redirectAddress());
        assertNull(response.redirectUrl());
        assertFalse(response.carriesSettings());
    }

    @Test
    void recognisesRedirectUrlResponse() {
        AutodiscoverResponse response = parse("""
                <Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006">
                  <Response xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a">
                    <Account><Action>redirectUrl</Action>
                      <RedirectUrl>https://autodiscover.contoso.com/autodiscover/autodiscover.xml</RedirectUrl></Account>
                  </Response>
                </Autodiscover>
                """);

        assertTrue(response.isRedirect());
        assertEquals("https://autodiscover.contoso.com/autodiscover/autodiscover.xml", response.redirectUrl());
    }

    @Test
    void recognisesErrorResponse() {
        AutodiscoverResponse response = AutodiscoverParser.parse(resource("error-response.xml"));

        assertTrue(response.isError());
        assertEquals(new AutodiscoverResponse.ServerError("500", "The email address can't be found."), response.error());
        assertEquals("500 The email address can't be found.", response.error().describe());
        assertFalse(response.carriesSettings());
    }

    @Test
    void acceptsPrefixedElementsOtherNamespacesAndAnyCaseOfTheType() {
        AutodiscoverResponse response = parse("""
                <a:Autodiscover xmlns:a="urn:proxy:rewritten" xmlns:o="urn:other">
                  <o:Response><o:User><o:AutoDiscoverSMTPAddress>ann@example.com</o:AutoDiscoverSMTPAddress></o:User>
                    <o:Account><o:Protocol o:Type="MAPIHTTP" Version="1">
                      <o:MailStore><o:InternalUrl>https://int/mapi/emsmdb/</o:InternalUrl></o:MailStore>
                    </o:Protocol></o:Account>
                  </o:Response>
                </a:Autodiscover>
                """);

        assertTrue(response.mapiHttp());
        assertEquals("ann@example.com", response.emailAddress());
        assertEquals(List.of("https://int/mapi/emsmdb/"), response.mailStoreUrls());
    }

    @Test
    void decodesPredefinedEntitiesAndCdataInUrls() {
        AutodiscoverResponse response = parse("""
                <Autodiscover><Response><Account><Protocol Type="mapiHttp">
                  <MailStore><InternalUrl>https://int/mapi/emsmdb/?MailboxId=a@b&amp;x=1</InternalUrl></MailStore>
                  <AddressBook><InternalUrl><![CDATA[https://int/mapi/nspi/?MailboxId=a@b&x=1]]></InternalUrl></AddressBook>
                </Protocol></Account></Response></Autodiscover>
                """);

        assertEquals(List.of("https://int/mapi/emsmdb/?MailboxId=a@b&x=1"), response.mailStoreUrls());
        assertEquals(List.of("https://int/mapi/nspi/?MailboxId=a@b&x=1"), response.addressBookUrls());
    }

    @Test
    void readsUtf16LittleEndianResponseWithBomAndDeclaration() {
        AutodiscoverResponse response = AutodiscoverParser.parse(resource("onprem-mapihttp-utf16le.xml"));

        assertEquals("Ännchen Ørsted", response.displayName());
        assertTrue(response.mapiHttp());
        assertEquals(2, response.mailStoreUrls().size());
    }

    @Test
    void rejectsDoctypeWithExternalEntity() {
        assertRejected(resource("xxe-external-entity.xml"), "DOCTYPE is not allowed in an Autodiscover response");
    }

    @Test
    void neverFetchesExternalEntitiesOrDtds() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            AtomicInteger connections = new AtomicInteger();
            Thread server = new Thread(() -> countAndDrop(listener, connections));
            server.setDaemon(true);
            server.start();
            String base = "http://127.0.0.1:" + listener.getLocalPort();
            List<String> hostile = List.of(
                    "<!DOCTYPE Autodiscover SYSTEM \"" + base + "/external.dtd\"><Autodiscover/>",
                    "<!DOCTYPE Autodiscover [<!ENTITY x SYSTEM \"" + base + "/general\">]><Autodiscover>&x;</Autodiscover>",
                    "<!DOCTYPE Autodiscover [<!ENTITY % p SYSTEM \"" + base + "/parameter\"> %p;]><Autodiscover/>",
                    "<Autodiscover xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include href=\"" + base
                            + "/xinclude\"/></Autodiscover>");
            for (String document : hostile) {
                try {
                    AutodiscoverParser.parse(document.getBytes(StandardCharsets.UTF_8));
                } catch (AutodiscoverParseException expected) {
                    // rejected or not, nothing may have been fetched
                }
            }
            assertEquals(0, connections.get(), "the parser connected to " + base);
        }
    }

    /** Accepts and immediately drops connections, so a parser that does fetch fails fast instead of hanging. */
    private static void countAndDrop(ServerSocket listener, AtomicInteger connections) {
        while (!listener.isClosed()) {
            try {
                Socket connection = listener.accept();
                connections.incrementAndGet();
                connection.close();
            } catch (IOException closed) {
                return;
            }
        }
    }

    @Test
    void rejectsBillionLaughs() {
        assertRejected(resource("billion-laughs.xml"), "DOCTYPE is not allowed in an Autodiscover response");
    }

    @Test
    void rejectsBinaryGarbageWithOneLineMessage() {
        String message = assertRejected(resource("garbage.xml"), null);

        assertTrue(message.startsWith("not well-formed XML at line 1"), message);
    }

    @Test
    void rejectsTruncatedDocumentSayingWhere() {
        String message = assertRejected(resource("truncated.xml"), null);

        assertTrue(message.startsWith("not well-formed XML at line "), message);
    }

    @Test
    void rejectsInputAboveTheSizeLimitWithoutParsingIt() {
        byte[] huge = new byte[AutodiscoverParser.MAX_BYTES + 1];

        assertRejected(huge, "Autodiscover response is 4194305 bytes, more than the limit of 4194304 bytes");
    }

    @Test
    void rejectsEmptyFile() {
        assertRejected(new byte[0], "the file is empty");
    }

    @Test
    void rejectsWellFormedXmlThatIsNotAnAutodiscoverResponse() {
        assertRejected("<html><body>Sign in</body></html>".getBytes(StandardCharsets.UTF_8),
                "not an Autodiscover response: the root element is <html>, expected <Autodiscover>");
    }

    @Test
    void rejectsAbsurdlyDeepNesting() {
        String deep = "<Autodiscover>" + "<a>".repeat(200) + "</a>".repeat(200) + "</Autodiscover>";

        String message = assertRejected(deep.getBytes(StandardCharsets.UTF_8), null);

        assertTrue(message.startsWith("elements nested deeper than 64 levels"), message);
    }

    private static AutodiscoverResponse parse(String xml) {
        return AutodiscoverParser.parse(xml.getBytes(StandardCharsets.UTF_8));
    }

    /** Asserts the input is refused with a one-line message (equal to {@code expected} when given). */
    private static String assertRejected(byte[] input, String expected) {
        AutodiscoverParseException e = assertThrows(AutodiscoverParseException.class, () -> AutodiscoverParser.parse(input));
        String message = e.getMessage();
        assertFalse(message.contains("\n") || message.contains("\r"), "multi-line message: " + message);
        assertFalse(message.contains("root:"), "leaked file content: " + message);
        if (expected != null) {
            assertEquals(expected, message);
        }
        return message;
    }

    static byte[] resource(String name) {
        try (InputStream in = AutodiscoverParserTest.class.getResourceAsStream("/autodiscover/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
