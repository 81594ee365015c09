package dev.mapiagent.outlook.status;

import dev.mapiagent.protocol.ConnectionRow;
import dev.mapiagent.protocol.MapiProtocol;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Reads a row by what its words are, not where they stand: for rows whose cells drifted from the
 * header (hand-edited, re-indented, a cell added or lost). The values that decide a conclusion are
 * recognisable on their own: a host name, a protocol word, a {@code n/m} counter, a state word and a
 * connection type (docs/outlook-facts.md, "Connection Status table"). The first of each kind wins,
 * which follows the dialog's own column order (Proxy Server before Server name, Protocol before Conn).
 */
final class ContentRowReader {

    private static final Pattern HOST = Pattern.compile("(?i)[a-z0-9-]+(\\.[a-z0-9-]+)+");
    private static final Pattern SERVER = Pattern.compile("(?i)[a-z0-9-]+(\\.[a-z0-9-]+)*");
    private static final Pattern REQ_FAIL = Pattern.compile("(\\d{1,9})/(\\d{1,9})");
    private static final Set<String> PROTOCOLS = Set.of("http", "rpc/http", "mapi/http");
    private static final Set<String> TYPES = Set.of("mail", "directory", "public", "gc");
    private static final Set<String> AUTHN = Set.of(
            "error", "clear", "ntlm", "nego", "kerberos", "anonymous", "bearer", "autologon");
    /** Multi-word states; single words are judged by {@link RowReader#connected}. */
    private static final List<String> PHRASES = List.of("trying to connect");

    private ContentRowReader() {
    }

    /**
     * The row, or empty when the line does not hold a host and a protocol word, or holds no {@code n/m}
     * counter while the table has a Req/Fail column: a counter that cannot be read might be the one that
     * shows every request failing, so such a row stays unread rather than read without it.
     */
    static Optional<ConnectionRow> read(SourceLine line, Dialect dialect, boolean hasCounter) {
        List<String> words = Arrays.stream(line.text().replace('|', ' ').replace('\t', ' ').strip().split("\\s+"))
                .filter(w -> !w.isEmpty()).toList();
        Optional<String> server = first(words, ContentRowReader::isHost);
        Optional<String> protocol = first(words, w -> PROTOCOLS.contains(lower(w)));
        if (server.isEmpty() || protocol.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> reqFail = first(words, w -> REQ_FAIL.matcher(w).matches());
        if (hasCounter && reqFail.isEmpty()) {
            return Optional.empty();
        }
        Integer requests = reqFail.map(r -> Integer.valueOf(r.substring(0, r.indexOf('/')))).orElse(null);
        Integer failures = reqFail.map(r -> Integer.valueOf(r.substring(r.indexOf('/') + 1))).orElse(null);
        String state = state(line.text(), words);
        return Optional.of(new ConnectionRow(line.number(), server.get(),
                first(words, w -> w.contains("@") && !isMailboxGuid(w)).orElse(null),
                first(words, w -> TYPES.contains(lower(w))).orElse(null),
                protocol.get(), dialect.protocolOf(protocol.get()), state, RowReader.connected(state),
                requests, failures, first(words, w -> AUTHN.contains(lower(w).replace("*", ""))).orElse(null)));
    }

    /** A host name has a letter in it: version numbers (15.20.7452.21) and counters do not. */
    static boolean isHost(String word) {
        return HOST.matcher(word).matches() && word.chars().anyMatch(Character::isLetter);
    }

    /** Exchange 2013+ shows {@code <mailbox GUID>@<domain>} as the RPC server name. */
    private static boolean isMailboxGuid(String word) {
        return word.matches("(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}@.*");
    }

    private static String state(String text, List<String> words) {
        String lower = lower(text);
        for (String phrase : PHRASES) {
            int at = lower.indexOf(phrase);
            if (at >= 0) {
                return text.substring(at, at + phrase.length());
            }
        }
        return first(words, w -> RowReader.connected(w) != null).orElse(null);
    }

    private static Optional<String> first(List<String> words, Predicate<String> test) {
        return words.stream().filter(test).findFirst();
    }

    private static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    /** Whether a row read by position reads as a row: a host-like server and a protocol word. */
    static boolean plausible(ConnectionRow row) {
        return row.protocol() != MapiProtocol.UNKNOWN
                && (isHost(row.server()) || isMailboxGuid(row.server()));
    }

    /**
     * Whether a cell can name a server at all: a host name, possibly without a domain (EXCH01), or a
     * mailbox GUID. The rest of a wrapped line ("[No]  6001  Mail ...") read by position cannot.
     */
    static boolean serverLike(String cell) {
        return SERVER.matcher(cell).matches() && cell.chars().anyMatch(Character::isLetter) || isMailboxGuid(cell);
    }
}
