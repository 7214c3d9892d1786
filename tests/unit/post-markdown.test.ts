import { describe, it, expect } from "vitest";
import {
  MAX_POST_LENGTH,
  extractHashtags,
  extractMentionCandidates,
  normaliseTag,
  renderPost,
} from "#app/models/posts/markdown.server";
import { PostBodySchema, ProfileFieldsSchema } from "#app/utils/validation";

const KNOWN = new Set(["minsu", "minsu.kim", "jane", "o-neil", "dev_kim"]);
const isKnownHandle = (h: string) => KNOWN.has(h);
const render = (body: string) => renderPost(body, { isKnownHandle });

const REL = 'rel="nofollow noopener noreferrer"';
const tagLink = (tag: string, text: string) =>
  `<a href="/hashtags/${encodeURIComponent(tag)}" class="hashtag" ${REL}>#${text}</a>`;
const mentionLink = (handle: string) => `<a href="/people/${handle}" class="mention" ${REL}>@${handle}</a>`;

/** Every opening <a …> tag in the HTML. */
const anchors = (html: string) => html.match(/<a\b[^>]*>/g) ?? [];

describe("MAX_POST_LENGTH", () => {
  it("is 10 000 and is not enforced by renderPost", () => {
    expect(MAX_POST_LENGTH).toBe(10_000);
    const long = "#big ".repeat(4_000); // 20 000 chars
    const out = render(long);
    expect(out.hashtags).toEqual(["big"]);
    expect(anchors(out.html)).toHaveLength(4_000);
  });
});

describe("normaliseTag", () => {
  it.each([
    ["#Remix", "remix"],
    ["remix", "remix"],
    ["#LAUNCH2026", "launch2026"],
    ["#new_product", "new_product"],
    ["#신제품", "신제품"],
    ["  #Trim  ", "trim"],
    ["Straße", "straße"],
    ["#2026년", "2026년"],
    ["#हिन्दी", "हिन्दी"], // Devanagari with combining vowel signs / virama
  ])("normaliseTag(%j) → %j", (input, expected) => {
    expect(normaliseTag(input)).toBe(expected);
  });

  it("NFC-normalises decomposed input (NFD Hangul and é)", () => {
    const nfdKorean = "#신제품".normalize("NFD");
    expect(nfdKorean).not.toBe("#신제품");
    expect(normaliseTag(nfdKorean)).toBe("신제품");
    expect(normaliseTag("#Cafe\u0301")).toBe("café");
    expect(normaliseTag("#Cafe\u0301")).toBe("caf\u00e9");
  });

  it("lower-cases locale-independently (I → i, not dotless ı)", () => {
    expect(normaliseTag("#TITLE")).toBe("title");
  });

  it.each([
    ["#1"],
    ["#2026"],
    ["123"],
    ["#___"],
    [""],
    ["#"],
    ["##tag"],
    ["#tag!"],
    ["#two words"],
    ["#with-dash"],
    ["#🎉"],
  ])("normaliseTag(%j) → null", (input) => {
    expect(normaliseTag(input)).toBeNull();
  });

  it("accepts exactly 100 characters and rejects 101", () => {
    expect(normaliseTag("a".repeat(100))).toBe("a".repeat(100));
    expect(normaliseTag("a".repeat(101))).toBeNull();
    expect(normaliseTag("가".repeat(100))).toBe("가".repeat(100));
    expect(normaliseTag("가".repeat(101))).toBeNull();
  });
});

