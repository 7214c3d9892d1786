// Hangul-aware matching (issue #13 items 1–3): 초성, the syllable being typed, one-jamo typos — search/hangul.ts,
// the query's open term, and the initials Meilisearch indexes.
import { describe, expect, it } from "vitest";
import {
  consonantIndex,
  initialsLookup,
  initialsTokens,
  jamoPatterns,
  matchName,
  NameMatch,
  typoVariants,
} from "#search/hangul";
import { meiliInitials } from "#search/meilisearch";
import { parseQuery } from "#search/query";
import { normalizeText } from "#search/text";

const n = normalizeText;
const names = (q: string, list: string[], opts = { initials: true, open: true }) => {
  const p = jamoPatterns(n(q), opts);
  return list.map((name) => matchName(n(name), p ?? [], undefined, opts.initials)?.kind ?? null);
};

describe("consonants", () => {
  it("reads compatibility, leading and trailing jamo as the same consonant", () => {
    // NFKC turns what keyboards type (ㄱ U+3131) into the leading jamo U+1100.
    expect(n("ㄱ")).toBe("\u1100");
    expect(consonantIndex(0x3131)).toBe(0);
    expect(consonantIndex(0x1100)).toBe(0);
    expect(consonantIndex(0x11a8)).toBe(0);
    expect(consonantIndex(0x314e)).toBe(18);
    expect(consonantIndex("가".codePointAt(0)!)).toBe(-1);
    expect(consonantIndex("a".codePointAt(0)!)).toBe(-1);
  });
});

describe("matchName", () => {
  it("matches initials, mixed syllables and abbreviations by closeness", () => {
    expect(names("ㄱㅁㅅ", ["김민수", "김민수진", "박김민수", "고민상", "이지은"])).toEqual([
      NameMatch.Whole,
      NameMatch.Prefix,
      NameMatch.Inside,
      NameMatch.Whole,
      null,
    ]);
    expect(names("김ㅁㅅ", ["김민수", "강민수"])).toEqual([NameMatch.Whole, null]);
    expect(names("ㅅㅍ", ["신제품", "제품 신품", "품신"])).toEqual([NameMatch.Abbreviation, NameMatch.Word, null]);
  });

  it("completes the last syllable as an input method shows it mid-composition", () => {
    const open = { initials: false, open: true };
    expect(names("회으", ["회의", "회의실", "회사"], open)).toEqual([NameMatch.Whole, NameMatch.Prefix, null]);
    expect(names("회ㅇ", ["회의", "회사"], open)).toEqual([NameMatch.Whole, null]);
    expect(names("횡", ["회의", "횡단", "회사"], open)).toEqual([NameMatch.Whole, NameMatch.Prefix, null]);
    expect(names("배ㅍ", ["배포", "배달"], open)).toEqual([NameMatch.Whole, null]);
    expect(names("달", ["닭갈비"], open)).toEqual([NameMatch.Prefix]);
    // Finished typing: exact.
    expect(jamoPatterns(n("회으"), { initials: false, open: false })).toBeNull();
  });

  it("stays linear and bounded on long input", () => {
    const started = performance.now();
    expect(jamoPatterns(n("ㄱ".repeat(500)), { initials: true, open: true })).toBeNull();
    const p = jamoPatterns(n("ㄱ".repeat(24)), { initials: true, open: true })!;
    expect(matchName(n("김".repeat(5000)), p, undefined, true)?.kind).toBe(NameMatch.Prefix);
    expect(matchName(n("김 ".repeat(2500)), p, undefined, true)).toBeNull();
    expect(performance.now() - started).toBeLessThan(200);
  });
});

describe("initials in the index", () => {
  it("gives bigrams of the initials and the first initial paired with later ones", () => {
    expect(initialsTokens([n("김민수")])).toBe("\u1100\u1106 \u1106\u1109 \u1109 \u1100\u00b7\u1109");
    expect(initialsTokens(["abc"])).toBe("");
    expect(initialsLookup(n("ㄱ"))).toEqual({ prefix: "\u1100" });
    expect(initialsLookup(n("ㅅㅍ"))).toEqual({
      phrase: ["\u1109\u1111"],
      pairs: [["\u1109\u1111", "\u1109\u00b7\u1111"]],
    });
  });

  it("spells initials as ASCII words for Meilisearch, one per suffix", () => {
    expect(meiliInitials("김민수")).toBe("zzagj zzgj zzj");
    expect(meiliInitials("개발자 모임 (dev)")).toBe("zzahm zzhm zzm zzgl zzl");
    expect(meiliInitials("Emily")).toBe("");
  });
});

describe("typoVariants", () => {
  const vocab = new Map([
    ["온보", 5],
    ["보딩", 5],
    ["보등", 1],
    ["신제", 3],
    ["제품", 9],
    ["체크", 4],
    ["크리", 4],
    ["리스", 6],
    ["스트", 20],
    ["스타", 2],
  ]);
  const known = (bigrams: string[]) => new Map(bigrams.flatMap((b) => (vocab.has(b) ? [[b, vocab.get(b)!]] : [])));
  const posts = ["온보딩", "신제품", "체크리스트", "리스타트"];
  const found = (run: string) => posts.some((p) => p.includes(run));
  it("offers runs one jamo away that posts have, only when the run finds nothing", () => {
    expect(typoVariants("온보등", known, 3, found)).toEqual(["온보딩"]);
    expect(typoVariants("온보등", known, 3, () => true)).toEqual([]);
    expect(typoVariants("보등", known, 3, found)).toEqual([]);
    expect(typoVariants("신제퓸", known, 3, found)).toEqual(["신제품"]);
    // 체크리스타 has known bigrams but no post has it.
    expect(typoVariants("체크리스투", known, 3, found)).toEqual(["체크리스트"]);
    expect(typoVariants("onboard", known, 3, found)).toEqual([]);
  });
});

describe("parseQuery's open term", () => {
  it("is the last term of unquoted text that does not end in a space", () => {
    const p = parseQuery("배포 회으", "posts");
    expect(p.open).toBe(p.terms[1]);
    expect(parseQuery("회으 ", "posts").open).toBeUndefined();
    expect(parseQuery('"회으"', "posts").open).toBeUndefined();
    expect(parseQuery("회으 #공지", "posts").open).toBeUndefined();
  });
});
