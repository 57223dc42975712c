package io.opsdesk.notify;

import java.util.LinkedHashMap;
import java.util.Map;

import io.opsdesk.identity.Caller;
import io.opsdesk.identity.OpsDeskGroups;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The language OpsDesk mails a person in ({@link MailLanguages}): everybody reads and sets their own
 * at {@code /api/me/language}; administrators anybody's at {@code /api/users/{userId}/language}.
 * {@code PUT} takes {@code {"language": "zh-CN" | "en"}}.
 */
@RestController
public class LanguageController {

  private final MailLanguages languages;
  private final IdentityService identity;

  public LanguageController(MailLanguages languages, IdentityService identity) {
    this.languages = languages;
    this.identity = identity;
  }

  @GetMapping("/api/me/language")
  public Map<String, Object> mine(Authentication caller) {
    return view(caller.getName());
  }

  @PutMapping("/api/me/language")
  public Map<String, Object> chooseMine(@RequestBody(required = false) Map<String, Object> body, Authentication caller) {
    return choose(caller.getName(), body);
  }

  @GetMapping("/api/users/{userId}/language")
  public Map<String, Object> of(@PathVariable String userId, Authentication caller) {
    return view(administered(userId, caller));
  }

  @PutMapping("/api/users/{userId}/language")
  public Map<String, Object> chooseFor(@PathVariable String userId, @RequestBody(required = false) Map<String, Object> body,
      Authentication caller) {
    return choose(administered(userId, caller), body);
  }

  /** Another person's setting is an administrator's business, and only for a user that exists. */
  private String administered(String userId, Authentication caller) {
    if (!Caller.isInAny(caller, OpsDeskGroups.ADMINS)) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Only administrators set another user's language");
    }
    if (identity.createUserQuery().userId(userId).count() == 0) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No user " + userId);
    }
    return userId;
  }

  private Map<String, Object> choose(String userId, Map<String, Object> body) {
    languages.choose(userId, body == null ? null : body.get("language"));
    return view(userId);
  }

  private Map<String, Object> view(String userId) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("userId", userId);
    view.put("language", languages.of(userId));
    view.put("chosen", languages.chosenBy(userId).isPresent());
    view.put("supported", MailLanguages.SUPPORTED);
    return view;
  }
}