describe("hashtags: extraction", () => {
  it("finds English, Korean, digit-bearing and underscore tags in order", () => {
    expect(extractHashtags("Hello #Launch2026 and #신제품 and #new_product")).toEqual([
      "launch2026",
      "신제품",
      "new_product",
    ]);
  });

  it("is case-insensitive and unique (#Remix and #remix are one tag)", () => {
    expect(extractHashtags("#Remix is great, #remix rocks, #REMIX!")).toEqual(["remix"]);
  });

  it("keeps the order of first appearance", () => {
    expect(extractHashtags("#b #a #B #c #a")).toEqual(["b", "a", "c"]);
  });

  it("NFC-normalises the body (NFD Hangul yields the NFC tag)", () => {
    const tags = extractHashtags("출시 #신제품".normalize("NFD"));
    expect(tags).toEqual(["신제품"]);
    expect(tags[0]).toBe("신제품".normalize("NFC"));
  });

  it("accepts combining marks inside a tag", () => {
    expect(extractHashtags("नमस्ते #हिन्दी दिवस")).toEqual(["हिन्दी"]);
  });

  it.each([
    ["#remix.", "remix"],
    ["#remix,", "remix"],
    ["#remix?", "remix"],
    ["#신제품!", "신제품"],
    ["(#tag)", "tag"],
    ['"#quoted"', "quoted"],
    ["#launch-channel", "launch"],
    ["#tag's", "tag"],
  ])("strips trailing punctuation: %j → %j", (body, tag) => {
    expect(extractHashtags(body)).toEqual([tag]);
  });

  it.each([["#1"], ["#2026"], ["Issue #42 is fixed"], ["#1 #2 #3"]])("digits alone are not tags: %j", (body) => {
    expect(extractHashtags(body)).toEqual([]);
  });

  it("a tag may contain digits as long as it has a letter", () => {
    expect(extractHashtags("#1st #2026년 #v2")).toEqual(["1st", "2026년", "v2"]);
  });

  it.each([["C#"], ["I write C# and F#"], ["abc#def"], ["제품#신제품"], ["42#answer"], ["x_#y"]])(
    "not right after a letter, digit or underscore: %j",
    (body) => {
      expect(extractHashtags(body)).toEqual([]);
    },
  );

  it.each([
    ["https://x.com/page#section"],
    ["see https://example.com/a#b now"],
    ["<https://example.com/docs#intro>"],
    ["www.example.com/#top"],
    ["/docs#intro"],
    ["example.com/#anchor"],
    ["[link](https://x.com/page#section)"],
    ["[link](/docs#intro)"],
    ["&#x41;&#35;"],
  ])("never a URL fragment or entity: %j", (body) => {
    expect(extractHashtags(body)).toEqual([]);
  });

  it.each([["# Title"], ["## Title"], ["###### Deep"], ["# 제목"], ["Title\n===="]])(
    "never a Markdown heading marker: %j",
    (body) => {
      expect(extractHashtags(body)).toEqual([]);
    },
  );

  it("a tag inside heading text still counts", () => {
    expect(extractHashtags("## Release notes #v2")).toEqual(["v2"]);
  });

  it("#word without a space at line start is a tag, not a heading", () => {
    expect(extractHashtags("#Remix is out")).toEqual(["remix"]);
  });

  it.each([
    ["`#code`"],
    ["use `git log #notatag` here"],
    ["```\n#fenced\n```"],
    ["~~~js\nconst a = '#tilde';\n~~~"],
    ["    #indented code"],
  ])("never inside code spans or code blocks: %j", (body) => {
    expect(extractHashtags(body)).toEqual([]);
  });

  it("ignores tags longer than 100 characters", () => {
    expect(extractHashtags(`#${"a".repeat(100)}`)).toEqual(["a".repeat(100)]);
    expect(extractHashtags(`#${"a".repeat(101)}`)).toEqual([]);
  });

  it("a backslash-escaped # is not a tag", () => {
    expect(extractHashtags("\\#notatag")).toEqual([]);
  });

  it("does not take tags from Markdown link text (no nested anchors)", () => {
    expect(extractHashtags("[#remix docs](https://remix.run)")).toEqual([]);
    expect(extractHashtags("![#alt](https://x.com/i.png)")).toEqual([]);
  });

  it("finds tags in emphasis, lists, quotes and tables", () => {
    const body = "**#bold** _#em_\n\n- #item\n\n> #quote\n\n| a |\n|---|\n| #cell |";
    expect(extractHashtags(body)).toEqual(["bold", "em", "item", "quote", "cell"]);
  });

  it("treats raw HTML as text, so a tag between tags still counts", () => {
    expect(extractHashtags("<b>#bold</b>")).toEqual(["bold"]);
  });
});

