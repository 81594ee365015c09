package dev.mapiagent.agent.diagnosis.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapiagent.protocol.AutodiscoverSection;
import dev.mapiagent.protocol.AutodiscoverSection.AutodiscoverFile;
import dev.mapiagent.protocol.Finding;
import dev.mapiagent.protocol.Severity;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AutodiscoverCacheReaderTest {

    private static final String WITH_MAPI_HTTP = """
            <?xml version="1.0" encoding="utf-8"?>
            <Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006">
              <Response xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a">
                <User><DisplayName>Ann</DisplayName><AutoDiscoverSMTPAddress>ann@example.com</AutoDiscoverSMTPAddress></User>
                <Account><AccountType>email</AccountType><Action>settings</Action>
                  <Protocol Type="mapiHttp" Version="1">
                    <MailStore><InternalUrl>https://mail.example.com/mapi/emsmdb/?MailboxId=1@example.com</InternalUrl>
                      <ExternalUrl>https://webmail.example.com/mapi/emsmdb/?MailboxId=1@example.com</ExternalUrl></MailStore>
                    <AddressBook><InternalUrl>https://mail.example.com/mapi/nspi/?MailboxId=1@example.com</InternalUrl></AddressBook>
                  </Protocol>
                </Account>
              </Response>
            </Autodiscover>
            """;

    private static final String WITHOUT_MAPI_HTTP = """
            <?xml version="1.0" encoding="utf-8"?>
            <Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006">
              <Response xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a">
                <User><AutoDiscoverSMTPAddress>bob@example.com</AutoDiscoverSMTPAddress></User>
                <Account><Action>settings</Action>
                  <Protocol><Type>EXCH</Type><Server>mbx01.example.com</Server></Protocol>
                  <Protocol><Type>EXPR</Type><Server>webmail.example.com</Server></Protocol>
                </Account>
              </Response>
            </Autodiscover>
            """;

    private static final String REDIRECT = """
            <Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006">
              <Response xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a">
                <Account><Action>redirectAddr</Action><RedirectAddr>ann@contoso.mail.onmicrosoft.com</RedirectAddr></Account>
              </Response>
            </Autodiscover>
            """;

    private static final String ERROR = """
            <Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006">
              <Response><Error Time="10:15:30" Id="1"><ErrorCode>500</ErrorCode>
                <Message>The email address can't be found.</Message></Error></Response>
            </Autodiscover>
            """;

    private static final String XXE = """
            <?xml version="1.0"?>
            <!DOCTYPE Autodiscover [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <Autodiscover><Response><User><DisplayName>&xxe;</DisplayName></User></Response></Autodiscover>
            """;

    @TempDir
    Path localAppData;

    @Test
    void readsEveryCacheLocationAndIgnoresOtherFiles() throws IOException {
        write("Microsoft/Outlook/b7e128fc6da9614daadcced8787ff412 - Autodiscover.xml", WITH_MAPI_HTTP);
        write("Microsoft/Outlook/16/AutoD.example.com.xml", WITHOUT_MAPI_HTTP);
        write("Microsoft/Outlook/16/a1b2c3.json", "{\"Protocol\":\"AutodiscoverV1\",\"Url\":\"https://outlook.office365.com/autodiscover/autodiscover.xml\"}");
        write("Microsoft/Outlook/15/0f1e2d - Autodiscover.xml", WITHOUT_MAPI_HTTP);
        write("Microsoft/Outlook/ann@example.com.ost", "not a cache file");
        write("Microsoft/Outlook/Offline Address Books/udetails.oab.xml", WITHOUT_MAPI_HTTP);
        write("Microsoft/Outlook/RoamCache/Stream_Autocomplete.xml", WITHOUT_MAPI_HTTP);

        AutodiscoverSection section = AutodiscoverCacheReader.read(localAppData);

        assertEquals(List.of(
                "Microsoft/Outlook/b7e128fc6da9614daadcced8787ff412 - Autodiscover.xml",
                "Microsoft/Outlook/16/a1b2c3.json",
                "Microsoft/Outlook/16/AutoD.example.com.xml",
                "Microsoft/Outlook/15/0f1e2d - Autodiscover.xml"), paths(section));
        assertEquals(Boolean.TRUE, section.mapiHttpOffered());
        assertEquals(new AutodiscoverFile("Microsoft/Outlook/b7e128fc6da9614daadcced8787ff412 - Autodiscover.xml",
                "ann@example.com", true,
                List.of("https://mail.example.com/mapi/emsmdb/?MailboxId=1@example.com",
                        "https://webmail.example.com/mapi/emsmdb/?MailboxId=1@example.com"),
                List.of("https://mail.example.com/mapi/nspi/?MailboxId=1@example.com"), null), section.files().get(0));
    }

    @Test
    void noCacheFolderMeansNoFilesAndNoVerdict() {
        AutodiscoverSection section = AutodiscoverCacheReader.read(localAppData);

        assertEquals(List.of(), section.files());
        assertNull(section.mapiHttpOffered());
    }

    @Test
    void settingsWithoutMapiHttpMeanMapiHttpIsNotOffered() throws IOException {
        write("Microsoft/Outlook/16/AutoD.example.com.xml", WITHOUT_MAPI_HTTP);

        AutodiscoverSection section = AutodiscoverCacheReader.read(localAppData);

        assertEquals(Boolean.FALSE, section.mapiHttpOffered());
        AutodiscoverFile file = section.files().get(0);
        assertEquals("bob@example.com", file.emailAddress());
        assertFalse(file.mapiHttp());
        assertNull(file.error());
    }

    @Test
    void redirectsErrorsAndV2AnswersDecideNothing() throws IOException {
        write("Microsoft/Outlook/16/redirect.xml", REDIRECT);
        write("Microsoft/Outlook/16/error.xml", ERROR);
        write("Microsoft/Outlook/16/v2.json", "{\"ErrorCode\":\"InvalidUser\",\"ErrorMessage\":\"Invalid user.\"}");

        AutodiscoverSection section = AutodiscoverCacheReader.read(localAppData);

        assertNull(section.mapiHttpOffered());
        assertEquals(List.of("Autodiscover error response: 500 The email address can't be found.",
                        "<none>",
                        "Autodiscover V2 error response: InvalidUser: Invalid user."),
                section.files().stream().map(f -> f.error() == null ? "<none>" : f.error()).toList());
    }

    @Test
    void aHostileFileIsRefusedUnreadAndNamedInAFindingWhileTheOthersAreRead() throws IOException {
        write("Microsoft/Outlook/16/evil.xml", XXE);
        write("Microsoft/Outlook/16/good.xml", WITH_MAPI_HTTP);

        AutodiscoverSection section = AutodiscoverCacheReader.read(localAppData);
        List<Finding> findings = AutodiscoverCacheReader.refusedFileFindings(section);

        assertEquals(Boolean.TRUE, section.mapiHttpOffered(), "the good file is still read");
        AutodiscoverFile evil = section.files().get(0);
        assertEquals("Microsoft/Outlook/16/evil.xml", evil.path());
        assertTrue(evil.error().contains("DOCTYPE is not allowed"), evil.error());
        assertEquals(1, findings.size());
        assertEquals("AUTODISCOVER_FILE_REFUSED", findings.get(0).code());
        assertEquals(Severity.WARNING, findings.get(0).severity());
        assertEquals("Microsoft/Outlook/16/evil.xml", findings.get(0).evidence());
        assertEquals("reset-autodiscover-cache", findings.get(0).remedy());
    }

    @Test
    void aCacheWithoutHostileFilesHasNoRefusedFileFinding() throws IOException {
        write("Microsoft/Outlook/16/good.xml", WITH_MAPI_HTTP);

        assertEquals(List.of(), AutodiscoverCacheReader.refusedFileFindings(AutodiscoverCacheReader.read(localAppData)));
    }

    @Test
    void oneDamagedFileDoesNotHideTheOthers() throws IOException {
        write("Microsoft/Outlook/16/good.xml", WITH_MAPI_HTTP);
        write("Microsoft/Outlook/16/garbage.json", "{\"Protocol\": \n oops");

        AutodiscoverSection section = AutodiscoverCacheReader.read(localAppData);

        assertEquals(List.of("Microsoft/Outlook/16/garbage.json", "Microsoft/Outlook/16/good.xml"), paths(section));
        assertTrue(section.files().get(0).error().startsWith("not well-formed JSON at line 2"), section.files().get(0).error());
        assertFalse(section.files().get(0).error().contains("\n"));
        assertNull(section.files().get(1).error());
        assertEquals(Boolean.TRUE, section.mapiHttpOffered());
    }

    @Test
    void refusesAnOversizeFileWithoutReadingItWhole() throws IOException {
        Path huge = write("Microsoft/Outlook/16/huge.xml", "");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(64L * 1024 * 1024);
        }

        AutodiscoverFile entry = AutodiscoverCacheReader.read(localAppData).files().get(0);

        assertEquals("the file is larger than the limit of 4194304 bytes; not read", entry.error());
        assertFalse(entry.mapiHttp());
    }

    @Test
    void reportsAnEmptyFile() throws IOException {
        write("Microsoft/Outlook/x - Autodiscover.xml", "");

        assertEquals("the file is empty", AutodiscoverCacheReader.read(localAppData).files().get(0).error());
    }

    @Test
    void listsTheCacheFilesTheReaderReads() throws IOException {
        Path root = write("Microsoft/Outlook/abc - Autodiscover.xml", WITH_MAPI_HTTP);
        Path v16 = write("Microsoft/Outlook/16/AutoD.example.com.xml", WITHOUT_MAPI_HTTP);
        write("Microsoft/Outlook/profile.xml", WITHOUT_MAPI_HTTP);

        assertEquals(List.of(root, v16), AutodiscoverCacheReader.cacheFiles(localAppData));
    }

    private Path write(String relative, String content) throws IOException {
        Path file = localAppData.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private static List<String> paths(AutodiscoverSection section) {
        return section.files().stream().map(AutodiscoverFile::path).toList();
    }
}
