package io.policywatch.notify.matching;

import static io.policywatch.notify.TestDocuments.classified;
import static io.policywatch.notify.TestDocuments.sentence;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.policywatch.events.AlertRaised.MatchedPassage;
import io.policywatch.events.DocumentClassified;
import io.policywatch.events.Stance;

class StoredQueryIndexTest {

    private static final DocumentClassified DOCUMENT = classified("doc", Map.of("chem-bio", 0.9),
            sentence("The Convention bans Chemical Weapons and their precursors.", Stance.NEUTRAL, "chem-bio"),
            sentence("We oppose the weaponization of outer space by any country.", Stance.OPPOSE, "outer-space"),
            sentence("Non-proliferation treaties curb the arms race.", Stance.SUPPORT, "nuclear"));

    /** Every kind of query the API accepts, including those the presearcher cannot read terms from. */
    private static final List<String> QUERIES = List.of(
            "\"chemical weapon*\"", "\"chem* weapons\"", "\"chemical weapon*\" AND NOT space", "weap*", "WEAPONIZ*",
            "wea?ons", "we*", "\"outer space\"", "\"space outer\"", "\"oppose space\"~5", "\"oppose space\"~2",
            "\"(outer inner) space\"", "\"(inner upper) space\"", "\"non-proliferation treaties\"",
            "\"proliferation treaties\"", "space AND treaty", "convention OR missile", "space NOT convention",
            "NOT missile", "precursor~1", "\"arms race\" AND (chemical OR nuclear)", "missile", "\"the*\"",
            "[aaa TO abz]", "/weap.n./", "outer OR \"outer space\"", "\"oppose space\"~5 OR oppose", "\"non-proliferation\"",
            "+space -zebra treaty", "\"chem* weap*\"~2", "\"we* of\" AND NOT zebra", "\"(arms nuclear) race\"~1",
            "title:space", "\"space\"~3", "weap*^2 AND \"the conv*\"", "*:*", "\"the -convention bans\"");

    private static Map<String, List<MatchedPassage>> naive(DocumentClassified document, Map<String, String> queries,
            MatchFilter filter) throws InvalidQueryException {
        MatchableDocument matchable = MatchableDocument.of(document.document().text(), document.classification());
        Map<String, List<MatchedPassage>> fired = new HashMap<>();
        for (Map.Entry<String, String> query : queries.entrySet()) {
            matchable.match(QueryCompiler.compile(query.getValue()), filter)
                    .ifPresent(passages -> fired.put(query.getKey(), passages));
        }
        return fired;
    }

    private static Map<String, String> byId(List<String> queries) {
        Map<String, String> byId = new LinkedHashMap<>();
        for (int i = 0; i < queries.size(); i++) {
            byId.put("q" + i, queries.get(i));
        }
        return byId;
    }

    /** What fired, by query id; fails if a query fired twice. */
    private static Map<String, List<MatchedPassage>> firedById(List<StoredQueryIndex.Fired> fired) {
        return fired.stream().collect(Collectors.toMap(StoredQueryIndex.Fired::id, StoredQueryIndex.Fired::passages));
    }

    @Test
    void theIndexFiresExactlyTheQueriesThatRunningEveryQueryFiresWithTheSamePassages() throws Exception {
        Map<String, String> queries = byId(QUERIES);
        for (MatchFilter filter : List.of(MatchFilter.NONE, new MatchFilter(Set.of("outer-space"), null, null),
                new MatchFilter(Set.of(), Stance.SUPPORT, null))) {
            StoredQueryIndex index = new StoredQueryIndex();
            for (Map.Entry<String, String> query : queries.entrySet()) {
                index.put(query.getKey(), query.getValue(), filter);
            }
            Map<String, List<MatchedPassage>> fired = firedById(index.match(DOCUMENT.document().text(),
                    DOCUMENT.classification(), id -> true));
            assertEquals(naive(DOCUMENT, queries, filter), fired, "filter " + filter);
        }
    }

    @Test
    void generatedSubscriptionsFireAsTheNaiveLoopOnPolicyDocumentsWithTheSamePassages() throws Exception {
        PolicyWorkload workload = new PolicyWorkload(7);
        List<PolicyWorkload.Query> queries = workload.queries(2_000);
        StoredQueryIndex index = new StoredQueryIndex();
        for (PolicyWorkload.Query query : queries) {
            index.put(query.id(), query.query(), query.filter());
        }
        int fired = 0;
        for (PolicyWorkload.Document document : workload.documents(3)) {
            MatchableDocument matchable = MatchableDocument.of(document.text(), document.classification());
            Map<String, List<MatchedPassage>> expected = new HashMap<>();
            for (PolicyWorkload.Query query : queries) {
                matchable.match(QueryCompiler.compile(query.query()), query.filter())
                        .ifPresent(passages -> expected.put(query.id(), passages));
            }
            Set<String> candidates = new HashSet<>();
            Map<String, List<MatchedPassage>> actual = firedById(index.match(document.text(),
                    document.classification(), candidates::add));
            assertEquals(expected, actual);
            assertTrue(candidates.size() < queries.size() / 8,
                    "the index selected " + candidates.size() + " candidates for " + actual.size() + " matches");
            fired += actual.size();
        }
        assertTrue(fired > 0, "the workload should make some subscriptions fire");
    }

