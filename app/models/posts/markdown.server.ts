/**
 * Post body Markdown → safe HTML, plus #hashtag / @mention extraction.
 *
 * A post is parsed and rendered once, at write time. Everything is driven by
 * one lexer pass of a dedicated, synchronous `Marked` instance:
 *
 *   body ──NFC──▶ lexer (GFM + hashtag/mention inline extensions)
 *                  │
 *                  ├─ walkTokens ─▶ hashtags / mention candidates
 *                  └─ parser ─────▶ HTML ──sanitize-html──▶ stored HTML
 *
 * Because hashtags and mentions are *tokens* produced by marked's own inline
 * lexer, they can never appear inside code spans / code blocks (those are not
 * inline-lexed), inside autolinked URLs (the GFM `url` / `autolink` tokenizers
 * swallow the whole URL, fragment included) or inside Markdown link text (the
 * tokenizers decline while `lexer.state.inLink` is set, so no nested anchors).
 *
 * Re-entrancy: the module only holds immutable configuration. Per-call state
 * (whether a mention's handle is known) is stored on the tokens of that call,
 * set between lexing and parsing, so `isKnownHandle` never lives in a module
 * variable.
 */
import { Marked, Tokenizer, type Token, type Tokens, type TokenizerAndRendererExtension } from "marked";
import sanitizeHtml from "sanitize-html";
import { isValidTagBody, TAG_CHARS } from "#app/utils/hashtags";
import { AppError } from "#app/utils/errors";
import { BIDI_CONTROLS_RE } from "#app/utils/validation";

export { MAX_POST_LENGTH } from "#app/utils/validation";

export type RenderedPost = { html: string; hashtags: string[]; mentions: string[] };

const MAX_HANDLE_LENGTH = 40;

// ---------------------------------------------------------------------------
// Character classes
// ---------------------------------------------------------------------------

/** A '#' right after one of these is not a hashtag (C#, abc#def, /docs#intro, &#x41;, ##x). */
const BLOCKS_HASHTAG = `${TAG_CHARS}&/#`;
/** An '@' right after one of these is not a mention (minsu@example.com, x.com/@a). */
const BLOCKS_MENTION = "\\p{L}\\p{M}\\p{N}._/\\-";

const HASHTAG_RE = new RegExp(`^#([${TAG_CHARS}]+)`, "u");
const TAG_CHAR_STICKY_RE = new RegExp(`[${TAG_CHARS}]`, "uy");
const HASHTAG_BLOCKED_AFTER_RE = new RegExp(`[${BLOCKS_HASHTAG}]$`, "u");

const MENTION_RE = /^@([a-z0-9][a-z0-9._-]*)/i;
const MENTION_TRAILING_RE = /[._-]+$/;
const HANDLE_CHAR_STICKY_RE = /[a-z0-9]/iy;
const MENTION_BLOCKED_AFTER_RE = new RegExp(`[${BLOCKS_MENTION}]$`, "u");

const ALLOWED_SCHEMES = ["http", "https", "mailto"];

/**
 * Quotes, lists, emphasis, strike-through and links nest by recursion in marked's lexer and parser; a few
 * thousand levels (`"> " × 5000`, `"**a " × 1250 + "a** " × 1250`) overflow the stack (issue #8 §8). The
 * lexer stops at this depth with a 400, before anything is rendered or stored.
 */
export const MAX_NESTING_DEPTH = 50;

/** What marked's GFM url rule accepts as the start of a bare URL (anything else can only be an e-mail). */
const URL_PREFIX_RE = /^(?:(?:ftp|https?):\/\/|www\.)/;
const MAX_EMAIL_LENGTH = 64 + 1 + 255;

// ---------------------------------------------------------------------------
// Public helpers
// ---------------------------------------------------------------------------

export { normaliseTag } from "#app/utils/hashtags";

/** Hashtags of a post: lower-cased, NFC, unique, in order of first appearance. */
export function extractHashtags(body: string): string[] {
  return collect(lex(body)).hashtags;
}

/** Lower-cased @handles of a post, unique, in order — before checking that the users exist. */
export function extractMentionCandidates(body: string): string[] {
  return collect(lex(body)).mentions;
}

/**
 * Parses and renders a post body once at write time.
 * isKnownHandle(h) tells whether a (lower-cased) handle belongs to an existing
 * user; only those become mentions/links. Length is NOT enforced here (callers
 * validate against MAX_POST_LENGTH).
 */