describe("hashtags: rendering", () => {
  it("links each tag to /hashtags/<tag> with the author's casing as text", () => {
    const { html, hashtags } = render("Launching #Remix today");
    expect(hashtags).toEqual(["remix"]);
    expect(html).toBe(`<p>Launching ${tagLink("remix", "Remix")} today</p>`);
  });

  it("percent-encodes Korean tags in the href and keeps Hangul in the text", () => {
    const { html } = render("#신제품 출시");
    expect(html).toContain('href="/hashtags/%EC%8B%A0%EC%A0%9C%ED%92%88"');
    expect(html).toContain(">#신제품</a>");
  });

  it("leaves trailing punctuation outside the link", () => {
    expect(render("#remix.").html).toBe(`<p>${tagLink("remix", "remix")}.</p>`);
    expect(render("(#tag)").html).toBe(`<p>(${tagLink("tag", "tag")})</p>`);
  });

  it("renders #Remix and #remix as two links to the same tag", () => {
    const { html } = render("#Remix #remix");
    expect(html).toBe(`<p>${tagLink("remix", "Remix")} ${tagLink("remix", "remix")}</p>`);
  });

  it("does not link non-tags", () => {
    const { html } = render("C# #1 abc#def");
    expect(html).toBe("<p>C# #1 abc#def</p>");
  });

  it("keeps URL fragments inside the autolink, untouched", () => {
    const { html } = render("https://x.com/page#section");
    expect(html).toBe(`<p><a href="https://x.com/page#section" ${REL}>https://x.com/page#section</a></p>`);
  });

  it("downgrades headings and does not treat the marker as a tag", () => {
    const { html, hashtags } = render("# Title\n## 부제목 #tag");
    expect(hashtags).toEqual(["tag"]);
    expect(html).toBe(`<h3>Title</h3>\n<h4>부제목 ${tagLink("tag", "tag")}</h4>`);
  });

  it("leaves code content literal", () => {
    const { html } = render("`#code`\n\n```\n#block @minsu\n```");
    expect(html).toBe("<p><code>#code</code></p>\n<pre><code>#block @minsu\n</code></pre>");
  });

  it("a tag in link text does not produce a nested anchor", () => {
    const { html } = render("[read #remix with @minsu](https://remix.run)");
    expect(anchors(html)).toHaveLength(1);
    expect(html).toBe(`<p><a href="https://remix.run" ${REL}>read #remix with @minsu</a></p>`);
  });
});

describe("mentions: extraction of candidates", () => {
  it("lower-cases, de-duplicates and keeps order", () => {
    expect(extractMentionCandidates("@Jane @minsu @JANE @ghost")).toEqual(["jane", "minsu", "ghost"]);
  });

  it.each([
    ["@minsu.kim.", "minsu.kim"],
    ["@minsu.kim", "minsu.kim"],
    ["@o-neil-", "o-neil"],
    ["@dev_kim_", "dev_kim"],
    ["@minsu...", "minsu"],
    ["(@minsu)", "minsu"],
    ["@minsu님 확인 부탁드려요", "minsu"],
    ["@minsu, hi", "minsu"],
    ["**@minsu**", "minsu"],
    ["@MinSu", "minsu"],
    ["@1password", "1password"],
  ])("%j → %j", (body, handle) => {
    expect(extractMentionCandidates(body)).toEqual([handle]);
  });

  it.each([
    ["minsu@example.com"],
    ["mail minsu.kim@example.co.kr please"],
    ["a@b"],
    ["x.com/@minsu"],
    ["foo.@minsu"],
    ["foo_@minsu"],
    ["foo-@minsu"],
    ["민수@minsu"],
    ["@_minsu"],
    ["@.minsu"],
    ["@ minsu"],
    ["@minsu@example.com"],
    ["`@minsu`"],
    ["```\n@minsu\n```"],
    ["[@minsu](https://x.com)"],
    ["https://x.com/@minsu"],
  ])("not a mention: %j", (body) => {
    expect(extractMentionCandidates(body)).toEqual([]);
  });

  it("accepts handles of exactly 40 characters and rejects 41", () => {
    expect(extractMentionCandidates(`@${"a".repeat(40)}`)).toEqual(["a".repeat(40)]);
    expect(extractMentionCandidates(`@${"a".repeat(41)}`)).toEqual([]);
  });
});

