package io.opsdesk.identity;

import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** What /api knows of the person calling: their Camunda groups (each an authority of that name). */
public final class Caller {

  private Caller() {
  }

  public static Set<String> groups(Authentication caller) {
    return caller.getAuthorities().stream().map(GrantedAuthority::getAuthority).collect(Collectors.toSet());
  }

  /** Staff work on everybody's requests: service desk, support groups, supervisors, administrators. */
  public static boolean isStaff(Authentication caller) {
    return groups(caller).stream().anyMatch(OpsDeskGroups.STAFF::contains);
  }

  public static boolean isInAny(Authentication caller, String... groupIds) {
    Set<String> groups = groups(caller);
    for (String groupId : groupIds) {
      if (groups.contains(groupId)) {
        return true;
      }
    }
    return false;
  }
}
