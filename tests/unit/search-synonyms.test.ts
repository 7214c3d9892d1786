// The synonym dictionary and query expansion (issue #13 item 5, search/synonyms.ts).
import { describe, expect, it } from "vitest";
import { parseQuery } from "#search/query";
import { DEFAULT_SYNONYMS } from "#search/synonyms-default";
import {
  MAX_SYNONYMS,
  meiliSynonyms,
  normalizeSynonymTerm,
  SynonymIndex,
  synonymUnits,
  termProblem,
} from "#search/synonyms";

describe("the shipped dictionary", () => {
  it("has at least 200 Korean and English workplace terms in groups of two or more valid, normalised terms", () => {
    const terms = new Set(DEFAULT_SYNONYMS.flat());
    expect(terms.size).toBeGreaterThanOrEqual(200);
    expect([...terms].filter((t) => /[가-힣]/.test(t)).length).toBeGreaterThanOrEqual(200);
    for (const group of DEFAULT_SYNONYMS) {
      expect(new Set(group).size, group.join(",")).toBe(group.length);
      expect(group.length, group.join(",")).toBeGreaterThanOrEqual(2);
      for (const t of group) {
        expect(termProblem(t), t).toBeNull();
        expect(normalizeSynonymTerm(t), t).toBe(t);
        // One Korean syllable alone would match inside every longer word (팀 in 팀장).
        expect(/^[가-힣]$/.test(t), t).toBe(false);
      }
    }
  });

  it("holds the pairs the issue names", () => {
    const index = new SynonymIndex(DEFAULT_SYNONYMS);
    expect(index.of("배포")).toEqual(expect.arrayContaining(["deploy", "release", "devops"]));
    expect(index.of("deploy")).toEqual(expect.arrayContaining(["배포", "devops", "데브옵스"]));
    expect(index.of("회의")).toContain("meeting");
    expect(index.of("휴가")).toEqual(expect.arrayContaining(["vacation", "leave", "연차"]));
    expect(index.of("연차")).toContain("vacation");
    expect(index.of("채용")).toContain("hiring");
    expect(index.of("온보딩")).toContain("onboarding");
    expect(index.of("장애")).toEqual(expect.arrayContaining(["incident", "outage"]));
    // No false friends: PR is a pull request here, not public relations; 인사 alone is also a greeting.
    expect(index.of("pr")).toEqual([]);
    expect(index.of("인사")).toEqual([]);
  });
});

describe("expansion", () => {
  const index = new SynonymIndex([
    ["배포", "deploy", "release"],
    ["코드 리뷰", "code review"],
    ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"],
  ]);

  it("turns words that form an entry into one unit, and leaves other words alone", () => {
    const units = synonymUnits(parseQuery("please code review 배포를", "posts").terms, index);
    expect(units.map((u) => u.terms.map((t) => t.text))).toEqual([["please"], ["code", "review"], ["배포를"]]);
    expect(units[1].synonyms).toEqual([{ kind: "phrase", text: "코드 리뷰", tokens: ["코드", "드", "리뷰"] }]);
    expect(units[2].synonyms.map((t) => t.text)).toEqual(["deploy", "release"]);
    expect(units[0].synonyms).toEqual([]);
  });

  it("caps the alternatives of one term", () => {
    expect(index.of("a")).toHaveLength(MAX_SYNONYMS);
  });

  it("gives Meilisearch every term with the others of its groups", () => {
    expect(meiliSynonyms([["배포", "Deploy", "release"]])).toEqual({
      배포: ["deploy", "release"],
      deploy: ["배포", "release"],
      release: ["배포", "deploy"],
    });
  });

  it("refuses terms that a query or the CSV would read otherwise", () => {
    expect(termProblem("a,b")).toBe("badCharacter");
    expect(termProblem("#tag")).toBe("badCharacter");
    expect(termProblem('say "hi"')).toBe("badCharacter");
    expect(termProblem("---")).toBe("noLetter");
    expect(termProblem("")).toBe("empty");
    expect(termProblem("x".repeat(65))).toBe("tooLong");
    expect(termProblem("code review")).toBeNull();
  });
});
