package dev.mapiagent.agent.host;

import java.util.List;
import java.util.Optional;

/**
 * A credential name as a person or a tool wrote it down. {@code CredEnumerateW} returns bare target
 * names ({@code MicrosoftOffice16_Data:SSPI:ann@contoso.com}); {@code cmdkey /list} prints the
 * {@code namespace:attribute=target} form, {@code LegacyGeneric:target=...} for a generic credential and
 * {@code Domain:target=...} for a domain password (docs/outlook-facts.md, "Credential names").
 *
 * @param target      the target name as Credential Manager holds it
 * @param impliedType the type the written form implies, if any
 */
public record CredentialName(String target, Optional<CredentialType> impliedType) {

    private record Form(String prefix, CredentialType type) {
    }

    /** Other cmdkey forms (WindowsLive:target=..., Domain:interactive=..., MicrosoftAccount:...) are kept whole. */
    private static final List<Form> FORMS = List.of(
            new Form("LegacyGeneric:target=", CredentialType.GENERIC),
            new Form("Domain:target=", CredentialType.DOMAIN_PASSWORD));

    public static CredentialName parse(String written) {
        String name = written.strip();
        for (Form form : FORMS) {
            if (name.regionMatches(true, 0, form.prefix(), 0, form.prefix().length())
                    && name.length() > form.prefix().length()) {
                return new CredentialName(name.substring(form.prefix().length()), Optional.of(form.type()));
            }
        }
        return new CredentialName(name, Optional.empty());
    }
}