describe("mentions: rendering", () => {
  it("links known handles only; unknown handles stay plain text", () => {
    const { html, mentions } = render("cc @Jane @ghost @minsu.kim.");
    expect(mentions).toEqual(["jane", "minsu.kim"]);
    expect(html).toBe(`<p>cc ${mentionLink("jane")} @ghost ${mentionLink("minsu.kim")}.</p>`);
  });

  it("does not report unknown handles as mentions", () => {
    const out = render("@ghost @nobody");
    expect(out.mentions).toEqual([]);
    expect(out.html).toBe("<p>@ghost @nobody</p>");
  });

  it("passes lower-cased handles to isKnownHandle, once each", () => {
    const asked: string[] = [];
    renderPost("@Jane @JANE @jane @Ghost", {
      isKnownHandle: (h) => {
        asked.push(h);
        return h === "jane";
      },
    });
    expect(asked).toEqual(["jane", "ghost"]);
  });

  it("keeps e-mail addresses as mailto links, not mentions", () => {
    const { html, mentions } = render("write to minsu@example.com");
    expect(mentions).toEqual([]);
    expect(html).toBe(`<p>write to <a href="mailto:minsu@example.com" ${REL}>minsu@example.com</a></p>`);
  });

  it("renders a Korean sentence with mentions and tags", () => {
    const { html, hashtags, mentions } = render("@minsu님, #신제품 리뷰 부탁드립니다!");
    expect(hashtags).toEqual(["신제품"]);
    expect(mentions).toEqual(["minsu"]);
    expect(html).toBe(`<p>${mentionLink("minsu")}님, ${tagLink("신제품", "신제품")} 리뷰 부탁드립니다!</p>`);
  });
});

describe("Markdown rendering", () => {
  it("treats a single newline as a line break", () => {
    expect(render("line one\nline two").html).toBe("<p>line one<br />line two</p>");
  });

  it("renders GFM emphasis, strikethrough, lists, quotes and tables", () => {
    expect(render("**b** *i* ~~gone~~").html).toBe("<p><strong>b</strong> <em>i</em> <del>gone</del></p>");
    expect(render("- a\n- b").html).toBe("<ul>\n<li>a</li>\n<li>b</li>\n</ul>");
    expect(render("3. c\n4. d").html).toBe('<ol start="3">\n<li>c</li>\n<li>d</li>\n</ol>');
    expect(render("> quoted").html).toBe("<blockquote>\n<p>quoted</p>\n</blockquote>");
    const table = render("| a | b |\n|:-:|---|\n| 1 | 2 |").html;
    expect(table).toContain('<th align="center">a</th>');
    expect(table).toContain("<td>2</td>");
  });

  it("keeps the code language class", () => {
    expect(render("```ts\nconst a = 1;\n```").html).toBe('<pre><code class="language-ts">const a = 1;\n</code></pre>');
  });

  it("renders task-list checkboxes as text, not <input>", () => {
    const { html } = render("- [ ] todo\n- [x] done");
    expect(html).not.toContain("<input");
    expect(html).toBe("<ul>\n<li>[ ] todo</li>\n<li>[x] done</li>\n</ul>");
  });

  it("returns empty output for an empty body", () => {
    expect(render("")).toEqual({ html: "", hashtags: [], mentions: [] });
  });
});

