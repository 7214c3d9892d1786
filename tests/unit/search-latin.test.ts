// English stems, typo distances and "did you mean" rewriting for the engines (issue #13, search/stem.ts and
// search/typo.ts).
import { describe, expect, it } from "vitest";
import { englishStem, familyPrefix } from "#search/stem";
import { closeWords, editDistance, rewriteQuery, suggestionBudget, typoBudget } from "#search/typo";
import { normalizeText } from "#search/text";

describe("englishStem", () => {
  it("gives deploy, deployed, deploying and deployment one stem (Porter2)", () => {
    const stems = ["deploy", "deploys", "deployed", "deploying", "deployment", "deployments"].map(englishStem);
    expect(new Set(stems)).toEqual(new Set(["deploy"]));
    expect(englishStem("onboarding")).toBe("onboard");
    expect(englishStem("meetings")).toBe(englishStem("meeting"));
  });

  it("leaves short words, numbers and other scripts alone", () => {
    expect(englishStem("is")).toBeNull();
    expect(englishStem("2024")).toBeNull();
    expect(englishStem("회의")).toBeNull();
    expect(englishStem("a".repeat(65))).toBeNull();
  });

  it("finds a family in the range its members start with, even when a y became i", () => {
    const s = englishStem("happiness")!;
    expect(s).toBe(englishStem("happy"));
    expect("happy".startsWith(familyPrefix(s))).toBe(true);
    expect(familyPrefix("deploy")).toBe("deploy");
    expect("hiring".startsWith(familyPrefix(englishStem("hired")!))).toBe(true);
  });
});

describe("typo budgets and distance", () => {
  it("allows one typo from 5 letters and two from 9 when searching, more when suggesting", () => {
    expect(["depl", "deplo", "deployment", "onbording", "회의실회의"].map(typoBudget)).toEqual([0, 1, 2, 2, 0]);
    expect(["de", "dmo", "mrger", "dploy1", "deploymnt"].map(suggestionBudget)).toEqual([0, 1, 1, 0, 2]);
  });

  it("counts a transposition as one edit and stops past the budget", () => {
    expect(editDistance("depoly", "deploy", 2)).toBe(1);
    expect(editDistance("onbording", "onboarding", 2)).toBe(1);
    expect(editDistance("onbordnig", "onboarding", 2)).toBe(2);
    expect(editDistance("dapoly", "deploy", 1)).toBe(2);
    expect(editDistance("abc", "abcdefgh", 2)).toBe(3);
  });

  it("never corrects the first letter and prefers the closest, then the most frequent word", () => {
    const rows = [
      { term: "deploy", df: 5 },
      { term: "deplay", df: 50 },
      { term: "seploy", df: 500 },
      { term: "depolyx", df: 1 },
    ];
    expect(closeWords("depoly", 1, rows, 8).map((r) => r.term)).toEqual(["deploy", "depolyx"]);
    expect(closeWords("seploy", 1, rows, 8).map((r) => r.term)).toEqual([]);
    expect(closeWords("deploy", 1, rows, 1).map((r) => r.term)).toEqual(["deplay"]);
  });

  it("is linear in the word's length times the candidate's", () => {
    const long = "a".repeat(64);
    const started = performance.now();
    for (let i = 0; i < 5_000; i++) editDistance(long, "b".repeat(63) + "a", 2);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe("rewriteQuery", () => {
  it("replaces the corrected words and keeps the rest as typed", () => {
    const fix = new Map([
      ["dmeo", "demo"],
      ["fridya", "friday"],
    ]);
    expect(rewriteQuery("Dmeo  #dmeo from:dmeo 회의 Fridya!", fix, normalizeText)).toBe(
      "demo #dmeo from:dmeo 회의 friday!",
    );
    expect(rewriteQuery("nothing to fix", fix, normalizeText)).toBe("nothing to fix");
  });
});
