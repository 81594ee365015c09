package dev.mapiagent.protocol;

import java.util.List;

/**
 * The Autodiscover cache files found and what they offer.
 *
 * @param files           every cache file found, parsed or not
 * @param mapiHttpOffered true when some file offers mapiHttp, false when files exist and none does,
 *                        null when there is no cache yet
 */
public record AutodiscoverSection(List<AutodiscoverFile> files, Boolean mapiHttpOffered) {

    /**
     * One cache file.
     *
     * @param path            path relative to LocalAppData (snapshot) or absolute (live)
     * @param emailAddress    AutoDiscoverSMTPAddress, when present
     * @param mapiHttp        whether a Protocol Type="mapiHttp" element is present
     * @param mailStoreUrls   MailStore Internal/External URLs
     * @param addressBookUrls AddressBook Internal/External URLs
     * @param error           why the file could not be read, or null
     */
    public record AutodiscoverFile(
            String path,
            String emailAddress,
            boolean mapiHttp,
            List<String> mailStoreUrls,
            List<String> addressBookUrls,
            String error) {
    }
}
