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
    assertThat(lead.withoutXsrfToken().send("GET", "/api/tickets", null).statusCode()).isEqualTo(401);
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
