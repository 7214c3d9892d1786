// Normalisation, tokenisation, query parsing and highlighting shared by the search engines (issue #3).
import { describe, expect, it } from "vitest";
import { AppError } from "#app/utils/errors";
import { filterValue, markFormatted, meiliQueryText, stemsField } from "#search/meilisearch";
import { decodeCursor, encodeCursor, hashtagKey, parseQuery, stripParticle } from "#search/query";
import { postKey } from "#search/sqlite-fts";
import { htmlToPlainText, indexTokens, normalizeText, snippet } from "#search/text";

describe("normalizeText", () => {
  it("applies NFKC, lower-case and Latin diacritic folding", () => {
    expect(normalizeText("ＡＰＩ Ｇａｔｅｗａｙ １２３")).toBe("api gateway 123");
    expect(normalizeText("Café MÜLLER Straße")).toBe("cafe muller strasse");
    expect(normalizeText("ｶﾀｶﾅ")).toBe("カタカナ");
    expect(normalizeText("회의".normalize("NFD"))).toBe("회의");
    expect(normalizeText("İstanbul")).toBe("istanbul");
    expect(normalizeText("ΟΔΟΣ")).toBe("οδοσ");
  });
});

describe("indexTokens", () => {
  it("emits words, splits letters from digits and bigrams CJK runs with their last character", () => {
    expect(indexTokens("서울은 Seoul에서 DEPLOYMENT")).toBe("서울 울은 은 seoul 에서 서 deployment");
    expect(indexTokens("FY2024 k8s")).toBe("fy 2024 k 8 s");
    expect(indexTokens("팀")).toBe("팀");
    expect(indexTokens("会議室")).toBe("会議 議室 室");
    expect(indexTokens(`"*" NEAR(a) -b ^c`)).toBe("near a b c");
  });
});

describe("parseQuery", () => {
  it("reads words, Korean runs, phrases, hashtags and authors", () => {
    const p = parseQuery('서울은 deplo "release notes" #회의 from:minsu.kim fy2024', "posts");
    expect(p.terms).toEqual([
      { kind: "cjk", text: "서울은", variants: ["서울은", "서울"] },
      { kind: "word", text: "deplo", prefix: true },
      { kind: "phrase", text: "release notes", tokens: ["release", "notes"] },
      { kind: "phrase", text: "fy2024", tokens: ["fy", "2024"] },
    ]);
    expect(p.hashtags).toEqual(["회의"]);
    expect(p.authors).toEqual(["minsu.kim"]);
  });

  it("keeps #tag and from: as text outside posts", () => {
    expect(parseQuery("#회의", "hashtags").terms).toEqual([{ kind: "cjk", text: "회의", variants: ["회의"] }]);
    expect(parseQuery("from:kim", "people").terms.map((t) => t.kind === "word" && t.text)).toEqual(["from", "kim"]);
  });

  it("strips a particle only when two syllables remain", () => {
    expect(stripParticle("서울은")).toBe("서울");
    expect(stripParticle("부산에서")).toBe("부산");
    expect(stripParticle("회의")).toBeNull();
    expect(stripParticle("회의는")).toBe("회의");
    expect(stripParticle("API")).toBeNull();
  });

  it("refuses empty, unsearchable and too long queries", () => {
    for (const q of ["", "   ", "***", '"', "^:-"]) {
      expect(() => parseQuery(q, "posts")).toThrowError(AppError);
    }
    expect(() => parseQuery("x".repeat(501), "posts")).toThrowError(
      expect.objectContaining({ code: "search_query_too_long" }),
    );
    expect(parseQuery("x".repeat(500), "posts").terms).toHaveLength(1);
  });

  it("normalises hashtag keys like post hashtags, width included", () => {
    expect(hashtagKey("#ＡＩ")).toBe("ai");
    expect(hashtagKey("＃회의,")).toBe("회의");
    expect(hashtagKey("#123")).toBeNull();
  });
});

describe("highlighting", () => {
  it("escapes before marking and maps matches back to the original text", () => {
    const terms = parseQuery("회의 deplo cafe", "posts").highlight;
    expect(snippet(`<b>회의</b> & Deployment at Ｃａｆé`, terms)).toBe(
      "&lt;b&gt;<mark>회의</mark>&lt;/b&gt; &amp; <mark>Deployment</mark> at <mark>Ｃａｆé</mark>",
    );
  });

  it("cuts long text around the first match", () => {
    const text = `${"lorem ipsum ".repeat(40)}the deployment went fine ${"dolor sit ".repeat(40)}`;
    const s = snippet(text, parseQuery("deplo", "posts").highlight, 80);
    expect(s.startsWith("…")).toBe(true);
    expect(s.endsWith("…")).toBe(true);
    expect(s).toContain("<mark>deployment</mark>");
    expect(s.replace(/<\/?mark>/g, "").length).toBeLessThan(100);
  });

  it("turns rendered HTML into text", () => {
    expect(
      htmlToPlainText('<p>Hello <a href="/x">@minsu</a> &amp; <strong>team</strong></p><p>둘째 &#54620;</p>'),
    ).toBe("Hello @minsu & team 둘째 한");
  });
});

describe("Meilisearch helpers", () => {
  it("escapes filter values", () => {
    expect(filterValue('a" OR visibility = "group:9')).toBe('"a\\" OR visibility = \\"group:9"');
    expect(filterValue("back\\slash")).toBe('"back\\\\slash"');
  });

  it("escapes formatted text, then marks sentinel ranges", () => {
    expect(markFormatted("<b>\ue000회의\ue001</b> & \ue000x")).toBe(
      "&lt;b&gt;<mark>회의</mark>&lt;/b&gt; &amp; <mark>x</mark>",
    );
  });

  it("sends only parsed words and phrases", () => {
    expect(meiliQueryText(parseQuery('-secret NEAR("a" "b c") 회의', "posts"))).toBe('secret near a "b c" 회의');
  });

  it("sends a word's English stem first and the word as typed last, for Meilisearch's stems field (issue #13)", () => {
    const stems = { stems: true };
    expect(meiliQueryText(parseQuery("deployment friday", "posts"), stems)).toBe("deploy friday deployment");
    expect(meiliQueryText(parseQuery('"deployment" deploy', "posts"), stems)).toBe("deployment deploy");
    expect(meiliQueryText(parseQuery("engineering", "people"))).toBe("engineering");
    expect(stemsField("The deployment", "Deployed, deploying! 배포 deploy")).toBe("deploy");
    expect(stemsField("Meetings about onboarding", "")).toBe("meet onboard");
  });
});

describe("keys and cursors", () => {
  it("orders post keys by time, then id", () => {
    expect(postKey(1000, 5)).toBeLessThan(postKey(1000, 6));
    expect(postKey(1000, 1023)).toBeLessThan(postKey(1001, 0));
    expect(postKey(-5, 1)).toBe(1);
  });

  it("round-trips cursors and refuses garbage", () => {
    expect(decodeCursor(encodeCursor({ s: "n", k: 42 }))).toEqual({ s: "n", k: 42 });
    expect(() => decodeCursor("%%%")).toThrowError(AppError);
    expect(() => decodeCursor(Buffer.from("[1]").toString("base64url"))).toThrowError(AppError);
  });
});
