package io.opsdesk.knowledge;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.opsdesk.ticket.InputRules;
import io.opsdesk.ticket.InvalidInputException;
import io.opsdesk.ticket.TicketJournal;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * The knowledge base in the service-request model: the Verify form publishes an article
 * ({@link #prefill}, {@link #publish}), the Diagnose form shows similar ones ({@link #suggest}).
 * <p>
 * The article's fields have keys of their own ({@code articleTitle}, ...), never the request's
 * ({@code subject}, {@code solution}, ...): Tasklist submits every field it shows, so a field keyed
 * {@code solution} would write the request's solution again with whatever the article says.
 * Prefilled values are variables of the verify task's execution, not of the task: a completion
 * writes what it submits to the execution, where it replaces them (a task variable would hide the
 * submitted value). They end with the task ({@link #publish} removes them), published or not.
 */
@Component("knowledge")
public class KnowledgeTasks {

  static final String PUBLISH = "publishArticle";
  static final String TITLE = "articleTitle";
  static final String SYMPTOM = "articleSymptom";
  static final String ROOT_CAUSE = "articleRootCause";
  static final String SOLUTION = "articleSolution";
  static final String CATEGORY = "articleCategory";
  static final String KEYWORDS = "articleKeywords";
  static final String PUBLIC = "articlePublic";
  /** The article's fields, shown only while {@value #PUBLISH} is ticked. */
  static final List<String> ARTICLE_FIELDS = List.of(TITLE, SYMPTOM, ROOT_CAUSE, SOLUTION, CATEGORY, KEYWORDS, PUBLIC);

  /** Read-only text of the Diagnose form: the most similar articles. */
  static final String SUGGESTIONS = "knowledgeSuggestions";
  static final int MAX_SUGGESTIONS = 3;
  /** A query of the longest description is cut to this many terms, the first ones. */
  static final int MAX_QUERY_TERMS = 400;
  private static final int SOLUTION_PREVIEW = 160;
  static final String NONE_SIMILAR = "没有相似的知识文章。 No similar knowledge article.";

  private final KnowledgeBase knowledge;
  private final TicketJournal journal;

  public KnowledgeTasks(KnowledgeBase knowledge, TicketJournal journal) {
    this.knowledge = knowledge;
    this.journal = journal;
  }

  /**
   * Create listener of verify: fills the article's fields from the request, or from the article the
   * request already has (a verification after a reopen updates that article).
   */
  public void prefill(DelegateTask task) {
    Map<String, Object> fields = new LinkedHashMap<>();
    knowledge.byTicket(task.getExecution().getProcessBusinessKey()).ifPresentOrElse(article -> {
      fields.put(TITLE, article.title());
      fields.put(SYMPTOM, article.symptom());
      fields.put(ROOT_CAUSE, article.rootCause());
      fields.put(SOLUTION, article.solution());
      fields.put(CATEGORY, article.category());
      fields.put(KEYWORDS, article.keywords());
      fields.put(PUBLIC, article.visibleToRequesters());
    }, () -> {
      fields.put(TITLE, task.getVariable("subject"));
      fields.put(SYMPTOM, task.getVariable("description"));
      Object rootCause = task.getVariable("rootCause");
      fields.put(ROOT_CAUSE, InputRules.isBlank(rootCause) ? task.getVariable("diagnosis") : rootCause);
      fields.put(SOLUTION, task.getVariable("solution"));
      fields.put(CATEGORY, task.getVariable("category"));
    });
    fields.forEach((name, value) -> {
      if (value != null) {
        task.getExecution().setVariableLocal(name, value);
      }
    });
  }

  /**
   * Complete listener of verify: with {@value #PUBLISH} ticked on a verified resolution, publishes
   * the article of this request (its ticket is the process instance's business key) by whoever
   * completes the task. Ticked on a resolution that is not verified, the completion is refused: the
   * request goes back to Diagnose, and no article describes a fix that did not work.
   */
  public void publish(DelegateTask task) {
    boolean wanted = Boolean.TRUE.equals(task.getVariable(PUBLISH));
    Map<String, Object> values = new LinkedHashMap<>();
    ARTICLE_FIELDS.forEach(name -> values.put(name, task.getVariable(name)));
    task.removeVariable(PUBLISH);
    ARTICLE_FIELDS.forEach(task::removeVariable);
    if (!wanted) {
      return;
    }
    Map<String, String> errors = new LinkedHashMap<>();
    if (!Boolean.TRUE.equals(task.getVariable("verified"))) {
      errors.put(PUBLISH, "only a verified resolution is published (verified is not true)");
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException("Task " + task.getTaskDefinitionKey() + " not completed", errors);
    }
    ArticleDraft draft = new ArticleDraft(text(values.get(TITLE)), text(values.get(SYMPTOM)),
        text(values.get(ROOT_CAUSE)), text(values.get(SOLUTION)), (String) values.get(CATEGORY),
        text(values.get(KEYWORDS)), Boolean.TRUE.equals(values.get(PUBLIC)));
    String ticketId = task.getExecution().getProcessBusinessKey();
    String author = journal.currentActorOr(task.getAssignee());
    KnowledgeBase.Published published = knowledge.publish(ticketId, draft, author);
    Article article = published.article();
    journal.record(ticketId, author, published.created() ? "KNOWLEDGE_PUBLISHED" : "KNOWLEDGE_UPDATED",
        "Knowledge article " + article.id() + (published.created() ? " published" : " updated") + " ("
            + (article.visibleToRequesters() ? "public" : "staff only") + "): " + article.title());
  }

  /**
   * Create listener of diagnose: the articles most similar to the request's subject and description,
   * shown read-only on the form (a variable of the task, not an input: disabled fields are not
   * submitted). The handler sees staff-only articles too.
   */
  public void suggest(DelegateTask task) {
    String request = task.getVariable("subject") + "\n" + task.getVariable("description");
    Set<String> terms = Terms.of(request).stream().limit(MAX_QUERY_TERMS)
        .collect(Collectors.toCollection(LinkedHashSet::new));
    List<SearchHit> hits = knowledge.search(terms, false, MAX_SUGGESTIONS);
    String text = hits.isEmpty() ? NONE_SIMILAR : hits.stream().map(KnowledgeTasks::describe)
        .collect(Collectors.joining("\n\n"));
    task.setVariableLocal(SUGGESTIONS, text);
  }

  private static String describe(SearchHit hit) {
    Article article = hit.article();
    String solution = article.solution().strip().replaceAll("\\s+", " ");
    if (solution.length() > SOLUTION_PREVIEW) {
      solution = solution.substring(0, SOLUTION_PREVIEW - 1) + "…";
    }
    return "#" + article.id() + " " + article.title() + " (" + article.ticketId() + ")\n" + solution;
  }

  private static String text(Object value) {
    return InputRules.isBlank(value) ? null : ((String) value).strip();
  }
}
