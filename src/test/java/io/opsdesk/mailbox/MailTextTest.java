package io.opsdesk.mailbox;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** HTML to text, quoted history and bounds, without a server. */
class MailTextTest {

  @Test
  void htmlKeepsLinesAndDropsMarkup() {
    String html = """
        <!DOCTYPE html><html><head><meta charset="utf-8"><style>td{x:y}</style></head>
        <body><div>Dear desk,</div><div><br></div>
        <table><tr><td>Host</td><td>db-01</td></tr><tr><td>Error</td><td>disk &gt; 95%</td></tr></table>
        <pre>line 1
          line 2</pre>
        <p>a &lt; b &amp;&amp; c &#x4E2D;&#25991; &hellip; &unknown; 3 < 4</p></body></html>""";
    assertThat(HtmlText.toText(html)).isEqualTo(
        "Dear desk,\n\nHost db-01\nError disk > 95%\n\nline 1\nline 2\n\na < b && c 中文 … &unknown; 3 < 4");
  }

  @Test
  void entitiesAreDecodedOnce() {
    assertThat(HtmlText.toText("<p>&amp;lt; &#0; &#xD800; &nbsp;end</p>")).isEqualTo("&lt; \uFFFD \uFFFD end");
  }

  @Test
  void brokenAndHostileMarkupIsParsedAsABrowserWould() {
    String html = "<div>Hi <b>there<p>unclosed<script>document.write('<p>x</p>')</script></p>"
        + "<!-- <p>hidden</p> --><style><p>css</p></style><img src=x onerror=alert(1)>ok &#x1F600; &#xDFFF; \uE002end"
        + "</div><ol><li>one<li>two</ol>";
    assertThat(HtmlText.toText(html)).isEqualTo("Hi there\n\nunclosed\n\nok \uD83D\uDE00 \uFFFD end\n\n- one\n- two");
  }

  @Test
  void quotedHistoryIsLeftOut() {
    assertThat(MailText.withoutQuotedHistory("Thanks, fixed.\n\nOn Tue, 3 Mar 2026, Desk <d@x.org> wrote:\n> old"))
        .isEqualTo("Thanks, fixed.");
    assertThat(MailText.withoutQuotedHistory("好的\n\n-----原始邮件-----\n发件人: desk")).isEqualTo("好的");
    assertThat(MailText.withoutQuotedHistory("Yes\n> quoted\nstill mine")).isEqualTo("Yes\nstill mine");
    assertThat(MailText.withoutQuotedHistory("> only quoted")).isEqualTo("> only quoted");
  }

  @Test
  void boundedTextEndsWithTheNote() {
    String cut = MailText.bounded("x".repeat(50), 30, false, "[cut]");
    assertThat(cut).hasSize(30).endsWith("\n\n[cut]");
    assertThat(MailText.bounded("short", 30, false, "[cut]")).isEqualTo("short");
    assertThat(MailText.bounded("short", 30, true, "[cut]")).isEqualTo("short\n\n[cut]");
    assertThat(MailText.oneLine("a\r\nb\tc  d", 100)).isEqualTo("a b c d");
    assertThat(MailText.oneLine("abcdef", 4)).isEqualTo("abc…");
  }
}
