package dev.mapiagent.outlook.status;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A header line of a Connection Status table copied from a localized Outlook. Its column names are
 * translated (German "Protokoll", "Servername", ...), and the cells may be too, so a wrong guess could
 * hide a fallback: such a table is refused, never read as "nothing found" (docs/outlook-facts.md,
 * "Localized tables").
 *
 * @param number the 1-based line number
 * @param word   the translated column name that gave it away
 */
record LocalizedHeader(int number, String word) {

    /** "Protocol" as German, French, Spanish, Portuguese and Italian Outlook write it. */
    private static final List<String> PROTOCOL_WORDS = List.of("protokoll", "protocole", "protocolo", "protocollo");

    static Optional<LocalizedHeader> find(String text) {
        for (SourceLine line : SourceLine.of(text)) {
            String lower = line.text().toLowerCase(Locale.ROOT);
            for (String word : PROTOCOL_WORDS) {
                int at = wordAt(lower, word);
                if (at >= 0 && Word.in(line.text()).size() >= 3) {
                    return Optional.of(new LocalizedHeader(line.number(), line.text().substring(at, at + word.length())));
                }
            }
        }
        return Optional.empty();
    }

    private static int wordAt(String lower, String word) {
        for (int at = lower.indexOf(word); at >= 0; at = lower.indexOf(word, at + 1)) {
            boolean startsWord = at == 0 || !Character.isLetter(lower.charAt(at - 1));
            int end = at + word.length();
            boolean endsWord = end == lower.length() || !Character.isLetter(lower.charAt(end));
            if (startsWord && endsWord) {
                return at;
            }
        }
        return -1;
    }
}
