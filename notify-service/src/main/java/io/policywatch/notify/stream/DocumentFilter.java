package io.policywatch.notify.stream;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import io.policywatch.events.Stance;

/**
 * Which documents a stream client wants. Every given criterion must hold: one of {@code domains} is among the
 * document's domains; {@code stance} prevails in one of its domains (one of {@code domains}, when given);
 * {@code language} is its language.
 */
public record DocumentFilter(Set<String> domains, Stance stance, String language) {

    /**
     * From query parameters: {@code domain} repeated or comma-separated.
     *
     * @throws IllegalArgumentException for an unknown stance
     */
    public static DocumentFilter of(List<String> domains, String stance, String language) {
        Set<String> wanted = domains == null ? Set.of()
                : domains.stream().flatMap(value -> Arrays.stream(value.split(",")))
                        .map(domain -> domain.trim().toLowerCase(Locale.ROOT)).filter(domain -> !domain.isEmpty())
                        .collect(Collectors.toUnmodifiableSet());
        return new DocumentFilter(wanted, stance == null || stance.isBlank() ? null : Stance.fromId(stance),
                language == null || language.isBlank() ? null : language.trim().toLowerCase(Locale.ROOT));
    }

    public boolean matches(DocumentSummary document) {
        if (language != null && !language.equalsIgnoreCase(document.language())) {
            return false;
        }
        List<DocumentSummary.DomainStance> candidates = domains.isEmpty() ? document.domains()
                : document.domains().stream().filter(domain -> domains.contains(domain.domain())).toList();
        if (!domains.isEmpty() && candidates.isEmpty()) {
            return false;
        }
        return stance == null || candidates.stream().anyMatch(domain -> domain.stance() == stance);
    }
}
