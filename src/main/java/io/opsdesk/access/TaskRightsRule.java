package io.opsdesk.access;

import java.util.Collection;
import java.util.Objects;

/**
 * Who may change who works a task, free of the engine (enforced by {@link TaskRightsProvider}).
 * Taking a task for oneself is claiming it: only for those who may work it on their own account
 * (its candidates, or a grant on every task). Giving it to someone else, or taking it from its
 * assignee, needs TASK_ASSIGN. So TASK_ASSIGN alone never lets its holder work a task.
 */
final class TaskRightsRule {

  /** What the caller must hold for a change to go through. */
  enum Need {
    NOTHING,
    /** The caller may work the task without being its assignee. */
    OWN_WORK_RIGHT,
    /** TASK_ASSIGN (or UPDATE) on the task or its process definition. */
    TASK_ASSIGN
  }

  private TaskRightsRule() {
  }

  /**
   * @param caller the authenticated user, null for the engine itself (jobs, trusted code)
   * @param returnToOwner the change gives a resolved delegated task back to its owner
   */
  static Need assigneeChange(String caller, String oldAssignee, String newAssignee, boolean returnToOwner) {
    if (caller == null || Objects.equals(oldAssignee, newAssignee)) {
      return Need.NOTHING;
    }
    if (caller.equals(newAssignee)) {
      return Need.OWN_WORK_RIGHT;
    }
    if (newAssignee == null && caller.equals(oldAssignee) || returnToOwner) {
      return Need.NOTHING; // giving one's own task back
    }
    return Need.TASK_ASSIGN;
  }

  /** A new identity link (candidate or any other type) to a user or a group. */
  static Need newLink(String caller, Collection<String> callerGroups, String userId, String groupId) {
    if (caller == null) {
      return Need.NOTHING;
    }
    boolean toSelf = caller.equals(userId) || groupId != null && callerGroups != null && callerGroups.contains(groupId);
    return toSelf ? Need.OWN_WORK_RIGHT : Need.NOTHING;
  }

  static String assigneeRefusal(Need need, String caller, String task, String oldAssignee, String newAssignee) {
    if (need == Need.OWN_WORK_RIGHT) {
      return "User '" + caller + "' may not take " + task + " for themselves: only its candidates may claim it. "
          + "The right to assign tasks (TASK_ASSIGN) gives a task to someone else, never to oneself; "
          + "someone else who may assign it can assign it to you.";
    }
    if (newAssignee == null) {
      return "User '" + caller + "' may not take " + task + " away from '" + oldAssignee + "': "
          + "that needs the right to assign tasks (TASK_ASSIGN).";
    }
    return "User '" + caller + "' may claim " + task + " only for themselves: giving it to '" + newAssignee
        + "' needs the right to assign tasks (TASK_ASSIGN).";
  }

  static String linkRefusal(String caller, String task, String userId, String groupId) {
    String whom = userId != null ? "themselves" : "their own group '" + groupId + "'";
    return "User '" + caller + "' may not make " + whom + " a candidate of " + task
        + ": only those who may already work it may; someone else who may assign it can assign it to you.";
  }
}
