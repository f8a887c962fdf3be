package io.policywatch.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The position a sentence's author takes toward what the sentence is about (see taxonomy.md). */
public enum Stance {
    @JsonProperty("support")
    SUPPORT,
    @JsonProperty("oppose")
    OPPOSE,
    @JsonProperty("neutral")
    NEUTRAL;

    /** The JSON name, also used in query parameters and subscriptions. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Parses a JSON name, case-insensitively. */
    public static Stance fromId(String id) {
        for (Stance stance : values()) {
            if (stance.id().equalsIgnoreCase(id.trim())) {
                return stance;
            }
        }
        throw new IllegalArgumentException("unknown stance '" + id + "' (expected support, oppose or neutral)");
    }
}
