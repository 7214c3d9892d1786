// Every page's <title> is translated and names the page (issue #12 item 11): each route's meta function, given the
// root loader's locale among its matches, answers "<page> · Sori" in that language — with and without its data.
import type { MetaDescriptor } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { meta as profileMeta } from "#app/routes/people.$handle";
import { meta as groupMeta } from "#app/routes/groups.$slug";
import { meta as homeMeta } from "#app/routes/home";
import { meta as threadMeta } from "#app/routes/posts.$postId";

type Meta = (args: {
  data: unknown;
  matches: unknown;
  params: object;
  location: object;
  error?: unknown;
}) => MetaDescriptor[] | undefined;

const modules = import.meta.glob<{ meta?: Meta; default?: unknown }>("/app/routes/*.tsx", { eager: true });

function titleOf(fn: Meta, locale: "ko" | "en", data?: unknown) {
  const found = fn({
    data,
    params: {},
    location: { pathname: "/", search: "", hash: "" },
    matches: [{ id: "root", data: { locale } }],
  })?.find((d): d is { title: string } => "title" in d);
  return found?.title;
}

describe("page titles", () => {
  const pages = Object.entries(modules).filter(([, m]) => m.default);

  it("every page has a meta function", () => {
    expect(pages.length).toBeGreaterThan(30);
    expect(pages.filter(([, m]) => !m.meta).map(([path]) => path)).toEqual([]);
  });

  it.each(pages.filter(([, m]) => m.meta).map(([path, m]) => [path, m.meta!]))(
    "%s names itself in Korean and English",
    (_, meta) => {
      const ko = titleOf(meta, "ko");
      const en = titleOf(meta, "en");
      expect(ko).toMatch(/^.+ · Sori$/);
      expect(en).toMatch(/^.+ · Sori$/);
      expect(ko).toMatch(/\p{Script=Hangul}/u);
      expect(en).not.toMatch(/\p{Script=Hangul}/u);
    },
  );

  it("names the page by what it shows once the data is there", () => {
    expect(titleOf(homeMeta as Meta, "ko")).toBe("홈 · Sori");
    expect(titleOf(homeMeta as Meta, "en")).toBe("Home · Sori");
    expect(titleOf(profileMeta as Meta, "ko", { profile: { name: "김민수" } })).toBe("김민수 · Sori");
    expect(titleOf(groupMeta as Meta, "en", { group: { name: "Design" } })).toBe("Design · Sori");
    const thread = { thread: { root: { title: "English title", author: { name: "Jane Park" } } } };
    expect(titleOf(threadMeta as Meta, "ko", thread)).toBe("English title · Sori");
  });
});
