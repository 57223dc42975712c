package io.opsdesk.inspection.redfish;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Walks Redfish resources: follows {@code @odata.id} links, reads collections page by page
 * ({@code Members@odata.nextLink}), and asks for members in place with {@code $expand} only when the
 * service root says the BMC supports it (falling back to one GET per member when it then refuses).
 */
final class RedfishReader {

  // A BMC that keeps sending next links must not keep the inspection busy until the deadline.
  private static final int MAX_PAGES = 50;

  private final RedfishSession session;
  private final JsonNode root;
  private String expandQuery;

  private RedfishReader(RedfishSession session, JsonNode root) {
    this.session = session;
    this.root = root;
    this.expandQuery = expandQuery(root.path("ProtocolFeaturesSupported").path("ExpandQuery"));
  }

  /** Reads the service root and returns a reader over it; {@link #root()} gives the root itself. */
  static RedfishReader open(RedfishSession session) throws BmcFailure {
    return new RedfishReader(session, session.get("/redfish/v1"));
  }

  JsonNode root() {
    return root;
  }

  boolean expands() {
    return expandQuery != null;
  }

  /** The resource a link object ({@code {"@odata.id": ...}}) points to; null when there is no link. */
  JsonNode follow(JsonNode link) throws BmcFailure {
    String path = link.path("@odata.id").asText(null);
    return path == null ? null : session.get(path);
  }

  /** The resource at a path of this service (a DataSourceUri, say). */
  JsonNode resource(String path) throws BmcFailure {
    return session.get(path);
  }

  /** The members of the collection a link points to, across all pages; empty when there is no link. */
  List<JsonNode> members(JsonNode link) throws BmcFailure {
    String path = link.path("@odata.id").asText(null);
    if (path == null) {
      return List.of();
    }
    if (expandQuery != null) {
      try {
        return pages(path + (path.contains("?") ? "&" : "?") + expandQuery);
      } catch (BmcFailure e) {
        if (e.httpStatus() != 400 && e.httpStatus() != 501) {
          throw e;
        }
        // Advertised but refused (some BMCs do): read member by member from now on.
        expandQuery = null;
      }
    }
    return pages(path);
  }

  private List<JsonNode> pages(String first) throws BmcFailure {
    List<JsonNode> members = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    String next = first;
    while (next != null && seen.add(next)) {
      if (seen.size() > MAX_PAGES) {
        throw new BmcFailure("collection " + first + " has more than " + MAX_PAGES + " pages");
      }
      JsonNode page = session.get(next);
      for (JsonNode member : page.path("Members")) {
        members.add(expanded(member) ? member : session.get(member.path("@odata.id").asText(null)));
      }
      next = page.path("Members@odata.nextLink").asText(null);
    }
    return members;
  }

  // A member that carries more than its link was expanded in place by the BMC.
  private static boolean expanded(JsonNode member) {
    return member.size() > 1 || !member.has("@odata.id");
  }

  private static String expandQuery(JsonNode expand) {
    if (!expand.path("NoLinks").asBoolean(false) && !expand.path("ExpandAll").asBoolean(false)) {
      return null;
    }
    String what = expand.path("NoLinks").asBoolean(false) ? "." : "*";
    return expand.path("Levels").asBoolean(false) ? "$expand=" + what + "($levels=1)" : "$expand=" + what;
  }
}