describe("links", () => {
  it("adds rel=nofollow noopener noreferrer to Markdown links", () => {
    expect(render("[Remix](https://remix.run)").html).toBe(`<p><a href="https://remix.run" ${REL}>Remix</a></p>`);
  });

  it("adds rel to bare autolinks, <autolinks>, mailto and relative links", () => {
    expect(render("https://example.com").html).toContain(`<a href="https://example.com" ${REL}>`);
    expect(render("<https://example.com>").html).toContain(`<a href="https://example.com" ${REL}>`);
    expect(render("[m](mailto:a@example.com)").html).toContain(`<a href="mailto:a@example.com" ${REL}>`);
    expect(render("[r](/people/jane)").html).toContain(`<a href="/people/jane" ${REL}>`);
  });

  it("every anchor in a mixed post has the rel attribute", () => {
    const { html } = render(
      "#tag @jane [x](https://x.com) https://y.com <https://z.com> minsu@example.com [t](https://t.com 'T')",
    );
    const as = anchors(html);
    expect(as).toHaveLength(7);
    for (const a of as) expect(a).toContain(REL);
  });

  it("a raw <a rel=opener> is text, so authors cannot supply their own rel", () => {
    const { html } = render('<a href="https://x.com" rel="opener">x</a>');
    // Only the bare URL is autolinked (with our rel); the author's tag is escaped text.
    expect(html).toBe(
      `<p>&lt;a href="<a href="https://x.com" ${REL}>https://x.com</a>" rel="opener"&gt;x&lt;/a&gt;</p>`,
    );
  });

  it("escapes link titles", () => {
    const { html } = render('[t](https://x.com "a\\" onmouseover=\\"alert(1)")');
    expect(html).toBe(`<p><a href="https://x.com" title="a&quot; onmouseover=&quot;alert(1)" ${REL}>t</a></p>`);
  });
});

describe("hostile input", () => {
  it("escapes <script>", () => {
    const { html } = render("<script>alert(1)</script>");
    expect(html).not.toMatch(/<script/i);
    expect(html).toBe("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>");
  });

  it("a quoted URL in raw HTML autolinks without the quote or bracket", () => {
    const { html } = render('<iframe src="https://evil.example"></iframe>');
    expect(html).toBe(
      `<p>&lt;iframe src="<a href="https://evil.example" ${REL}>https://evil.example</a>"&gt;&lt;/iframe&gt;</p>`,
    );
  });

  it("escapes <img onerror>", () => {
    const { html } = render("<img src=x onerror=alert(1)>");
    expect(html).not.toMatch(/<img/i);
    expect(html).toBe("<p>&lt;img src=x onerror=alert(1)&gt;</p>");
  });

  it("drops javascript: links, keeping the text", () => {
    const { html } = render("[x](javascript:alert(1))");
    expect(html).toBe("<p>x</p>");
  });

  it.each([
    ["[x](JaVaScRiPt:alert(1))"],
    ["[x](  javascript:alert(1))"],
    ["[x](<javascript:alert(1)>)"],
    ["[x](vbscript:msgbox(1))"],
    ["[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"],
    ["[x](file:///etc/passwd)"],
    ["[x](//evil.example)"],
    ["<javascript:alert(1)>"],
    ["[x][r]\n\n[r]: javascript:alert(1)"],
  ])("no dangerous href survives: %j", (body) => {
    const { html } = render(body);
    expect(html).not.toContain("href=");
    expect(anchors(html)).toHaveLength(0);
    expect(html).toMatch(/^<p>[^<]+<\/p>$/);
  });

  it("does not decode an entity-obfuscated scheme into a live javascript: URL", () => {
    const { html } = render("[x](javascript&#58;alert(1))");
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).not.toMatch(/href="javascript&#58;/i);
  });

  it.each([
    ['<a href="javascript:alert(1)">x</a>'],
    ['<iframe src="https://evil.example"></iframe>'],
    ["<style>body{display:none}</style>"],
    ['<div onclick="alert(1)">hi</div>'],
    ['<p style="color:red">hi</p>'],
    ["<svg><script>alert(1)</script></svg>"],
    ["<!-- comment -->"],
    ['<img src="x" onerror="alert(1)"/>'],
    ["<object data=x></object>"],
  ])("raw HTML is never markup: %j", (body) => {
    const { html } = render(body);
    // Only the <p> wrapper and autolinks of bare URLs are markup; the rest is escaped text.
    const tags = html.match(/<\/?[a-z0-9]+/gi) ?? [];
    expect(tags.filter((t) => !/^<\/?(p|a)$/i.test(t))).toEqual([]);
    for (const a of anchors(html))
      expect(a).toMatch(/^<a href="https:\/\/[^"<>]+" rel="nofollow noopener noreferrer">$/);
    expect(html).toContain("&lt;");
  });

  it("multi-line raw HTML blocks are escaped too", () => {
    const { html, hashtags } = render("<div>\n<script>alert(1)</script>\n#tag\n</div>");
    expect(html).not.toMatch(/<(div|script)/i);
    expect(hashtags).toEqual(["tag"]);
  });

  it("images never render as <img>", () => {
    const { html } = render('![alt text](https://x.com/a.png) ![x](javascript:alert(1) "t")');
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain("alt text");
  });

  it("image alt text is escaped, not stripped", () => {
    const { html } = render("![<b>x</b> & <script>alert(1)</script> `<i>`](y.png)");
    expect(html).toBe("<p>&lt;b&gt;x&lt;/b&gt; &amp; &lt;script&gt;alert(1)&lt;/script&gt; &lt;i&gt;</p>");
  });

  it("an image inside a link yields a single anchor with the alt text", () => {
    const { html } = render("[![logo](https://x.com/l.png)](https://x.com)");
    expect(html).toBe(`<p><a href="https://x.com" ${REL}>logo</a></p>`);
  });

  it("escapes HTML special characters in hashtag and plain text", () => {
    const { html } = render("5 > 3 & \"quotes\" 'single' #tag<b>");
    expect(html).toBe(`<p>5 &gt; 3 &amp; "quotes" 'single' ${tagLink("tag", "tag")}&lt;b&gt;</p>`);
  });
});

