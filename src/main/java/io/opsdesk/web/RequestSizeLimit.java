package io.opsdesk.web;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

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
    chain.doFilter(new ReadBody(request, body), response);
  }

  private static void refuse(HttpServletResponse response, long limit) throws IOException {
    response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
    response.setContentType("application/json");
    response.getOutputStream().write(("{\"type\":\"PayloadTooLarge\",\"message\":\"The request body exceeds "
        + limit + " bytes\"}").getBytes(StandardCharsets.UTF_8));
  }

  /** The request with its body already read into memory. */
  private static final class ReadBody extends HttpServletRequestWrapper {

    private final byte[] body;

    ReadBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      InputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() throws IOException {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return false;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("Synchronous reads only");
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8));
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }

    @Override
    public int getContentLength() {
      return body.length;
    }
  }
}
