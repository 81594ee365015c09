package dev.mapiagent.agent.host.snapshot;

import static dev.mapiagent.agent.host.CredentialType.DOMAIN_PASSWORD;
import static dev.mapiagent.agent.host.CredentialType.GENERIC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mapiagent.agent.host.BadSnapshotException;
import dev.mapiagent.agent.host.CredentialPersist;
import dev.mapiagent.agent.host.StoredCredential;
import dev.mapiagent.agent.host.snapshot.regfile.RegSamples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotCredentialsTest {

    private static final String SSPI_16 = "MicrosoftOffice16_Data:SSPI:ann@contoso.com";

    @TempDir
    Path dir;

    private Path credentialsOfAnnPc() {
        return RegSamples.copyOfAnnPc(dir).resolve("credentials.json");
    }

    private Path write(String json) throws Exception {
        Path file = dir.resolve("credentials.json");
        Files.writeString(file, json);
        return file;
    }

    @Test
    void listsEveryCredentialWithoutSecrets() {
        List<StoredCredential> credentials = SnapshotCredentials.read(credentialsOfAnnPc()).list();

        assertEquals(4, credentials.size());
        assertEquals(new StoredCredential(SSPI_16, GENERIC, "ann@contoso.com", CredentialPersist.LOCAL_MACHINE), credentials.get(0));
        assertEquals(new StoredCredential("fileserver01.contoso.local", DOMAIN_PASSWORD, "CONTOSO\\ann",
                CredentialPersist.ENTERPRISE), credentials.get(2));
    }

    @Test
    void readsTargetsWrittenAsCmdkeyListPrintsThem() throws Exception {
        List<StoredCredential> credentials = SnapshotCredentials.read(write("""
                [{"target": "LegacyGeneric:target=MicrosoftOffice16_Data:SSPI:ann@contoso.com", "user": "ann@contoso.com"},
                 {"target": "Domain:target=fileserver01.contoso.local", "user": "CONTOSO\\\\ann"},
                 {"target": "WindowsLive:target=virtualapp/didlogical", "type": "generic", "user": "02nfpgrklkitqatu"}]
                """)).list();

        assertEquals(List.of(new StoredCredential(SSPI_16, GENERIC, "ann@contoso.com", CredentialPersist.LOCAL_MACHINE),
                new StoredCredential("fileserver01.contoso.local", DOMAIN_PASSWORD, "CONTOSO\\ann",
                        CredentialPersist.LOCAL_MACHINE),
                new StoredCredential("WindowsLive:target=virtualapp/didlogical", GENERIC, "02nfpgrklkitqatu",
                        CredentialPersist.LOCAL_MACHINE)), credentials);
    }

    @Test
    void aCmdkeyTargetCanBeDeletedByItsBareName() throws Exception {
        Path file = write("""
                [{"target": "LegacyGeneric:target=MicrosoftOffice16_Data:SSPI:ann@contoso.com", "type": "generic"}]
                """);

        assertTrue(SnapshotCredentials.read(file).delete(SSPI_16, GENERIC));
        assertEquals(List.of(), SnapshotCredentials.read(file).list());
    }

    @Test
    void missingFileMeansNoCredentials() {
        SnapshotCredentials credentials = SnapshotCredentials.read(dir.resolve("credentials.json"));

        assertEquals(List.of(), credentials.list());
        assertFalse(credentials.delete(SSPI_16, GENERIC));
        assertFalse(Files.exists(dir.resolve("credentials.json")));
    }

    @Test
    void absentUserAndPersistReadAsEmptyAndLocalMachine() throws Exception {
        Path file = write("[{\"target\":\"" + SSPI_16 + "\",\"type\":\"generic\"}]");

        assertEquals(List.of(new StoredCredential(SSPI_16, GENERIC, "", CredentialPersist.LOCAL_MACHINE)),
                SnapshotCredentials.read(file).list());
    }

    @Test
    void rejectsUnknownCredentialType() throws Exception {
        Path file = write("[{\"target\":\"a\",\"type\":\"generic\"},\n {\"target\":\"b\",\"type\":\"web\"}]");

        String message = assertThrows(BadSnapshotException.class, () -> SnapshotCredentials.read(file)).getMessage();

        assertEquals(file + " entry 2: unknown credential type \"web\", expected one of generic, domain_password,"
                + " domain_certificate, domain_visible_password, generic_certificate, domain_extended", message);
    }

    @Test
    void rejectsMalformedJsonWithItsLine() throws Exception {
        Path file = write("[\n  {\"target\":\"a\",\"type\":\"generic\"}\n  {\"target\":\"b\"}\n]");

        String message = assertThrows(BadSnapshotException.class, () -> SnapshotCredentials.read(file)).getMessage();

        assertTrue(message.startsWith(file + " line 3: not valid JSON: "), message);
        assertFalse(message.contains("\n"), message);
    }

    @Test
    void rejectsAnObjectInsteadOfAnArray() throws Exception {
        Path file = write("{\"target\":\"a\",\"type\":\"generic\"}");

        String message = assertThrows(BadSnapshotException.class, () -> SnapshotCredentials.read(file)).getMessage();

        assertEquals(file + ": expected a JSON array [ {...}, ... ]", message);
    }

    @Test
    void rejectsEntryWithoutTarget() throws Exception {
        Path file = write("[{\"type\":\"generic\",\"user\":\"ann@contoso.com\"}]");

        String message = assertThrows(BadSnapshotException.class, () -> SnapshotCredentials.read(file)).getMessage();

        assertEquals(file + " entry 1: \"target\" is missing", message);
    }

    @Test
    void deleteRemovesOnlyThatEntryAndKeepsEveryOtherByte() throws Exception {
        Path file = credentialsOfAnnPc();
        String before = Files.readString(file);
        String removed = "  {\"target\": \"" + SSPI_16 + "\", \"type\": \"generic\", \"user\": \"ann@contoso.com\","
                + " \"persist\": \"local_machine\"}," + lineEndingOf(before);

        assertTrue(SnapshotCredentials.read(file).delete(SSPI_16, GENERIC));

        assertTrue(before.contains(removed));
        assertEquals(before.replace(removed, ""), Files.readString(file));
    }

    @Test
    void deleteOfTheLastEntryTakesTheCommaBeforeIt() throws Exception {
        Path file = credentialsOfAnnPc();
        String before = Files.readString(file);
        String removed = "," + lineEndingOf(before) + "  {\"target\": \"MicrosoftOffice15_Data:SSPI:ann@contoso.com\", \"type\": \"generic\","
                + " \"user\": \"ann@contoso.com\", \"persist\": \"local_machine\"}";

        assertTrue(SnapshotCredentials.read(file).delete("MicrosoftOffice15_Data:SSPI:ann@contoso.com", GENERIC));

        assertTrue(before.contains(removed));
        assertEquals(before.replace(removed, ""), Files.readString(file));
    }

    @Test
    void deleteMatchesTargetIgnoringCaseButTypeExactly() {
        SnapshotCredentials credentials = SnapshotCredentials.read(credentialsOfAnnPc());

        assertFalse(credentials.delete(SSPI_16, DOMAIN_PASSWORD));
        assertTrue(credentials.delete(SSPI_16.toUpperCase(), GENERIC));
        assertFalse(credentials.delete(SSPI_16, GENERIC));
        assertEquals(3, credentials.list().size());
    }

    @Test
    void deletionIsOnDiskForTheNextReader() {
        Path file = credentialsOfAnnPc();

        SnapshotCredentials.read(file).delete(SSPI_16, GENERIC);

        assertEquals(List.of("MicrosoftOffice16_Data:ADAL:5f2d1c4e-8b7a-4e61-9d3c-0a1b2c3d4e5f",
                        "fileserver01.contoso.local", "MicrosoftOffice15_Data:SSPI:ann@contoso.com"),
                SnapshotCredentials.read(file).list().stream().map(StoredCredential::target).toList());
    }

    @Test
    void deleteKeepsAByteOrderMark() throws Exception {
        Path file = write("\uFEFF[{\"target\":\"a\",\"type\":\"generic\"},{\"target\":\"b\",\"type\":\"generic\"}]");

        SnapshotCredentials.read(file).delete("b", GENERIC);

        assertEquals("\uFEFF[{\"target\":\"a\",\"type\":\"generic\"}]", Files.readString(file));
    }

    /** The checkout decides the sample's line endings (CRLF on Windows without .gitattributes); the file keeps them. */
    private static String lineEndingOf(String text) {
        return text.contains("\r\n") ? "\r\n" : "\n";
    }
}
