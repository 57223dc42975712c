package io.opsdesk.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.opsdesk.hardening.CachedBodyRequest;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps request bodies on the APIs, so nobody stores megabytes of text in a variable or fills the
 * server's memory: a body over the limit answers 413 before anything reads it. A body sent without a
 * length (chunked) is read up to the limit first. Model deployments get a larger limit.
 */
class RequestSizeLimit extends OncePerRequestFilter {

  private final long maxBytes;
  private final long maxDeploymentBytes;

  RequestSizeLimit(long maxBytes, long maxDeploymentBytes) {
    this.maxBytes = maxBytes;
    this.maxDeploymentBytes = maxDeploymentBytes;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long limit = request.getRequestURI().contains("/deployment/create") ? maxDeploymentBytes : maxBytes;
    long declared = request.getContentLengthLong();
    if (declared > limit) {
      refuse(response, limit);
      return;
    }
    if (declared >= 0) {
      chain.doFilter(request, response);
      return;
    }
    byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 1, limit + 1));
    if (body.length > limit) {
      refuse(response, limit);
      return;
    }
    chain.doFilter(new CachedBodyRequest(request, body), response);
  }

  private static void refuse(HttpServletResponse response, long limit) throws IOException {
    response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
    response.setContentType("application/json");
    response.getOutputStream().write(("{\"type\":\"PayloadTooLarge\",\"message\":\"The request body exceeds "
        + limit + " bytes\"}").getBytes(StandardCharsets.UTF_8));
  }
}
