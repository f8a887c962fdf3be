package io.policywatch.classify.entities;

import java.util.List;

import io.policywatch.events.Classification.EntityMention;

/**
 * The states and organizations a text mentions, most mentioned first, and who the text says is speaking.
 *
 * @param gazetteerVersion the version of the gazetteer they were found with
 * @param issuers ids of the entities the text presents as its speakers (several for a joint statement), empty when
 *        it does not say
 */
public record Entities(String gazetteerVersion, List<EntityMention> entities, List<String> issuers) {
}
