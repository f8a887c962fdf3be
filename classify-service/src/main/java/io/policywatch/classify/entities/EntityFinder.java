package io.policywatch.classify.entities;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.policywatch.classify.text.Sentence;
import io.policywatch.classify.text.SentenceSplitter;
import io.policywatch.events.Classification.EntityMention;

/**
 * Finds the gazetteer's states and organizations in a text, and the issuer where the text says who speaks. Matching
 * follows the gazetteer's {@code matchSyntax}, the issuer its {@code issuerSyntax}. Thread-safe: it holds only the
 * compiled gazetteer.
 */
public final class EntityFinder {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    /** One name of an entity as words; {@code entity} is null for a name that is not an entity. */
    private record Name(List<String> words, Gazetteer.Entity entity, boolean capitalWord) {
    }

    /** A name found in a sentence, over words [start, end). */
    private record Match(Name name, int start, int end) {
    }

    private final Gazetteer gazetteer;
    /** Names by their first word in lower case, longest first, so the longest name wins. */
    private final Map<String, List<Name>> namesByFirstWord = new HashMap<>();

    public EntityFinder(Gazetteer gazetteer) {
        this.gazetteer = gazetteer;
        Set<String> capitalWords = Set.copyOf(gazetteer.capitalWords());
        for (Gazetteer.Entity entity : gazetteer.entities()) {
            namesOf(entity).forEach(name -> index(new Name(words(name), entity, capitalWords.contains(name))));
        }
        gazetteer.notEntities().forEach(name -> index(new Name(words(name), null, false)));
        namesByFirstWord.values()
                .forEach(names -> names.sort(Comparator.comparingInt((Name name) -> name.words().size()).reversed()));
    }

    public Entities find(String text) {
        Map<Gazetteer.Entity, Integer> mentions = new LinkedHashMap<>();
        Map<Gazetteer.Entity, Integer> speakingSentences = new LinkedHashMap<>();
        for (Sentence sentence : SentenceSplitter.split(text)) {
            List<String> words = words(sentence.text());
            List<Match> matches = matches(words);
            matches.forEach(match -> mentions.merge(match.name().entity(), 1, Integer::sum));
            speakers(words, matches).forEach(speaker -> speakingSentences.merge(speaker, 1, Integer::sum));
        }
        int most = speakingSentences.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        List<String> issuers = speakingSentences.entrySet().stream().filter(entry -> entry.getValue() == most)
                .map(entry -> entry.getKey().id()).toList();
        List<EntityMention> entities = mentions.entrySet().stream()
                .map(entry -> new EntityMention(entry.getKey().id(), entry.getKey().name(), entry.getKey().type(),
                        entry.getValue()))
                .sorted(Comparator.comparingInt(EntityMention::mentions).reversed()
                        .thenComparing(EntityMention::name))
                .toList();
        return new Entities(gazetteer.version(), entities, issuers);
    }

    /** The entity names of a sentence, left to right, the longest name wherever several start at one word. */
    private List<Match> matches(List<String> words) {
        List<Match> matches = new ArrayList<>();
        int position = 0;
        while (position < words.size()) {
            Match match = longestAt(words, position);
            if (match == null) {
                position++;
                continue;
            }
            if (match.name().entity() != null) {
                matches.add(match);
            }
            position = match.end();
        }
        return matches;
    }

    private Match longestAt(List<String> words, int start) {
        for (Name name : namesByFirstWord.getOrDefault(words.get(start).toLowerCase(Locale.ROOT), List.of())) {
            int end = start + name.words().size();
            if (end <= words.size() && matchesAt(name, words, start)
                    && (!name.capitalWord() || besideLowerCase(words, start, end))) {
                return new Match(name, start, end);
            }
        }
        return null;
    }

    private static boolean matchesAt(Name name, List<String> words, int start) {
        for (int i = 0; i < name.words().size(); i++) {
            if (!wordMatches(name.words().get(i), words.get(start + i))) {
                return false;
            }
        }
        return true;
    }