    @Test
    void queriesAreCandidatesOnlyForDocumentsWithTheirTermsOrPrefixes() throws Exception {
        StoredQueryIndex index = new StoredQueryIndex();
        index.put("phrase", "\"chemical weapon*\"", MatchFilter.NONE);
        index.put("prefix", "weaponi*", MatchFilter.NONE);
        index.put("conjunction", "zebra AND crocodile", MatchFilter.NONE);
        index.put("short prefix", "sp*", MatchFilter.NONE);
        index.put("only an exclusion", "NOT zebra", MatchFilter.NONE);

        DocumentClassified unrelated = classified("other", Map.of(),
                sentence("Diplomats met in Geneva to talk about space.", Stance.NEUTRAL));
        List<String> asked = new ArrayList<>();
        index.match(unrelated.document().text(), unrelated.classification(), asked::add);

        // A prefix selects by its literal start, however short; a query of exclusions alone never matches.
        assertEquals(List.of("short prefix"), asked);
        asked.clear();
        index.match(DOCUMENT.document().text(), DOCUMENT.classification(), asked::add);
        assertEquals(Set.of("phrase", "prefix", "short prefix"), Set.copyOf(asked));
    }

    @Test
    void replacingRemovingAndSkippingQueriesTakeEffectOnTheNextMatch() throws Exception {
        String text = DOCUMENT.document().text();
        StoredQueryIndex index = new StoredQueryIndex();
        index.put("a", "missile", MatchFilter.NONE);
        index.put("b", "convention", MatchFilter.NONE);
        assertEquals(Set.of("b"), firedById(index.match(text, DOCUMENT.classification(), id -> true)).keySet());

        index.put("a", "\"outer space\"", MatchFilter.NONE);
        index.remove("b");
        assertEquals(1, index.size());
        Map<String, List<MatchedPassage>> fired = firedById(index.match(text, DOCUMENT.classification(), id -> true));
        assertEquals(Set.of("a"), fired.keySet());
        assertEquals("We oppose the weaponization of <mark>outer space</mark> by any country.",
                fired.get("a").get(0).highlighted());

        assertFalse(firedById(index.match(text, DOCUMENT.classification(), id -> !id.equals("a"))).containsKey("a"));
    }

    @Test
    void anIndexAfterManyRemovalsAndReplacementsFiresAsOneBuiltFromTheQueriesLeft() throws Exception {
        PolicyWorkload workload = new PolicyWorkload(11);
        List<PolicyWorkload.Query> queries = workload.queries(3_000);
        StoredQueryIndex changed = new StoredQueryIndex();
        for (PolicyWorkload.Query query : queries.subList(0, 2_000)) {
            changed.put(query.id(), query.query(), query.filter());
        }
        // Most of them go or get another query, then new ones come: their programs reuse the room of removed ones.
        Map<String, PolicyWorkload.Query> left = new LinkedHashMap<>();
        for (int i = 0; i < 2_000; i++) {
            PolicyWorkload.Query query = queries.get(i);
            if (i % 8 == 0) {
                left.put(query.id(), query);
            } else if (i % 8 == 1) {
                PolicyWorkload.Query other = queries.get(2_999 - i);
                changed.put(query.id(), other.query(), other.filter());
                left.put(query.id(), new PolicyWorkload.Query(query.id(), other.query(), other.filter()));
            } else {
                changed.remove(query.id());
            }
        }
        for (PolicyWorkload.Query query : queries.subList(2_000, 3_000)) {
            changed.put(query.id(), query.query(), query.filter());
            left.put(query.id(), query);
        }
        StoredQueryIndex fresh = new StoredQueryIndex();
        for (PolicyWorkload.Query query : left.values()) {
            fresh.put(query.id(), query.query(), query.filter());
        }

        assertEquals(left.size(), changed.size());
        for (PolicyWorkload.Document document : workload.documents(2)) {
            Map<String, List<MatchedPassage>> expected = firedById(
                    fresh.match(document.text(), document.classification(), id -> true));
            assertFalse(expected.isEmpty());
            assertEquals(expected, firedById(changed.match(document.text(), document.classification(), id -> true)));
        }
    }
}
