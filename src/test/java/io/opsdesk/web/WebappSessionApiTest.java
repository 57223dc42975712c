package io.opsdesk.web;

import java.net.http.HttpResponse;

import io.opsdesk.hardening.Http;
import io.opsdesk.testsupport.OpsDeskTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * /api read through the Camunda webapps' login session (the Cockpit plugin's way), and only read: any
 * other method, a request without the session's XSRF token, and no session at all are refused.
 */
class WebappSessionApiTest extends OpsDeskTest {

  @Test
  void aCockpitSessionReadsTicketsAsItsUser() {
    Http lead = Http.session(rest.getRootUri(), "lead", "lead", "cockpit");
    HttpResponse<String> tickets = lead.send("GET", "/api/tickets", null);
    assertThat(tickets.statusCode()).isEqualTo(200);
    assertThat(tickets.body()).contains("\"items\"");
    // The session keeps its id: the webapp's other requests, sent meanwhile with it, still count.
    assertThat(tickets.headers().allValues("Set-Cookie")).isEmpty();
    assertThat(lead.send("GET", "/api/tickets", null).statusCode()).isEqualTo(200);
  }

  @Test
  void theSessionOnlyReads() {
    Http lead = Http.session(rest.getRootUri(), "lead", "lead", "cockpit");
    String request = "{\"requesterName\":\"Li Wei\",\"channel\":\"PHONE\",\"subject\":\"s\",\"description\":\"d\"}";
    assertThat(lead.send("POST", "/api/tickets", request).statusCode()).isEqualTo(401);
    assertThat(lead.send("DELETE", "/api/assets/none", null).statusCode()).isEqualTo(401);
  }

  @Test
  void theSessionReadsOnlyWithItsXsrfToken() {
    Http lead = Http.session(rest.getRootUri(), "lead", "lead", "cockpit");
    HttpResponse<String> refused = lead.withoutXsrfToken().send("GET", "/api/tickets", null);
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"OpsDesk\"");
  }

  /** A webapp script whose session has ended gets 401 without a Basic challenge (no password dialog over Cockpit). */
  @Test
  void anEndedSessionIsToldWithoutAPasswordDialog() {
    Http lead = Http.session(rest.getRootUri(), "lead", "lead", "cockpit");
    assertThat(lead.send("POST", "/camunda/api/admin/auth/user/default/logout", "").statusCode()).isLessThan(400);
    HttpResponse<String> ended = lead.send("GET", "/api/tickets", null);
    assertThat(ended.statusCode()).isEqualTo(401);
    assertThat(ended.headers().firstValue("WWW-Authenticate")).isEmpty();
  }

  @Test
  void noSessionNoAccess() {
    assertThat(Http.anonymous(rest.getRootUri()).send("GET", "/api/tickets", null).statusCode()).isEqualTo(401);
  }

  @Test
  void aRequesterSessionSeesWhatTheRequesterMay() {
    Http alice = Http.session(rest.getRootUri(), "alice", "alice", "tasklist");
    assertThat(alice.send("GET", "/api/tickets", null).statusCode()).isEqualTo(200);
    assertThat(alice.send("GET", "/api/inspections", null).statusCode()).isEqualTo(403);
  }

  @Test
  void basicCallersStayStateless() {
    HttpResponse<String> basic = Http.basic(rest.getRootUri(), "lead", "lead").send("GET", "/api/tickets", null);
    assertThat(basic.statusCode()).isEqualTo(200);
    assertThat(basic.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("JSESSIONID"));
  }
}
