package io.policywatch.classify.text;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Recognizes sentences that are not language: garbled OCR, page furniture ("BEIJING REVIEW NO.51 DECEMBER 18,
 * 2025"), bare numbers. They get no domain, whatever cue letters they happen to contain.
 */
public final class Noise {

    /** Short words that are real; other one- and two-letter words are typical of garbled OCR. */
    private static final Set<String> REAL_SHORT_WORDS = Set.of("a", "i", "an", "as", "at", "be", "by", "do", "go",
            "he", "if", "in", "is", "it", "me", "my", "no", "of", "on", "or", "so", "to", "up", "us", "we", "ai",
            "un", "eu", "uk", "ii", "iv", "vi", "ix", "xi", "mr", "dr", "st", "vs", "id", "5g");
    private static final double SUSPICIOUS_SHARE = 0.4;
    private static final Pattern LIST_ITEM = Pattern.compile("\\s*\\(?\\d{1,2}[.)]\\s.*");
    /** A sentence this long without a single English function word is not an English sentence. */
    private static final int WORDS_WITHOUT_FUNCTION_WORD = 6;

    public static boolean isNoise(String text, List<Token> tokens) {
        long letters = text.chars().filter(Character::isLetter).count();
        long visible = text.chars().filter(c -> !Character.isWhitespace(c)).count();
        if (letters == 0 || letters * 2 < visible) {
            return true;
        }
        List<Token> words = tokens.stream().filter(token -> token.lower().chars().anyMatch(Character::isLetter))
                .toList();
        long suspicious = words.stream().filter(Noise::isSuspicious).count();
        if (words.size() >= 3 && suspicious >= SUSPICIOUS_SHARE * words.size()) {
            return true;
        }
        boolean functionWord = words.stream()
                .anyMatch(token -> LanguageDetector.ENGLISH_FUNCTION_WORDS.contains(token.lower()));
        if (words.size() >= WORDS_WITHOUT_FUNCTION_WORD && !functionWord) {
            return true;
        }
        return isPageFurniture(text, words);
    }

    private static boolean isSuspicious(Token word) {
        String surface = word.surface();
        boolean lettersAndDigits = surface.chars().anyMatch(Character::isDigit);
        boolean innerCapital = false;
        for (int i = 1; i < surface.length(); i++) {
            if (Character.isUpperCase(surface.charAt(i)) && Character.isLowerCase(surface.charAt(i - 1))) {
                innerCapital = true;
            }
        }
        boolean strayShort = word.lower().length() <= 2 && !REAL_SHORT_WORDS.contains(word.lower());
        return lettersAndDigits || innerCapital || strayShort;
    }

    /** Running heads and footers: capitals only, with a page or issue number. */
    private static boolean isPageFurniture(String text, List<Token> words) {
        boolean noLowerCase = text.chars().noneMatch(Character::isLowerCase);
        boolean number = text.chars().anyMatch(Character::isDigit);
        return noLowerCase && number && !words.isEmpty() && !LIST_ITEM.matcher(text).matches();
    }

    private Noise() {
    }
}