describe("consistency and re-entrancy", () => {
  const sample =
    "# Weekly\n@Jane @ghost #Remix `#no` https://x.com/#no [#no @minsu](https://x.com)\n\n- #신제품! C# #2026 @minsu.kim.";

  it("extractHashtags matches renderPost().hashtags", () => {
    expect(extractHashtags(sample)).toEqual(["remix", "신제품"]);
    expect(render(sample).hashtags).toEqual(extractHashtags(sample));
  });

  it("mentions are the known subset of extractMentionCandidates", () => {
    expect(extractMentionCandidates(sample)).toEqual(["jane", "ghost", "minsu.kim"]);
    expect(render(sample).mentions).toEqual(["jane", "minsu.kim"]);
  });

  it("the rendered HTML contains exactly the hashtag and mention links", () => {
    const { html } = render(sample);
    expect(html.match(/class="hashtag"/g)).toHaveLength(2);
    expect(html.match(/class="mention"/g)).toHaveLength(2);
    expect(html).toContain(tagLink("remix", "Remix"));
    expect(html).toContain(tagLink("신제품", "신제품"));
    expect(html).toContain(mentionLink("jane"));
    expect(html).toContain(mentionLink("minsu.kim"));
  });

  it("isKnownHandle of one call never leaks into another (nested call)", () => {
    let inner: ReturnType<typeof renderPost> | undefined;
    const outer = renderPost("@jane @minsu", {
      isKnownHandle: (h) => {
        if (!inner) inner = renderPost("@jane @minsu", { isKnownHandle: (x) => x === "minsu" });
        return h === "jane";
      },
    });
    expect(outer.mentions).toEqual(["jane"]);
    expect(outer.html).toBe(`<p>${mentionLink("jane")} @minsu</p>`);
    expect(inner?.mentions).toEqual(["minsu"]);
    expect(inner?.html).toBe(`<p>@jane ${mentionLink("minsu")}</p>`);
  });

  it("successive calls with different resolvers are independent", () => {
    expect(renderPost("@jane", { isKnownHandle: () => true }).mentions).toEqual(["jane"]);
    expect(renderPost("@jane", { isKnownHandle: () => false }).mentions).toEqual([]);
    expect(renderPost("@jane", { isKnownHandle: () => false }).html).toBe("<p>@jane</p>");
  });
});