    /** An acronym (no lower case) is written exactly so; a capitalised word stays capitalised; case aside. */
    private static boolean wordMatches(String nameWord, String textWord) {
        if (nameWord.equals(nameWord.toUpperCase(Locale.ROOT))) {
            return nameWord.equals(textWord);
        }
        return nameWord.equalsIgnoreCase(textWord)
                && (!Character.isUpperCase(nameWord.charAt(0)) || Character.isUpperCase(textWord.charAt(0)));
    }

    /** "US" in "with the US on" names a state; in the heading "LET US ACT" it is a word. */
    private static boolean besideLowerCase(List<String> words, int start, int end) {
        return (start > 0 && hasLowerCase(words.get(start - 1)))
                || (end < words.size() && hasLowerCase(words.get(end)));
    }

    /**
     * The entities a sentence presents as its speakers: it opens with lead-in words and entities only, then ends,
     * or comes to a speech verb or a statement noun, or it opens with "We" or a title word.
     */
    private List<Gazetteer.Entity> speakers(List<String> words, List<Match> matches) {
        if (matches.isEmpty()) {
            return List.of();
        }
        Gazetteer.IssuerCues cues = gazetteer.issuer();
        Map<Integer, Match> matchAt = new HashMap<>();
        matches.forEach(match -> matchAt.put(match.start(), match));
        List<Gazetteer.Entity> speakers = new ArrayList<>();
        int position = firstWordAfterNumbering(words);
        while (position < words.size()) {
            Match match = matchAt.get(position);
            if (match != null) {
                if (!speakers.contains(match.name().entity())) {
                    speakers.add(match.name().entity());
                }
                position = match.end();
            } else if (cues.leadIns().contains(lower(words.get(position)))) {
                position++;
            } else {
                break;
            }
        }
        if (speakers.isEmpty()) {
            return List.of();
        }
        String opening = lower(words.get(firstWordAfterNumbering(words)));
        boolean says = opening.equals("we") || cues.titleWords().contains(opening) || position == words.size()
                || speaksAt(words, position, cues);
        return says ? speakers : List.of();
    }

    /** A numbered paragraph ("1 WE, the Member States ...") opens after its number. */
    private static int firstWordAfterNumbering(List<String> words) {
        int first = 0;
        while (first < words.size() - 1 && words.get(first).chars().allMatch(Character::isDigit)) {
            first++;
        }
        return first;
    }

    private static boolean speaksAt(List<String> words, int position, Gazetteer.IssuerCues cues) {
        int next = position;
        while (next < words.size() && (cues.auxiliaries().contains(lower(words.get(next)))
                || (words.get(next).length() > 4 && lower(words.get(next)).endsWith("ly")))) {
            next++;
        }
        if (next == words.size()) {
            return false;
        }
        String word = lower(words.get(next));
        return cues.statementNouns().contains(word) || isFormOfAny(word, cues.speechVerbs());
    }

    /** "proposes", "proposed", "calls", "called" are forms of "propose" and "call". */
    private static boolean isFormOfAny(String word, Set<String> verbs) {
        return verbs.contains(word) || Stream.of("s", "es", "d", "ed")
                .anyMatch(ending -> word.endsWith(ending) && verbs.contains(word.substring(0, word.length()
                        - ending.length())));
    }

    private void index(Name name) {
        namesByFirstWord.computeIfAbsent(name.words().get(0).toLowerCase(Locale.ROOT), w -> new ArrayList<>())
                .add(name);
    }

    /** The name and the aliases of an entity. */
    static List<String> namesOf(Gazetteer.Entity entity) {
        List<String> names = new ArrayList<>();
        names.add(entity.name());
        if (entity.aliases() != null) {
            names.addAll(entity.aliases());
        }
        return names;
    }

    /** Words as the gazetteer compares them: punctuation, hyphens and apostrophes separate words. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        Matcher matcher = WORD.matcher(text);
        while (matcher.find()) {
            words.add(matcher.group());
        }
        return words;
    }

    private static boolean hasLowerCase(String word) {
        return word.chars().anyMatch(Character::isLowerCase);
    }

    private static String lower(String word) {
        return word.toLowerCase(Locale.ROOT);
    }
}
