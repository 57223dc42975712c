package io.opsdesk.knowledge;

/** What a handler publishes; the knowledge base adds the id, author and times. */
record ArticleDraft(String title, String symptom, String rootCause, String solution, String category,
    String keywords, boolean visibleToRequesters) {
}
