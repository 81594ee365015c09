package dev.mapiagent.agent.diagnosis.evidence;

import dev.mapiagent.agent.host.BadSnapshotException;
import dev.mapiagent.agent.host.HostException;
import dev.mapiagent.outlook.autodiscover.AutodiscoverParseException;
import dev.mapiagent.outlook.autodiscover.AutodiscoverParser;
import dev.mapiagent.outlook.autodiscover.AutodiscoverResponse;
import dev.mapiagent.outlook.autodiscover.AutodiscoverV2Parser;
import dev.mapiagent.outlook.autodiscover.AutodiscoverV2Response;
import dev.mapiagent.outlook.autodiscover.HostileXmlException;
import dev.mapiagent.protocol.AutodiscoverSection;
import dev.mapiagent.protocol.AutodiscoverSection.AutodiscoverFile;
import dev.mapiagent.protocol.Finding;
import dev.mapiagent.protocol.FindingCode;
import dev.mapiagent.protocol.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Reads Outlook's Autodiscover cache under %LOCALAPPDATA%\Microsoft\Outlook, the files Microsoft
 * says to delete to reset it: {@code <name> - Autodiscover.xml} in Outlook\, and {@code *.xml} and
 * {@code *.json} in Outlook\16\. Outlook\15\ is read the same way: Outlook 2013 keeps its
 * per-version data there as 2016 and later do under 16\ (by analogy, not documented).
 *
 * <p>Every file becomes an entry; a file that cannot be read or parsed carries a one-line error
 * instead of stopping the others. A hostile file (DOCTYPE, entities) is refused unread and named in a
 * finding of its own ({@link #refusedFileFindings}): someone planted it, and it must not stop the report either. {@code mapiHttpOffered} is decided only by responses that carry
 * connection settings: true when one offers mapiHttp, false when some carry settings and none does,
 * null when none carries settings (no cache yet, or only redirects, errors, V2 JSON or unreadable
 * files, which say nothing either way).
 */
public final class AutodiscoverCacheReader {

    private record Folder(List<String> path, Predicate<String> accepts) {
    }

    private static final List<Folder> FOLDERS = List.of(
            new Folder(List.of("Microsoft", "Outlook"), name -> name.endsWith(" - autodiscover.xml")),
            new Folder(List.of("Microsoft", "Outlook", "16"), name -> name.endsWith(".xml") || name.endsWith(".json")),
            new Folder(List.of("Microsoft", "Outlook", "15"), name -> name.endsWith(".xml") || name.endsWith(".json")));

    /** How a hostile file's entry begins; {@link #refusedFileFindings} looks for it. */
    private static final String REFUSED = "refused unread, a tampered file: ";
    /** Evidence names at most this many refused files (the report's evidence is bounded). */
    private static final int NAMED_AT_MOST = 20;

    private AutodiscoverCacheReader() {
    }

    /**
     * The cache and the Autodiscover error answers in it (POX {@code <Error>} with an ErrorCode such as
     * 500, 600 or 603: [MS-OXDSCLI] 2.2.4.1.1.3.2), which Outlook keeps as the account's answer.
     *
     * @param section the report section
     * @param errors  the cached error answers, in file order
     */
    public record AutodiscoverCache(AutodiscoverSection section, List<CachedError> errors) {
    }

    /** One cached error answer: the file (as the report shows it), its ErrorCode and Message (either may be null). */
    public record CachedError(String path, String code, String message) {
    }

    /** The cache as the report shows it; paths are relative to {@code localAppData}, with "/" separators. */
    public static AutodiscoverSection read(Path localAppData) {
        return inspect(localAppData).section();
    }

    /** Like {@link #read}, with the error answers found in the cache. */
    public static AutodiscoverCache inspect(Path localAppData) {
        List<AutodiscoverFile> entries = new ArrayList<>();
        List<CachedError> errors = new ArrayList<>();
        boolean settingsSeen = false;
        boolean mapiHttpSeen = false;
        for (Folder folder : FOLDERS) {
            Path dir = resolve(localAppData, folder);
            List<Path> files;
            try {
                files = list(dir, folder);
            } catch (HostException | BadSnapshotException e) {
                entries.add(failed(relative(localAppData, dir), e.getMessage()));
                continue;
            }
            for (Path file : files) {
                Entry entry = readOne(relative(localAppData, file), file);
                entries.add(entry.file());
                if (entry.serverError() != null) {
                    errors.add(new CachedError(entry.file().path(), entry.serverError().code(), entry.serverError().message()));
                }
                settingsSeen |= entry.carriesSettings();
                mapiHttpSeen |= entry.carriesSettings() && entry.file().mapiHttp();
            }
        }
        return new AutodiscoverCache(
                new AutodiscoverSection(List.copyOf(entries), settingsSeen ? Boolean.valueOf(mapiHttpSeen) : null),
                List.copyOf(errors));
    }

    /**
     * The cache files themselves, for resetting the cache.
     *
     * @throws HostException with a one-line message when a cache folder exists but cannot be listed
     */
    public static List<Path> cacheFiles(Path localAppData) {
        return FOLDERS.stream().flatMap(f -> list(resolve(localAppData, f), f).stream()).toList();
    }

    private record Entry(AutodiscoverFile file, boolean carriesSettings, AutodiscoverResponse.ServerError serverError) {

        Entry(AutodiscoverFile file, boolean carriesSettings) {
            this(file, carriesSettings, null);
        }
    }

    private static Entry readOne(String shownPath, Path file) {
        try {
            byte[] bytes = readCapped(file);
            if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
                AutodiscoverV2Response v2 = AutodiscoverV2Parser.parse(bytes);
                String error = v2.isError() ? "Autodiscover V2 error response: " + v2.describeError() : null;
                return new Entry(new AutodiscoverFile(shownPath, null, false, List.of(), List.of(), error), false);
            }
            AutodiscoverResponse pox = AutodiscoverParser.parse(bytes);
            String error = pox.isError() ? "Autodiscover error response: " + pox.error().describe() : null;
            return new Entry(new AutodiscoverFile(shownPath, pox.emailAddress(), pox.mapiHttp(), pox.mailStoreUrls(),
                    pox.addressBookUrls(), oneLine(error)), pox.carriesSettings() && !pox.isError(), pox.error());
        } catch (HostileXmlException e) {
            return new Entry(failed(shownPath, REFUSED + e.getMessage()), false);
        } catch (AutodiscoverParseException e) {
            return new Entry(failed(shownPath, e.getMessage()), false);
        } catch (AccessDeniedException e) {
            return new Entry(failed(shownPath, "cannot read the file: access denied"), false);
        } catch (NoSuchFileException e) {
            return new Entry(failed(shownPath, "the file disappeared while the cache was read"), false);
        } catch (IOException e) {
            return new Entry(failed(shownPath, "cannot read the file: " + describe(e)), false);
        }
    }

    /** Reads at most one byte more than the parser accepts, so a huge file is never read whole. */
    private static byte[] readCapped(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(AutodiscoverParser.MAX_BYTES + 1);
            if (bytes.length > AutodiscoverParser.MAX_BYTES) {
                throw new AutodiscoverParseException("the file is larger than the limit of "
                        + AutodiscoverParser.MAX_BYTES + " bytes; not read");
            }
            return bytes;
        }
    }

    private static List<Path> list(Path dir, Folder folder) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(dir)) {
            return children
                    .filter(p -> folder.accepts().test(p.getFileName().toString().toLowerCase(Locale.ROOT)))
                    .filter(Files::isRegularFile)
                    // Windows compares names ignoring case; sorting the same way gives one order on every OS
                    .sorted(Comparator.comparing(p -> p.getFileName().toString().toLowerCase(Locale.ROOT)))
                    .toList();
        } catch (IOException | SecurityException e) {
            throw new HostException("cannot list the Autodiscover cache folder " + dir + ": " + describe(e), e);
        }
    }

    private static Path resolve(Path localAppData, Folder folder) {
        Path dir = localAppData;
        for (String part : folder.path()) {
            dir = dir.resolve(part);
        }
        return dir;
    }

    private static String relative(Path localAppData, Path path) {
        Path relative = localAppData.relativize(path);
        List<String> parts = new ArrayList<>();
        relative.forEach(p -> parts.add(p.toString()));
        return String.join("/", parts);
    }

    private static AutodiscoverFile failed(String shownPath, String error) {
        return new AutodiscoverFile(shownPath, null, false, List.of(), List.of(), oneLine(error));
    }

    private static String describe(Exception e) {
        return e instanceof AccessDeniedException ? "access denied"
                : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String oneLine(String text) {
        return text == null ? null : text.replaceAll("\\s+", " ").strip();
    }

    /**
     * A warning naming the hostile files the cache held (DOCTYPE, entities), which were refused unread: someone other
     * than Outlook wrote them. The rest of the diagnosis, and the report, go on without them.
     */
    public static List<Finding> refusedFileFindings(AutodiscoverSection section) {
        List<String> refused = section.files().stream()
                .filter(f -> f.error() != null && f.error().startsWith(REFUSED))
                .map(AutodiscoverFile::path).toList();
        if (refused.isEmpty()) {
            return List.of();
        }
        String named = String.join(", ", refused.subList(0, Math.min(refused.size(), NAMED_AT_MOST)))
                + (refused.size() > NAMED_AT_MOST ? " and " + (refused.size() - NAMED_AT_MOST) + " more" : "");
        return List.of(Finding.of(FindingCode.AUTODISCOVER_FILE_REFUSED, Severity.WARNING, refused.size()
                + " Autodiscover cache file(s) carry a DOCTYPE or entities, which Outlook never writes; refused unread.",
                named));
    }

    /** The folders the cache lives in, whether they exist or not. */
    public static List<Path> cacheFolders(Path localAppData) {
        return FOLDERS.stream().map(f -> resolve(localAppData, f)).toList();
    }

    /** Whether {@code file} is where and what a cache file is: directly in a cache folder, with a cache file's name. */
    public static boolean isCacheFile(Path localAppData, Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return FOLDERS.stream().anyMatch(f -> resolve(localAppData, f).equals(file.getParent()) && f.accepts().test(name));
    }
}
