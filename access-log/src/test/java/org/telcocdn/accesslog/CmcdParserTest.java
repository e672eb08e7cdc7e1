package org.telcocdn.accesslog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CmcdParserTest {
  @Test
  void parse_everyKeyOfTheSpecInItsType() {
    Cmcd c =
        CmcdParser.parse(
            "br=3200,bl=21300,bs,cid=\"movie-1\",d=4004,dl=18500,mtp=48100,"
                + "nor=\"../seg_00002.m4s\",nrr=\"12323-48763\",ot=v,pr=1.08,rtp=12000,sf=h,sid=\"6e2fb550-c457\","
                + "st=v,su,tb=6000,v=1");
    assertThat(c.malformed()).isEmpty();
    assertThat(c.integer("br")).isEqualTo(3200);
    assertThat(c.integer("bl")).isEqualTo(21300);
    assertThat(c.flag("bs")).isTrue();
    assertThat(c.flag("su")).isTrue();
    assertThat(c.contentId()).isEqualTo("movie-1");
    assertThat(c.sessionId()).isEqualTo("6e2fb550-c457");
    assertThat(c.integer("d")).isEqualTo(4004);
    assertThat(c.integer("dl")).isEqualTo(18500);
    assertThat(c.integer("mtp")).isEqualTo(48100);
    assertThat(c.string("nor")).isEqualTo("../seg_00002.m4s");
    assertThat(c.string("nrr")).isEqualTo("12323-48763");
    assertThat(c.string("ot")).isEqualTo("v");
    assertThat(c.values().get("pr")).isEqualTo(1.08);
    assertThat(c.integer("rtp")).isEqualTo(12000);
    assertThat(c.string("sf")).isEqualTo("h");
    assertThat(c.string("st")).isEqualTo("v");
    assertThat(c.integer("tb")).isEqualTo(6000);
    assertThat(c.integer("v")).isEqualTo(1);
  }

  @Test
  void parse_malformedValuesAreRecordedAndTheRestKept() {
    Cmcd c =
        CmcdParser.parse(
            "br=fast,bl=-,ot=movie,sid=unquoted,pr=x,bs=yes,cid=\"ok\",UPPER=1,mtp=900");
    assertThat(c.malformed()).containsExactly("br", "bl", "ot", "sid", "pr", "bs", "UPPER");
    assertThat(c.contentId()).isEqualTo("ok");
    assertThat(c.integer("mtp")).isEqualTo(900);
    assertThat(c.integer("br")).isEqualTo(-1);
  }

  @Test
  void parse_garbageNeverThrows() {
    for (String junk :
        new String[] {
          "", ",,,", "=", "\"", "sid=\"unterminated", "br==3", "a=\"\\x\"", "\u0000\u00ff"
        }) {
      Cmcd c = CmcdParser.parse(junk);
      assertThat(c.values()).doesNotContainKey("sid");
    }
    assertThat(CmcdParser.parse("x".repeat(10_000)).malformed()).hasSize(1);
  }

  @Test
  void fromQuery_decodesTheCmcdParameterOnly() {
    Cmcd c =
        CmcdParser.fromQuery("foo=1&CMCD=br%3D3200%2Cnor%3D%22a%2Cb%22%2Csid%3D%22s1%22&bar=2");
    assertThat(c.integer("br")).isEqualTo(3200);
    assertThat(c.string("nor")).isEqualTo("a,b");
    assertThat(c.sessionId()).isEqualTo("s1");
    assertThat(CmcdParser.fromQuery("foo=1").isEmpty()).isTrue();
    assertThat(CmcdParser.fromQuery("CMCD=%zz").malformed()).isNotEmpty();
  }

  @Test
  void fromHeaders_joinsTheFourHeaders() {
    Cmcd c = CmcdParser.fromHeaders("br=800,ot=v", "bl=1200", "sid=\"h1\",cid=\"t\"", null);
    assertThat(c.integer("br")).isEqualTo(800);
    assertThat(c.integer("bl")).isEqualTo(1200);
    assertThat(c.sessionId()).isEqualTo("h1");
    assertThat(CmcdParser.fromHeaders(null, null, null, " ").isEmpty()).isTrue();
  }

  @Test
  void parse_spacesEscapesAndCustomKeys() {
    Cmcd c =
        CmcdParser.parse(
            " br = 800 , sid=\"a\\\"b,c\" ,com.example-x=\"q\",com.example-y=7,bs=?0, ot=av,sid2=\"\\");
    assertThat(c.integer("br")).isEqualTo(800);
    assertThat(c.sessionId()).isEqualTo("a\"b,c");
    assertThat(c.string("com.example-x")).isEqualTo("q");
    assertThat(c.values().get("com.example-y")).isEqualTo("7");
    assertThat(c.flag("bs")).isFalse();
    assertThat(c.values()).containsKey("bs");
    assertThat(c.string("ot")).isEqualTo("av");
    assertThat(c.values().get("sid2")).as("a custom key keeps its raw text").isEqualTo("\"\\");
  }

  @Test
  void fromQuery_plusIsASpaceAndNonAsciiIsUtf8() {
    assertThat(CmcdParser.fromQuery("CMCD=cid%3D%22a+b%22").contentId()).isEqualTo("a b");
    assertThat(CmcdParser.fromQuery("CMCD=nor%3D%22%C3%A9%22").malformed())
        .containsExactly("nor"); // sf-strings are ASCII
    assertThat(CmcdParser.fromQuery("a=1&CMCD=br%3D5").integer("br")).isEqualTo(5);
    assertThat(CmcdParser.fromQuery("xCMCD=br%3D5").isEmpty()).isTrue();
    assertThat(CmcdParser.fromQuery("CMCD=br%3").malformed()).isNotEmpty();
  }
}
