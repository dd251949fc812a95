package dev.braid.core.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Finds the known key a misspelt key most likely meant ("did you mean X?"). */
final class KeySuggestion {
    private KeySuggestion() {}

    static Optional<String> closest(String unknown, Collection<String> known) {
        String normalized = normalize(unknown);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            // case and '_' vs '-' slips count as the closest possible match
            int distance = normalize(candidate).equals(normalized) ? 0 : editDistance(unknown, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        int allowed = Math.max(1, Math.min(3, unknown.length() / 3));
        return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    private static String normalize(String key) {
        return key.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Levenshtein distance with adjacent transpositions (optimal string alignment). */
    static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