export function renderPost(
  body: string,
  opts: {
    isKnownHandle: (handle: string) => boolean;
    /** Called once with the mention candidates before isKnownHandle is asked, so a caller can look them all up
     * in one query without lexing the body a second time (extractMentionCandidates). */
    prepare?: (candidates: string[]) => void;
  },
): RenderedPost {
  const tokens = lex(body);
  const { hashtags, mentions: candidates, mentionTokens } = collect(tokens);
  opts.prepare?.(candidates);

  const known = new Set<string>();
  for (const handle of candidates) {
    if (opts.isKnownHandle(handle)) known.add(handle);
  }
  for (const token of mentionTokens) token.known = known.has(token.handle);

  const rawHtml = md.parser(tokens);
  const html = sanitizeHtml(rawHtml, SANITIZE_OPTIONS).trim();
  return { html, hashtags, mentions: candidates.filter((h) => known.has(h)) };
}

// ---------------------------------------------------------------------------
// Tokens
// ---------------------------------------------------------------------------

type HashtagToken = { type: "hashtag"; raw: string; text: string; tag: string };
type MentionToken = { type: "mention"; raw: string; text: string; handle: string; known: boolean };

/**
 * The source of the previous and of the current lexer step of one inline run, keyed by the run's token
 * array (a new array per run and per call, so nothing outlives or crosses a call). marked calls the
 * extension tokenizers first at every step, so each call sees every step.
 */
const inlineSteps = new WeakMap<Token[], { prev: string | undefined; cur: string }>();

/**
 * The (up to two) characters just before `src` in its inline run, "" at its start. Read from the previous
 * step's source, not from the last token: marked grows a text token by concatenation, and slicing that
 * rope flattens it, once per '@' or '#' — quadratic on "a@" × 5000 (issue #8 §3).
 */
function precedingText(tokens: Token[], src: string): string {
  let step = inlineSteps.get(tokens);
  if (!step) inlineSteps.set(tokens, (step = { prev: undefined, cur: src }));
  else if (step.cur.length !== src.length) {
    step.prev = step.cur;
    step.cur = src;
  }
  if (step.prev === undefined) return "";
  const at = step.prev.length - src.length;
  return step.prev.slice(Math.max(0, at - 2), at);
}

/**
 * `start` helper for marked: index of the first `marker` in `src` that may
 * begin a token (next char can start one, previous char does not block it),
 * so inline text stops there. Being liberal is harmless (the tokenizer
 * decides); being strict where the tokenizer would also refuse keeps GFM
 * e-mail autolinks (`minsu@example.com`) and entities (`&#x41;`) intact.
 *
 * Linear (issue #8 §3): marked calls this once per text token with the rest of
 * the inline run, so it only looks at the next START_WINDOW characters. With no
 * start there, text stops after the window's last whitespace (or at its end);
 * that also bounds marked's own text rule, whose e-mail look-ahead scans to the
 * next '@' ("a.a.a.…@" was quadratic in marked itself).
 */
const START_WINDOW = 256;

function findStart(src: string, marker: string, next: RegExp, blockedAfter: RegExp): number | undefined {
  const window = src.length > START_WINDOW ? src.slice(0, START_WINDOW) : src;
  for (let i = window.indexOf(marker); i !== -1; i = window.indexOf(marker, i + 1)) {
    next.lastIndex = i + 1;
    if (!next.test(src)) continue;
    if (i > 0 && blockedAfter.test(window.slice(Math.max(0, i - 2), i))) continue;
    return i;
  }
  if (window === src) return undefined;
  const space = Math.max(window.lastIndexOf(" "), window.lastIndexOf("\n"), window.lastIndexOf("\t"));
  return space > 0 ? space + 1 : window.length;
}

const hashtagExtension: TokenizerAndRendererExtension = {
  name: "hashtag",
  level: "inline",
  start(src) {
    return findStart(src, "#", TAG_CHAR_STICKY_RE, HASHTAG_BLOCKED_AFTER_RE);
  },
  tokenizer(src, tokens) {
    const before = precedingText(tokens, src);
    if (src.charCodeAt(0) !== 0x23 /* # */ || this.lexer.state.inLink) return undefined;
    const m = HASHTAG_RE.exec(src);
    if (!m) return undefined;
    if (HASHTAG_BLOCKED_AFTER_RE.test(before)) return undefined;
    const text = m[1];
    if (!isValidTagBody(text)) return undefined; // digits only, too long, …
    // The body is NFC already; lower-casing can denormalise (İ → i̇), so re-NFC.
    const tag = text.toLowerCase().normalize("NFC");
    const token: HashtagToken = { type: "hashtag", raw: m[0], text, tag };
    return token;
  },
  renderer(token) {
    const t = token as unknown as HashtagToken;
    return `<a href="/hashtags/${encodeURIComponent(t.tag)}" class="hashtag">#${escapeHtml(t.text)}</a>`;
  },
};

