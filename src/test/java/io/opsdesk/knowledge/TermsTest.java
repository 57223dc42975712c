package io.opsdesk.knowledge;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The search terms (README "Knowledge base", How search ranks). */
class TermsTest {

  @Test
  void chineseGivesOverlappingCharacterPairs() {
    assertThat(Terms.of("邮件发送失败")).containsExactly("邮件", "件发", "发送", "送失", "失败");
    assertThat(Terms.of("邮件服务器无法发送邮件")).contains("邮件", "发送").doesNotContain("邮件发送");
    assertThat(Terms.of("盘 坏了")).containsExactly("盘", "坏了");
  }

  @Test
  void otherTextGivesLowerCasedWordsWithoutFillers() {
    assertThat(Terms.of("The VPN connection drops, every hour!")).containsExactly("vpn", "connection", "drops", "every", "hour");
    assertThat(Terms.of("a I x 42 is")).containsExactly("42");
  }

  @Test
  void mixedAndFullWidthTextIsSplitByScript() {
    assertThat(Terms.of("ＶＰＮ连接失败 error-code 0x80")).containsExactly("vpn", "连接", "接失", "失败", "error", "code", "0x80");
  }

  @Test
  void aLongWordIsCut() {
    assertThat(Terms.of("x".repeat(100))).singleElement().satisfies(term -> assertThat(term).hasSize(Terms.MAX_LENGTH));
  }
}
