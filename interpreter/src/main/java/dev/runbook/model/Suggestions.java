package dev.runbook.model;

import java.util.Collection;

/** "did you mean" for misspelt keys and names: the closest candidate within a small edit distance. */
public final class Suggestions {
    private Suggestions() {
    }

    /** " (did you mean 'x'?)" or "" when nothing is close (one implementation, shared with the kinds). */
    public static String didYouMean(String word, Collection<String> candidates) {
        return dev.runbook.stdlib.Texts.didYouMean(word, candidates);
    }

    /**
     * The candidate a word is a near-certain misspelling of: one edit away (two for words of ten letters or more).
     * Stricter than {@link #didYouMean}, for where a suggestion becomes a refusal.
     */
    public static java.util.Optional<String> misspelling(String word, Collection<String> candidates) {
        int allowed = word.length() >= 10 ? 2 : 1;
        return candidates.stream()
                .filter(c -> distance(word.toLowerCase(java.util.Locale.ROOT), c.toLowerCase(java.util.Locale.ROOT)) <= allowed)
                .findFirst();
    }

    /** Optimal string alignment distance (one implementation, shared with the kinds: Texts.distance). */
    static int distance(String a, String b) {
        return dev.runbook.stdlib.Texts.distance(a, b);
    }
}
