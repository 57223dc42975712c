package io.opsdesk.knowledge;

import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The search terms of a text, the same for an article and a query, on every database: Chinese,
 * Japanese and Korean script has no spaces between words, so each run of it gives its overlapping
 * character pairs ("邮件发送" → 邮件, 件发, 发送; a lone character stands for itself); any other
 * run of letters and digits is one lower-cased word of at least two characters, apart from a few
 * English filler words. Text is NFKC-normalised first, so full-width "ＶＰＮ" is "vpn".
 */
final class Terms {

  /** Longest term kept; a longer word (a hash, a path) is cut here. */
  static final int MAX_LENGTH = 64;

  private static final Set<String> FILLER = Set.of("a", "an", "and", "are", "as", "at", "be", "by", "can", "does",
      "for", "from", "has", "have", "in", "is", "it", "no", "not", "of", "on", "or", "the", "to", "was", "with");

  private Terms() {
  }

  static Set<String> of(String text) {
    Set<String> terms = new LinkedHashSet<>();
    if (text == null) {
      return terms;
    }
    String normalized = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    StringBuilder word = new StringBuilder();
    StringBuilder ideographs = new StringBuilder();
    for (int i = 0; i < normalized.length(); ) {
      int codePoint = normalized.codePointAt(i);
      i += Character.charCount(codePoint);
      if (isIdeographic(codePoint)) {
        addWord(word, terms);
        ideographs.appendCodePoint(codePoint);
      } else if (Character.isLetterOrDigit(codePoint)) {
        addPairs(ideographs, terms);
        word.appendCodePoint(codePoint);
      } else {
        addWord(word, terms);
        addPairs(ideographs, terms);
      }
    }
    addWord(word, terms);
    addPairs(ideographs, terms);
    return terms;
  }

  private static boolean isIdeographic(int codePoint) {
    Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
    return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
        || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL;
  }

  private static void addWord(StringBuilder word, Set<String> terms) {
    String text = word.toString();
    word.setLength(0);
    if (text.codePointCount(0, text.length()) >= 2 && !FILLER.contains(text)) {
      terms.add(text.length() <= MAX_LENGTH ? text
          : text.substring(0, Character.isHighSurrogate(text.charAt(MAX_LENGTH - 1)) ? MAX_LENGTH - 1 : MAX_LENGTH));
    }
  }

  private static void addPairs(StringBuilder run, Set<String> terms) {
    String text = run.toString();
    run.setLength(0);
    int count = text.codePointCount(0, text.length());
    if (count == 1) {
      terms.add(text);
    }
    for (int i = 0; i + 1 < count; i++) {
      int start = text.offsetByCodePoints(0, i);
      terms.add(text.substring(start, text.offsetByCodePoints(start, 2)));
    }
  }
}
