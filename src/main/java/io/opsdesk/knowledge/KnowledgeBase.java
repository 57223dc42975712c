package io.opsdesk.knowledge;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.opsdesk.ticket.EngineClock;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/**
 * The articles and their search index (tables knowledge_article, knowledge_term). Writes join the
 * caller's transaction: an article is published with the completion of the verify task or not at all.
 */
@Component
public class KnowledgeBase {

  /**
   * How much a query term found in each field counts; a term in several fields counts once, by its
   * best field. The title and the keywords say what an article is about; the symptom is what a
   * requester writes in a new request.
   */
  static final int TITLE = 3;
  static final int KEYWORDS = 3;
  static final int SYMPTOM = 2;
  static final int BODY = 1;

  private final NamedParameterJdbcTemplate jdbc;

  public KnowledgeBase(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Publishes the article of request {@code ticketId}: a new one, or a new version of the one the
   * request already has (one article per request; id and creation time stay, the author becomes
   * who published this version). Answers the article and whether it was new.
   */
  Published publish(String ticketId, ArticleDraft draft, String author) {
    Instant now = EngineClock.now();
    MapSqlParameterSource values = new MapSqlParameterSource()
        .addValue("ticketId", ticketId)
        .addValue("title", draft.title())
        .addValue("symptom", draft.symptom())
        .addValue("rootCause", draft.rootCause())
        .addValue("solution", draft.solution())
        .addValue("category", draft.category())
        .addValue("keywords", draft.keywords())
        .addValue("public", draft.visibleToRequesters())
        .addValue("author", author)
        .addValue("now", now.atOffset(ZoneOffset.UTC));
    Optional<Article> existing = byTicket(ticketId);
    long id;
    if (existing.isPresent()) {
      id = existing.get().id();
      jdbc.update("""
          UPDATE knowledge_article SET title = :title, symptom = :symptom, root_cause = :rootCause,
            solution = :solution, category = :category, keywords = :keywords, is_public = :public,
            author = :author, updated_at = :now
          WHERE id = :id""", values.addValue("id", id));
      jdbc.update("DELETE FROM knowledge_term WHERE article_id = :id", Map.of("id", id));
    } else {
      GeneratedKeyHolder key = new GeneratedKeyHolder();
      jdbc.update("""
          INSERT INTO knowledge_article (ticket_id, title, symptom, root_cause, solution, category, keywords,
            is_public, author, created_at, updated_at)
          VALUES (:ticketId, :title, :symptom, :rootCause, :solution, :category, :keywords, :public, :author,
            :now, :now)""", values, key, new String[] {"id"});
      id = key.getKey().longValue();
    }
    index(id, draft);
    return new Published(find(id).orElseThrow(), existing.isEmpty());
  }

  record Published(Article article, boolean created) {
  }

  private void index(long id, ArticleDraft draft) {
    Map<String, Integer> weights = new LinkedHashMap<>();
    weigh(weights, draft.title(), TITLE);
    weigh(weights, draft.keywords(), KEYWORDS);
    weigh(weights, draft.symptom(), SYMPTOM);
    weigh(weights, draft.rootCause(), BODY);
    weigh(weights, draft.solution(), BODY);
    jdbc.batchUpdate("INSERT INTO knowledge_term (article_id, term, weight) VALUES (:id, :term, :weight)",
        weights.entrySet().stream().map(entry -> new MapSqlParameterSource()
            .addValue("id", id).addValue("term", entry.getKey()).addValue("weight", entry.getValue()))
            .toArray(MapSqlParameterSource[]::new));
  }

  private static void weigh(Map<String, Integer> weights, String text, int weight) {
    Terms.of(text).forEach(term -> weights.merge(term, weight, Math::max));
  }

  /**
   * The articles matching {@code terms}, best first, at most {@code limit}. An article's score is the
   * sum, over the query's terms it contains, of the term's weight in it, divided by the most a query
   * of that many terms can score: 1.0 when every term is in the title, 0 (not listed) when none is
   * anywhere. Ties go to the newer version.
   */
  List<SearchHit> search(Set<String> terms, boolean publicOnly, int limit) {
    if (terms.isEmpty()) {
      return List.of();
    }
    double best = (double) TITLE * terms.size();
    return jdbc.query("""
        SELECT a.*, s.score FROM knowledge_article a
        JOIN (SELECT article_id, SUM(weight) AS score FROM knowledge_term WHERE term IN (:terms)
              GROUP BY article_id) s ON s.article_id = a.id
        %s
        ORDER BY s.score DESC, a.updated_at DESC, a.id DESC
        FETCH FIRST %d ROWS ONLY""".formatted(publicOnly ? "WHERE a.is_public = TRUE" : "", limit),
        Map.of("terms", terms),
        (rs, row) -> new SearchHit(map(rs, row), Math.round(rs.getInt("score") / best * 1000) / 1000.0));
  }

  Optional<Article> find(long id) {
    return jdbc.query("SELECT * FROM knowledge_article WHERE id = :id", Map.of("id", id), KnowledgeBase::map)
        .stream().findFirst();
  }

  Optional<Article> byTicket(String ticketId) {
    return jdbc.query("SELECT * FROM knowledge_article WHERE ticket_id = :ticketId", Map.of("ticketId", ticketId),
        KnowledgeBase::map).stream().findFirst();
  }

  private static Article map(ResultSet rs, int row) throws SQLException {
    return new Article(rs.getLong("id"), rs.getString("title"), rs.getString("symptom"), rs.getString("root_cause"),
        rs.getString("solution"), rs.getString("category"), rs.getString("keywords"), rs.getBoolean("is_public"),
        rs.getString("ticket_id"), rs.getString("author"), instant(rs, "created_at"), instant(rs, "updated_at"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    return rs.getObject(column, OffsetDateTime.class).toInstant();
  }
}
