package io.opsdesk.knowledge;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.opsdesk.identity.Caller;
import io.opsdesk.identity.OpsDeskGroups;
import io.opsdesk.ticket.InvalidInputException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Searching and reading the knowledge base. Staff read every article; requesters only public ones
 * (any other is "not found" to them, whether it exists or not); anybody else nothing.
 */
@RestController
@RequestMapping("/api/knowledge")
public class KnowledgeController {

  static final int MAX_QUERY = 200;
  static final int MAX_LIMIT = 50;

  private final KnowledgeBase knowledge;

  public KnowledgeController(KnowledgeBase knowledge) {
    this.knowledge = knowledge;
  }

  /** The articles matching {@code q}, best match first (ranking: {@link KnowledgeBase#search}). */
  @GetMapping
  public List<SearchHit> search(@RequestParam(required = false) String q,
      @RequestParam(defaultValue = "20") int limit, Authentication caller) {
    boolean publicOnly = publicOnly(caller);
    if (q == null || q.isBlank()) {
      throw new InvalidInputException("Bad knowledge query", Map.of("q", "is required"));
    }
    if (q.length() > MAX_QUERY) {
      throw new InvalidInputException("Bad knowledge query", Map.of("q", "must be at most " + MAX_QUERY + " characters"));
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidInputException("Bad knowledge query", Map.of("limit", "must be from 1 to " + MAX_LIMIT));
    }
    Set<String> terms = Terms.of(q);
    if (terms.isEmpty()) {
      throw new InvalidInputException("Bad knowledge query", Map.of("q", "must contain a word to search for"));
    }
    return knowledge.search(terms, publicOnly, limit);
  }

  @GetMapping("/{id}")
  public Article get(@PathVariable long id, Authentication caller) {
    boolean publicOnly = publicOnly(caller);
    return knowledge.find(id).filter(article -> article.visibleToRequesters() || !publicOnly)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No knowledge article " + id));
  }

  /** True for requesters, false for staff; refuses everybody else. */
  private static boolean publicOnly(Authentication caller) {
    if (Caller.isStaff(caller)) {
      return false;
    }
    if (Caller.isInAny(caller, OpsDeskGroups.REQUESTERS)) {
      return true;
    }
    throw new ResponseStatusException(HttpStatus.FORBIDDEN, "The knowledge base is for staff and requesters");
  }
}
