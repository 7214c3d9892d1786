import { describe, expect, it } from "vitest";
import { formatRelative, localeFromAcceptLanguage, translate } from "#app/utils/i18n";
import { isCrossOriginMutation } from "#app/web/origin.server";

describe("language", () => {
  it("picks Korean or English from Accept-Language by preference", () => {
    expect(localeFromAcceptLanguage("ko-KR,ko;q=0.9,en;q=0.8")).toBe("ko");
    expect(localeFromAcceptLanguage("fr-FR, en;q=0.5, ko;q=0.7")).toBe("ko");
    expect(localeFromAcceptLanguage("de-DE")).toBe("en");
    expect(localeFromAcceptLanguage(null)).toBe("en");
  });

  it("formats relative dates in each language", () => {
    const now = Date.UTC(2026, 10, 22, 12);
    expect(formatRelative("en", now - 3 * 3600_000, now)).toBe("3 hours ago");
    expect(formatRelative("ko", now - 3 * 3600_000, now)).toBe("3시간 전");
    expect(formatRelative("ko", now - 24 * 3600_000, now)).toBe("어제");
  });

  it("uses the singular where the language has one", () => {
    expect(translate("en", "post.replies", { count: 1 })).toBe("1 reply");
    expect(translate("en", "post.replies", { count: 2 })).toBe("2 replies");
    expect(translate("en", "post.replies", { count: 0 })).toBe("0 replies");
    expect(translate("ko", "post.replies", { count: 1 })).toBe("답글 1개");
    expect(translate("en", "search.count", { count: 1, q: "회의" })).toBe("1 result for “회의”");
  });

  it("fills message variables", () => {
    expect(translate("ko", "error.postTooLong", { max: 10000 })).toBe("게시물은 최대 10000자까지 쓸 수 있습니다.");
  });
});

describe("cross-origin mutations", () => {
  const expectedOrigin = "https://sori.example";
  it("refuses a POST from another origin or an opaque one", () => {
    expect(
      isCrossOriginMutation({
        method: "POST",
        origin: "https://evil.example",
        secFetchSite: "cross-site",
        expectedOrigin,
      }),
    ).toBe(true);
    expect(isCrossOriginMutation({ method: "DELETE", origin: "null", secFetchSite: undefined, expectedOrigin })).toBe(
      true,
    );
    expect(
      isCrossOriginMutation({ method: "POST", origin: undefined, secFetchSite: "cross-site", expectedOrigin }),
    ).toBe(true);
  });
  it("allows same-origin posts, reads, and API clients that send no Origin", () => {
    expect(
      isCrossOriginMutation({
        method: "POST",
        origin: "https://sori.example",
        secFetchSite: "same-origin",
        expectedOrigin,
      }),
    ).toBe(false);
    expect(
      isCrossOriginMutation({
        method: "GET",
        origin: "https://evil.example",
        secFetchSite: "cross-site",
        expectedOrigin,
      }),
    ).toBe(false);
    expect(isCrossOriginMutation({ method: "POST", origin: undefined, secFetchSite: undefined, expectedOrigin })).toBe(
      false,
    );
  });
});
