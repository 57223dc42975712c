package io.opsdesk.identity;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.IdentityServiceImpl;

/**
 * Camunda's identity service with two changes at the one place every password passes:
 * <ul>
 * <li>password checks made for an HTTP client (/api and engine REST Basic authentication, the
 * webapps' login, {@code identity/verify}, the "your password" of a credentials change) go through
 * the {@link LoginThrottle}; Camunda's own per-user lock is switched off (see {@link IdentitySetup}),
 * so nobody can lock another person out;</li>
 * <li>a password refused by the policy is the caller's mistake: {@link WeakPasswordException}
 * (400 over REST) instead of Camunda's bare engine exception (500).</li>
 * </ul>
 */
public class ThrottledIdentityService extends IdentityServiceImpl {

  /** SaveUserCmd's message when {@code enablePasswordPolicy} refuses a password. */
  static final String CAMUNDA_POLICY_REFUSAL = "Password does not match policy";

  private final LoginThrottle throttle;

  public ThrottledIdentityService(LoginThrottle throttle) {
    this.throttle = throttle;
  }

  @Override
  public boolean checkPassword(String userId, String password) {
    String client = throttle.currentClient();
    if (client == null) {
      return super.checkPassword(userId, password);
    }
    return throttle.attempt(client, userId, () -> super.checkPassword(userId, password));
  }

  @Override
  public void saveUser(User user, boolean skipPasswordPolicy) {
    try {
      super.saveUser(user, skipPasswordPolicy);
    } catch (ProcessEngineException e) {
      if (CAMUNDA_POLICY_REFUSAL.equals(e.getMessage())) {
        throw new WeakPasswordException(user.getId());
      }
      throw e;
    }
  }

  /** A password the policy refuses; the user was not saved. */
  public static class WeakPasswordException extends BadUserRequestException {

    WeakPasswordException(String userId) {
      super("The password of " + userId + " was refused: a password " + PasswordRules.INSTANCE.summary());
    }
  }
}
