package io.policywatch.ingest.extraction;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** ISO-8601 dates and instants as documents and uploaders write them; a bare date is taken as midnight UTC. */
public final class Dates {

    /** An instant (2024-05-01T10:00:00Z), a time with an offset (2024-05-01T12:00:00+02:00) or a date (2024-05-01). */
    public static Optional<Instant> parse(String text) {
        try {
            if (!text.contains("T")) {
                return Optional.of(LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant());
            }
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private Dates() {
    }
}
