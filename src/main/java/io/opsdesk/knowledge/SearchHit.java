package io.opsdesk.knowledge;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** An article found by a search, with how well it matches (see {@link KnowledgeBase#search}). */
public record SearchHit(@JsonUnwrapped Article article, double score) {
}