const mentionExtension: TokenizerAndRendererExtension = {
  name: "mention",
  level: "inline",
  start(src) {
    return findStart(src, "@", HANDLE_CHAR_STICKY_RE, MENTION_BLOCKED_AFTER_RE);
  },
  tokenizer(src, tokens) {
    const before = precedingText(tokens, src);
    if (src.charCodeAt(0) !== 0x40 /* @ */ || this.lexer.state.inLink) return undefined;
    const m = MENTION_RE.exec(src);
    if (!m) return undefined;
    if (MENTION_BLOCKED_AFTER_RE.test(before)) return undefined;
    const text = m[1].replace(MENTION_TRAILING_RE, "");
    if (text.length > MAX_HANDLE_LENGTH) return undefined;
    const raw = `@${text}`;
    // "@a@b.com" and the like: an address, not a mention.
    if (src.charAt(raw.length) === "@") return undefined;
    const token: MentionToken = { type: "mention", raw, text, handle: text.toLowerCase(), known: false };
    return token;
  },
  renderer(token) {
    const t = token as unknown as MentionToken;
    if (!t.known) return escapeHtml(t.raw);
    return `<a href="/people/${encodeURIComponent(t.handle)}" class="mention">@${escapeHtml(t.handle)}</a>`;
  },
};

// ---------------------------------------------------------------------------
// Marked instance (module-level configuration only — no per-call state)
// ---------------------------------------------------------------------------

const md = new Marked({
  async: false,
  gfm: true,
  breaks: true,
  pedantic: false,
  silent: false,
  extensions: [hashtagExtension, mentionExtension],
  tokenizer: {
    // Raw HTML is never markup: with these tokenizers disabled, `<script>`,
    // `<img onerror=…>`, `<div>` … are lexed as ordinary text and escaped.
    html() {
      return undefined;
    },
    tag() {
      return undefined;
    },
    // The tokenizers that lex their content recursively, bounded (see MAX_NESTING_DEPTH).
    blockquote(...args) {
      return nested(this.lexer, () => Tokenizer.prototype.blockquote.apply(this, args));
    },
    list(...args) {
      return nested(this.lexer, () => Tokenizer.prototype.list.apply(this, args));
    },
    emStrong(...args) {
      return nested(this.lexer, () => Tokenizer.prototype.emStrong.apply(this, args));
    },
    del(...args) {
      return nested(this.lexer, () => Tokenizer.prototype.del.apply(this, args));
    },
    link(...args) {
      return nested(this.lexer, () => Tokenizer.prototype.link.apply(this, args));
    },
    reflink(...args) {
      return nested(this.lexer, () => Tokenizer.prototype.reflink.apply(this, args));
    },
    // GFM bare-URL autolinks run to the next whitespace or '<'. Now that raw
    // HTML is text, `<iframe src="https://x.example">` would make
    // `https://x.example">` a link; '>' is never part of a URL, so stop there
    // (marked then back-pedals the trailing quote as usual).
    // Linear (issue #8 §3): this runs at every inline position, so it never scans past the candidate URL,
    // and an e-mail candidate (≤ 64 + 1 + 255 characters) is matched within that many characters: marked's
    // e-mail rule alone scans a whole "a.a.a.…" run at each position.
    url(src) {
      const probe = URL_PREFIX_RE.test(src) ? src : src.slice(0, MAX_EMAIL_LENGTH);
      const token = Tokenizer.prototype.url.call(this, probe);
      if (!token) return undefined;
      const gt = token.raw.indexOf(">");
      return gt === -1 ? token : Tokenizer.prototype.url.call(this, src.slice(0, gt));
    },
  },
  renderer: {
    // Defence in depth: should an html token appear anyway, print it as text.
    html({ text }) {
      return escapeHtml(text);
    },
    // The page owns h1/h2; post headings start at h3.
    heading({ tokens, depth }) {
      const level = Math.min(6, depth + 2);
      return `<h${level}>${this.parser.parseInline(tokens)}</h${level}>\n`;
    },
    // No images in posts: show the alt text (never an <img>, never a nested <a>).
    // (marked's text renderer returns unescaped text, like its own image renderer we escape it.)
    image({ text, tokens }) {
      return tokens ? escapeText(this.parser.parseInline(tokens, this.parser.textRenderer)) : escapeHtml(text);
    },
    link({ href, title, text, tokens, autolink }) {
      // No bidi controls in link text: they could make the text spoof another address (issue #8 §12).
      const inner = (autolink ? escapeHtml(text) : this.parser.parseInline(tokens)).replace(BIDI_CONTROLS_RE, "");
      const url = safeHref(href);
      if (url === null) return inner;
      const titleAttr = title ? ` title="${escapeHtml(title)}"` : "";
      return `<a href="${escapeHtml(url)}"${titleAttr}>${inner}</a>`;
    },
    // GFM task list items: keep the author's "[ ]" / "[x]" as text (no <input>).
    checkbox({ checked }) {
      return checked ? "[x] " : "[ ] ";
    },
  },
});

