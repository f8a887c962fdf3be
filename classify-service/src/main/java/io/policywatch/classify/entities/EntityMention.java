package io.policywatch.classify.entities;

/**
 * A state or organization a text mentions.
 *
 * @param id the gazetteer id (ISO 3166 alpha-3 for states, the usual acronym for organizations)
 * @param type {@code state} or {@code organization}
 * @param mentions how many times the text names it, under any of its names
 */
public record EntityMention(String id, String name, String type, int mentions) {
}