describe("performance", () => {
  it("renders a typical 2 KB post in well under a few ms on average", () => {
    let body = [
      "## 주간 업데이트 #weekly",
      "",
      "이번 주에는 **#신제품** 런칭 준비를 마무리했습니다. @minsu.kim 님과 @jane 님이 QA를 맡아 주셨고, 남은 이슈는 아래와 같습니다.",
      "",
      "- 결제 페이지 로딩 속도 개선 (목표: 1초 이내)",
      "- 모바일 Safari에서 *간헐적으로* 발생하는 레이아웃 깨짐",
      "- 다국어 번역 검수 — 일본어/영어 완료, 독일어 진행 중",
      "",
      "Docs are at https://docs.example.com/release#notes and the board is [here](https://example.com/board?id=42).",
      "",
      "```ts",
      'const answer = await fetch("/api/launch#now"); // @notamention #notatag',
      "```",
      "",
      "> Please review before Friday. Feedback welcome in #launch-channel or DM me.",
      "",
      "We also fixed a bug where C# snippets and emails like support@example.com were mis-parsed. #Launch2026 #teamwork",
      "",
    ].join("\n");
    while (body.length < 2048)
      body += "\n추가 메모: 일정이 변경되면 이 글을 업데이트하겠습니다. Stay tuned for more news.\n";
    body = body.slice(0, 2048);
    expect(render(body).hashtags).toEqual(["weekly", "신제품", "launch", "launch2026", "teamwork"]);

    for (let i = 0; i < 50; i++) render(body);
    const runs = 200;
    // CPU time of this process, not wall time: on a loaded machine (parallel test files, other jobs) wall time
    // measures the scheduler, not the renderer.
    const t0 = process.cpuUsage();
    for (let i = 0; i < runs; i++) render(body);
    const used = process.cpuUsage(t0);
    const avg = (used.user + used.system) / 1000 / runs;
    // Measured ≈0.5 ms on an idle dev box; the bound only guards against
    // order-of-magnitude regressions (e.g. building a Marked instance per call).
    expect(avg).toBeLessThan(5);
  });
});

describe("invisible and bidi characters (issue #8 §12)", () => {
  it("a body of only zero-width, Hangul filler or braille blank characters is empty", () => {
    for (const body of ["\u200b", "\u2800\u2800", " \u200b\n\u3164 ", "\ufeff\u200d"]) {
      const result = PostBodySchema.safeParse(body);
      expect(result.success, JSON.stringify(body)).toBe(false);
      expect(result.error?.issues[0].message).toBe("error.postEmpty");
    }
    expect(PostBodySchema.safeParse("\u200b안녕").success).toBe(true);
  });

  it("strips bidi controls from link text, keeping the link", () => {
    const out = render("[\u202emoc.elpmaxe\u202c](https://evil.example) and https://ok.example/\u202eab");
    expect(out.html).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u200e\u200f]/);
    expect(out.html).toContain('<a href="https://evil.example" rel="nofollow noopener noreferrer">moc.elpmaxe</a>');
  });

  it("strips bidi controls from names, departments and titles; a name of only controls is empty", () => {
    const ok = ProfileFieldsSchema.parse({ name: "\u202e김민수\u2066", department: "\u202d개발", title: "팀장\u200f" });
    expect(ok).toEqual({ name: "김민수", department: "개발", title: "팀장" });
    const empty = ProfileFieldsSchema.safeParse({ name: "\u202e\u200b" });
    expect(empty.success).toBe(false);
    expect(empty.error?.issues[0].message).toBe("error.required");
  });
});