const nestingDepth = new WeakMap<object, number>();

/** Runs one nesting tokenizer of the current lexer (per call) one level deeper, refusing past the bound. */
function nested<T>(lexer: object, tokenize: () => T): T {
  const depth = (nestingDepth.get(lexer) ?? 0) + 1;
  // +1: at the innermost level each tokenizer is still called once (and finds nothing).
  if (depth > MAX_NESTING_DEPTH + 1) {
    const vars = { max: MAX_NESTING_DEPTH };
    throw new AppError(
      400,
      "post_too_deep",
      "hostileInput.postTooDeep",
      { body: { key: "hostileInput.postTooDeep", vars } },
      vars,
    );
  }
  nestingDepth.set(lexer, depth);
  try {
    return tokenize();
  } finally {
    nestingDepth.set(lexer, depth - 1);
  }
}

function lex(body: string): Token[] {
  // NUL → U+FFFD as CommonMark requires; NFC so "신제품" has one spelling.
  // eslint-disable-next-line no-control-regex -- matching NUL is the point
  return md.lexer(body.replace(/\u0000/g, "\uFFFD").normalize("NFC"));
}

function collect(tokens: Token[]): {
  hashtags: string[];
  mentions: string[];
  mentionTokens: MentionToken[];
} {
  const hashtags = new Set<string>();
  const mentions = new Set<string>();
  const mentionTokens: MentionToken[] = [];
  md.walkTokens(tokens, (token) => {
    const generic = token as Tokens.Generic;
    if (generic.type === "hashtag") {
      hashtags.add((generic as unknown as HashtagToken).tag);
    } else if (generic.type === "mention") {
      const m = generic as unknown as MentionToken;
      mentions.add(m.handle);
      mentionTokens.push(m);
    }
  });
  return { hashtags: [...hashtags], mentions: [...mentions], mentionTokens };
}

// ---------------------------------------------------------------------------
// URLs and escaping
// ---------------------------------------------------------------------------

/**
 * Returns the href to emit (percent-encoded like marked does) or null when the
 * link must be rendered as plain text: a scheme other than http/https/mailto
 * (javascript:, data:, vbscript:, …, also when obfuscated with whitespace or
 * control characters) or a protocol-relative URL. Mirrors sanitize-html's
 * rules so the sanitizer never has to strip an href and leave an empty <a>.
 */
function safeHref(href: string): string | null {
  // eslint-disable-next-line no-control-regex -- strips the control characters used to obfuscate schemes
  const probe = href.replace(/[\u0000-\u0020\u007f-\u009f]+/g, "");
  if (/^[/\\]{2}/.test(probe)) return null;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(probe);
  if (scheme && !ALLOWED_SCHEMES.includes(scheme[1].toLowerCase())) return null;
  try {
    return encodeURI(href).replace(/%25/g, "%");
  } catch {
    return null; // lone surrogates
  }
}

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** Like escapeHtml but leaves existing entities (`&amp;`, `&#39;`) alone, as marked does for text. */
function escapeText(s: string): string {
  return s.replace(/[<>"']|&(?!(?:#\d{1,7}|#[Xx][a-fA-F0-9]{1,6}|\w+);)/g, (c) => HTML_ESCAPES[c]);
}

// ---------------------------------------------------------------------------
// Sanitiser (final allow-list; marked's output is already escaped)
// ---------------------------------------------------------------------------

const ALIGN = { name: "align", multiple: false, values: ["left", "center", "right"] };

const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    "p",
    "br",
    "strong",
    "em",
    "del",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
  ],
  allowedAttributes: {
    a: ["href", "title", "rel", "class"],
    code: ["class"],
    ol: ["start"],
    th: [ALIGN],
    td: [ALIGN],
  },
  allowedClasses: {
    a: ["hashtag", "mention"],
    code: ["language-*"],
  },
  allowedSchemes: ALLOWED_SCHEMES,
  allowedSchemesByTag: {},
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  transformTags: {
    a: sanitizeHtml.simpleTransform("a", { rel: "nofollow noopener noreferrer" }),
  },
};
