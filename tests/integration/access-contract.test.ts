// The access contract (issue #6 §5, DESIGN.md invariant 1): nothing of a private or secret group — posts,
// replies, reactions, edit history, hashtags, the secret group's name — reaches a non-member employee, a guest
// of another group, a removed ex-member or a signed-out visitor, on any route. The list of routes is the route
// table itself (app/routes.ts) and the JSON API's (the paths of its OpenAPI document, app/api): a route without an
// entry in `cases` fails, naming the route.
//
// Each case issues the requests of its route as one persona with the scenario's ids, slugs, handles and tags;
// every observed payload (loader data, action data, response body) is then scanned for the forbidden strings,
// and the case asserts what must be true on top (404 for hidden single items, counts, totals).
import { describe, expect, it } from "vitest";
import { REACTION_KINDS } from "#db/schema";
import { rawStatement } from "#app/infra/db.server";
import { SEARCH_TYPES } from "#search/types";
import {
  buildScenario,
  CONTROLS,
  forbiddenFor,
  hiddenPostIds,
  MARKERS,
  PARTNER_GROUP,
  PERSONAS,
  PRIVATE_GROUP,
  PRIVATE_TAG,
  PUBLIC_GROUP,
  SECRET_GROUP,
  SECRET_TAG,
  SHARED_TAG,
  SHARED_WORD,
  type Person,
  type PersonaName,
  type Scenario,
} from "#tests/support/access-scenario";
import { listApiRoutes, listRoutes, makeRouteCaller, type CallOptions, type Observed } from "#tests/support/routes";
import { readStreamUntilLive } from "#tests/support/sse";
import { createApi } from "#app/api/app.server";

// The pages and resource routes of Remix, and the JSON API's routes (its own router, app/api).
const ROUTES = [...(await listRoutes()), ...(await listApiRoutes())];
const call = makeRouteCaller(ROUTES);
// The live stream is read until its replay is done, not to its end (it has none): straight from the router.
const streamApi = createApi();

// ---------------------------------------------------------------------------------------------------------
// The harness
// ---------------------------------------------------------------------------------------------------------

type Seen = { label: string; obs: Observed };

class Ctx {
  readonly seen: Seen[] = [];
  constructor(
    readonly s: Scenario,
    readonly who: PersonaName,
    readonly routeId: string,
  ) {}
  get p(): Person {
    return this.s.personas[this.who];
  }
  get anonymous() {
    return this.who === "anonymous";
  }
  get guest() {
    return this.who === "guest";
  }

  private async record(label: string, run: Promise<Observed[]>) {
    const list = await run;
    list.forEach((obs, i) => this.seen.push({ label: list.length > 1 ? `${label} [loader ${i}]` : label, obs }));
    return list.at(-1)!;
  }

  /** A page request (cookie): the loaders of the matched chain, or the action for a form post. */
  async page(url: string, opts: Omit<CallOptions, "cookie" | "token"> & { route?: string } = {}) {
    const label = `${opts.method ?? "GET"} ${url}${opts.form ? " " + JSON.stringify(opts.form) : ""}`;
    const obs = await this.record(label, call(opts.route ?? this.routeId, url, { ...opts, cookie: this.p.cookie }));
    // A refused form comes back with what was typed in it (forms.server.ts `invalid`): not a leak.
    if (opts.form && obs.data && typeof obs.data === "object" && "values" in obs.data) {
      this.redactLast((d) => ({ ...d, values: "(echo)" }));
    }
    return obs;
  }

  /** An API request (bearer token). */
  api(method: string, url: string, json?: unknown) {
    const label = `${method} ${url}${json === undefined ? "" : " " + JSON.stringify(json)}`;
    return this.record(label, call(this.routeId, url, { method, json, token: this.p.token }));
  }

  /** Replaces the last observation's scanned text: for payloads that echo what the persona typed. */
  redactLast(fn: (data: any) => unknown) {
    const last = this.seen.at(-1)!;
    last.obs = { ...last.obs, text: JSON.stringify(fn(structuredClone(last.obs.data))) ?? "" };
  }

  /** A hidden thing answers exactly like a missing one: 404 (signed out: sent to sign in / 401 first). */
  hidden(obs: Observed, what: string, { api = false } = {}) {
    const expected = this.anonymous ? (api ? 401 : 302) : 404;
    expect.soft(obs.status, `${this.who}: ${what} → ${obs.status}, expected ${expected}`).toBe(expected);
    if (api && !this.anonymous) {
      const error = (obs.data as any)?.error;
      expect.soft(typeof error?.code, `${this.who}: ${what} has the API error shape`).toBe("string");
      expect.soft(typeof error?.message, `${this.who}: ${what} has the API error shape`).toBe("string");
    }
  }

  /** A hidden thing and a thing that does not exist get the same status and error code. */
  sameAs(obs: Observed, missing: Observed, what: string) {
    const answer = (o: Observed) => `${o.status} ${(o.data as any)?.error?.code ?? ""}`;
    expect.soft(answer(obs), `${this.who}: ${what} answers like a missing one`).toBe(answer(missing));
  }

  status(obs: Observed, expected: number | number[], what: string) {
    const list = Array.isArray(expected) ? expected : [expected];
    expect.soft(list, `${this.who}: ${what} → ${obs.status}, expected ${list.join(" or ")}`).toContain(obs.status);
  }

  /** The request was refused before it reached content: 302 to sign in for pages, 401 for the API. */
  signedOut(obs: Observed, what: string, { api = false } = {}) {
    this.status(obs, api ? 401 : 302, what);
  }
}

type Case = {
  /** Why there is little or nothing to check on this route. */
  why?: string;
  run: (c: Ctx) => Promise<void>;
};

/** Counts that must not change: nothing a persona does reaches private content. */
function contentSnapshot(s: Scenario) {
  const ids = JSON.stringify(hiddenPostIds(s));
  return JSON.stringify({
    posts: rawStatement(
      `select id, body, title, reply_count, vote_count, accepted_answer_id, edited_at from posts order by id`,
    ).all(),
    votes: rawStatement(`select post_id, user_id from post_votes order by 1, 2`).all(),
    reactions: rawStatement(
      `select post_id, user_id, kind from reactions where post_id in (select value from json_each(@ids)) order by 1, 2, 3`,
    ).all({ ids }),
    revisions: rawStatement(`select count(*) as n from post_revisions`).get(),
    pins: rawStatement(`select post_id from group_pins order by 1`).all(),
    members: rawStatement(`select group_id, user_id, role from group_members order by 1, 2`).all(),
  });
}

// ---------------------------------------------------------------------------------------------------------
// Shared probes
// ---------------------------------------------------------------------------------------------------------

/**
 * Every post intent a feed page accepts (app/web/post-actions.server.ts), aimed at hidden posts and groups.
 * A page that does not serve publishing, or fixes the group in its URL, refuses it (issue #8.7) with the same
 * 400 before looking at any id — which says nothing about what exists.
 */
async function probePostActions(
  c: Ctx,
  url: string,
  { publish = "served" }: { publish?: "served" | "refused" | "ownGroup" } = {},
) {
  const refuses = (form: Record<string, string>) =>
    !c.anonymous && form.intent === "publish" && (publish === "refused" || (publish === "ownGroup" && !!form.group));
  for (const id of hiddenPostIds(c.s)) {
    const tries: Record<string, string>[] = [
      { intent: "publish", body: "reply attempt", replyToId: String(id) },
      { intent: "react", postId: String(id), kind: "like" },
      { intent: "edit", postId: String(id), body: "edit attempt" },
      { intent: "delete", postId: String(id) },
      { intent: "pin", postId: String(id) },
      { intent: "unpin", postId: String(id) },
      // Questions (issue #9): votes on every page that lists posts; the best answer only on a thread's page.
      { intent: "vote", postId: String(id) },
      { intent: "unvote", postId: String(id) },
      ...(url.startsWith("/posts/")
        ? [
            { intent: "accept", postId: String(id) },
            { intent: "unaccept", postId: String(id) },
            // "Ask someone" (issue #9 item 4): the asker's form on a question's page.
            { intent: "ask", postId: String(id), ask: "@member" },
          ]
        : []),
    ];
    for (const form of tries) {
      const obs = await c.page(url, { method: "POST", form });
      if (refuses(form)) c.status(obs, 400, `${form.intent} on hidden post ${id} via ${url}`);
      else c.hidden(obs, `${form.intent} on hidden post ${id} via ${url}`);
    }
  }
  // Posting into a group one is not in: the secret group does not exist for them; the private group exists
  // (its name is public to employees) but refuses; a guest cannot find it at all.
  const secretForm = { intent: "publish", body: "x", group: SECRET_GROUP.slug };
  const secret = await c.page(url, { method: "POST", form: secretForm });
  if (refuses(secretForm)) c.status(secret, 400, `publish into the secret group via ${url}`);
  else c.hidden(secret, `publish into the secret group via ${url}`);
  const privForm = { intent: "publish", body: "x", group: PRIVATE_GROUP.slug };
  const priv = await c.page(url, { method: "POST", form: privForm });
  if (c.anonymous) c.signedOut(priv, "publish into the private group");
  else if (refuses(privForm)) c.status(priv, 400, `publish into the private group via ${url}`);
  else c.status(priv, c.guest ? 404 : [403, 404], `publish into the private group via ${url}`);
}

/** The search queries that must find nothing: every marker, the hidden hashtags, the secret group's name. */
/** Titles of the hidden questions as someone might type them while asking (issue #9). */
const HIDDEN_QUESTION_QUERIES = ["who owns the launch checklist?", "launch checklist", "is the cabal real?", "cabal"];

const HIDDEN_QUERIES = [
  ...Object.values(MARKERS),
  PRIVATE_TAG,
  `#${PRIVATE_TAG}`,
  SECRET_TAG,
  SECRET_GROUP.name,
  SECRET_GROUP.slug,
];

/** An id no post has. */
const MISSING_ID = 987654;

/** How many posts with SHARED_WORD each persona may find: company + public group; the guest their group's. */
const SHARED_WORD_VISIBLE: Record<PersonaName, number> = { nonMember: 2, exMember: 2, guest: 1, anonymous: 0 };

/** Visible posts of each author, per persona (profile counts must equal these). */
function visiblePostCount(author: "groupAdmin" | "member" | "exMember"): number {
  if (author === "groupAdmin") return 2; // the company and the public group control posts
  return 0; // every post of theirs is in the private or secret group
}

/** The profile of a person the guest shares no group with does not exist for the guest. */
const guestKnows = (author: string) => author === "partnerAdmin" || author === "guest";

// ---------------------------------------------------------------------------------------------------------
// The cases: one per route of the route table
// ---------------------------------------------------------------------------------------------------------

/**
 * Live events (issue #10): the requests of an event API path, aimed at the private group's event and its
 * (anonymous) question, each answering exactly like a missing event; with `crossed`, also the private question
 * through the company event's path (another event's question is missing too).
 */
type EventTarget = { event: number; question: number; comment: number; poll: number };
type EventRequest = [method: string, url: string, json?: unknown];
const eventApi = (requests: (t: EventTarget) => EventRequest[], { crossed = false } = {}): Case => ({
  run: async (c) => {
    const own = { comment: c.s.events.privateComment, poll: c.s.events.privatePoll };
    const hidden = requests({ event: c.s.events.private, question: c.s.events.privateQuestion, ...own });
    const missing = requests({ event: MISSING_ID, question: MISSING_ID, comment: MISSING_ID, poll: MISSING_ID });
    const across = requests({ event: c.s.events.company, question: c.s.events.privateQuestion, ...own });
    for (let i = 0; i < hidden.length; i++) {
      const none = await c.api(...missing[i]);
      const obs = await c.api(...hidden[i]);
      c.hidden(obs, `${hidden[i][0]} ${hidden[i][1]} (the private group's event)`, { api: true });
      c.sameAs(obs, none, `${hidden[i][0]} ${hidden[i][1]}`);
      if (crossed) {
        const other = await c.api(...across[i]);
        c.hidden(other, `${across[i][0]} ${across[i][1]} (a private question through the company event)`, {
          api: true,
        });
      }
    }
  },
});
const Q = (t: EventTarget, tail = "") => `/api/v1/events/${t.event}/questions/${t.question}${tail}`;

const minimal = (url: string, why: string): Case => ({
  why,
  run: async (c) => {
    await c.page(url);
  },
});

const cases: Record<string, Case> = {
  root: {
    why: "the layout's data is the viewer's own account, the locale and the flash",
    run: async (c) => {
      await c.page("/home");
    },
  },
  "routes/_index": minimal("/", "redirects to /home or /signin; shows nothing"),
  "routes/setup": {
    why: "first-run setup: once users exist it redirects and refuses to create an admin",
    run: async (c) => {
      const obs = await c.page("/setup");
      c.status(obs, 302, "setup once users exist");
      const post = await c.page("/setup", {
        method: "POST",
        form: { email: "x@sori.test", handle: "x", name: "x", password: "correct horse battery" },
      });
      c.status(post, [302, 400, 403, 404, 409], "setup action once users exist");
    },
  },
  "routes/signin": minimal("/signin", "the sign-in form; a signed-in visitor is redirected"),
  "routes/signup": minimal("/signup", "the sign-up form (an invitation shows only its own email and groups)"),
  "routes/signup_.confirm": {
    why: "the emailed link of a domain sign-up (issue #8.1): shows only its own email and handle; no content",
    run: async (c) => {
      const obs = await c.page("/signup/confirm?token=signup_not-a-token");
      c.status(obs, [400, 404, 410], "a bad confirmation link");
      const post = await c.page("/signup/confirm?token=signup_not-a-token", {
        method: "POST",
        form: { token: "signup_not-a-token" },
      });
      c.status(post, [400, 404, 410], "confirming with a bad link");
    },
  },
  "routes/password.forgot": {
    why: "asks for a password reset link (issue #11 §4): the same answer for any address; no content",
    run: async (c) => {
      await c.page("/password/forgot");
      const post = await c.page("/password/forgot", { method: "POST", form: { email: "nobody@sori.test" } });
      c.status(post, [200, 409], "asking for a reset link");
    },
  },
  "routes/password.reset": {
    why: "the emailed reset link (issue #11 §4): shows only its own account's email; a bad link sets nothing",
    run: async (c) => {
      const obs = await c.page("/password/reset?token=reset_not-a-token");
      c.status(obs, [400], "a bad reset link");
      const post = await c.page("/password/reset?token=reset_not-a-token", {
        method: "POST",
        form: { token: "reset_not-a-token", password: "a long enough passphrase" },
      });
      c.status(post, [400], "resetting with a bad link");
    },
  },
  "routes/email.unsubscribe": {
    why: "one-click unsubscribe (issue #11 §4): needs a valid signature, no session; shows only its own address",
    run: async (c) => {
      const url = `/email/unsubscribe?u=${c.p.id}&k=digest&s=forged`;
      c.status(await c.page(url), 400, "an unsigned unsubscribe link");
      c.status(
        await c.page(url, { method: "POST", form: { "List-Unsubscribe": "One-Click" } }),
        400,
        "forged one-click",
      );
    },
  },
  "routes/settings_.email": {
    why: "the viewer's own email digest setting (issue #11 §4); no content",
    run: async (c) => {
      await c.page("/settings/email");
      const post = await c.page("/settings/email", { method: "POST", form: { digest: "hourly" } });
      c.status(post, c.anonymous ? 302 : 400, "an unknown digest frequency");
    },
  },
  "routes/signout": {
    why: "ends the session; no content",
    run: async (c) => {
      await c.page("/signout");
    },
  },
  "routes/language": {
    why: "sets the language cookie; no content",
    run: async (c) => {
      await c.page("/language");
      await c.page("/language", { method: "POST", form: { locale: "en", redirectTo: "/home" } });
    },
  },
  "routes/healthz": minimal("/healthz", "health and outbox depth; no content"),
  "routes/questions_.stats": {
    why: "site admins (and, with ?group=, a group's admins) only; none of the personas is either",
    run: async (c) => {
      // Knowledge stats (issue #9 item 7): the company's, a department's and every group's are 404 for them.
      const queries = ["", "?days=365", "?department=Engineering"];
      for (const g of [PRIVATE_GROUP, SECRET_GROUP, PUBLIC_GROUP, PARTNER_GROUP]) queries.push(`?group=${g.slug}`);
      for (const q of queries) {
        const obs = await c.page(`/questions/stats${q}`);
        if (c.anonymous) return c.signedOut(obs, "/questions/stats");
        c.hidden(obs, `knowledge stats ${q}`);
      }
    },
  },
  "routes/settings": {
    why: "the viewer's own account and tokens only",
    run: async (c) => {
      await c.page("/settings");
    },
  },
  "routes/settings_.working-hours": {
    why: "the viewer's own working hours only; no content of others",
    run: async (c) => {
      const obs = await c.page("/settings/working-hours");
      if (c.anonymous) return c.signedOut(obs, "/settings/working-hours");
      c.status(obs, 200, "/settings/working-hours");
      await c.page("/settings/working-hours", { method: "POST", form: { intent: "company" } });
    },
  },
  "routes/notifications": {
    run: async (c) => {
      // Every tab as each persona: nothing of the hidden posts (the non-member is mentioned in the private root).
      for (const tab of ["", "?tab=unread", "?tab=mentions"]) {
        const obs = await c.page(`/notifications${tab}`);
        if (c.anonymous) return c.signedOut(obs, "/notifications");
        c.status(obs, 200, `/notifications${tab}`);
        const data = obs.data as { notifications: { target: { id: number } }[]; posts: { id: number }[] };
        const shown = [...data.notifications.map((n) => n.target.id), ...data.posts.map((p) => p.id)];
        const hidden = hiddenPostIds(c.s).filter((id) => shown.includes(id));
        expect.soft(hidden, `${c.who}: hidden posts on /notifications${tab}`).toEqual([]);
      }
      await c.page("/notifications", { method: "POST", form: { intent: "readAll" } });
    },
  },
  "routes/notifications_.mute": {
    run: async (c) => {
      // Muting a hidden thread or the secret group answers like a missing one.
      for (const id of [c.s.posts.privateRoot, c.s.posts.secretReply]) {
        const obs = await c.page("/notifications/mute", {
          method: "POST",
          form: { intent: "mute", postId: String(id) },
        });
        c.hidden(obs, `muting hidden thread ${id}`);
      }
      const secret = await c.page("/notifications/mute", {
        method: "POST",
        form: { intent: "mute", group: SECRET_GROUP.slug },
      });
      c.hidden(secret, "muting the secret group");
    },
  },
  "routes/admin": {
    why: "site admins only; none of the personas is one",
    run: async (c) => {
      const obs = await c.page("/admin");
      if (c.anonymous) c.signedOut(obs, "/admin");
      else c.status(obs, 403, "/admin");
    },
  },
  "routes/admin_.working-hours": {
    why: "the company's hours and holidays are the site admins'; none of the personas is one",
    run: async (c) => {
      const obs = await c.page("/admin/working-hours");
      if (c.anonymous) return c.signedOut(obs, "/admin/working-hours");
      c.status(obs, 403, "/admin/working-hours");
      const post = await c.page("/admin/working-hours", {
        method: "POST",
        form: { intent: "holiday-add", date: "2026-12-31", name: "종무식" },
      });
      c.status(post, 403, "adding a company holiday");
    },
  },
  "routes/admin_.synonyms": {
    why: "search synonyms are the site admins' to edit (issue #13); none of the personas is one",
    run: async (c) => {
      const obs = await c.page("/admin/synonyms");
      if (c.anonymous) return c.signedOut(obs, "/admin/synonyms");
      c.status(obs, 403, "/admin/synonyms");
      const post = await c.page("/admin/synonyms", { method: "POST", form: { intent: "add", terms: "소리, sori" } });
      c.status(post, 403, "adding a synonym group");
    },
  },

  "routes/home": {
    run: async (c) => {
      const obs = await c.page("/home");
      if (c.anonymous) return c.signedOut(obs, "/home");
      // The non-member follows the private author: only that author's company-wide post comes through.
      if (c.who === "nonMember") expect.soft(obs.text).toContain(CONTROLS.company);
      if (c.guest) expect.soft(obs.text).toContain(CONTROLS.partner);
      await probePostActions(c, "/home");
      // The newcomer's one-click suggestions (issue #12 item 8) post here too: joining the secret group by its slug
      // answers like a group that does not exist.
      if (c.who === "nonMember" || c.guest) {
        const join = await c.page("/home", { method: "POST", form: { intent: "join-group", slug: SECRET_GROUP.slug } });
        c.hidden(join, "joining the secret group from Home's suggestions");
      }
    },
  },
  "routes/company": {
    run: async (c) => {
      const obs = await c.page("/company");
      if (c.anonymous) return c.signedOut(obs, "/company");
      if (c.guest) {
        c.status(obs, 302, "guests have no company feed: redirected to their groups");
        expect.soft(obs.location, "guest: /company redirects to /groups").toBe("/groups");
      } else {
        expect.soft(obs.text).toContain(CONTROLS.company);
        expect.soft(obs.text).toContain(CONTROLS.public);
      }
      await probePostActions(c, "/company");
    },
  },
  "routes/questions": {
    run: async (c) => {
      // The scenario's questions are all in the private and secret groups: no tab, sort or filter lists them.
      for (const status of ["unanswered", "unresolved", "answered", "all"]) {
        for (const sort of ["newest", "votes", "activity"]) {
          const obs = await c.page(`/questions?status=${status}&sort=${sort}`);
          if (c.anonymous) return c.signedOut(obs, "/questions");
          expect.soft((obs.data as any).questions, `${c.who}: ${status} questions by ${sort}`).toEqual([]);
        }
      }
      for (const mine of ["asked", "answerable"]) {
        expect.soft(((await c.page(`/questions?mine=${mine}`)).data as any).questions).toEqual([]);
      }
      await probePostActions(c, "/questions");
    },
  },
  "routes/posts.$postId": {
    run: async (c) => {
      for (const id of hiddenPostIds(c.s)) c.hidden(await c.page(`/posts/${id}`), `thread page of hidden post ${id}`);
      if (!c.anonymous && !c.guest) {
        // Control: the public post's page and who reacted to it.
        const pub = await c.page(`/posts/${c.s.posts.public}`);
        expect.soft(pub.text).toContain(CONTROLS.public);
        expect.soft((pub.data as any).reactors.map((r: any) => r.handle)).toEqual([c.s.people.member.handle]);
      }
      await probePostActions(c, `/posts/${c.s.posts.privateRoot}`);
    },
  },
  // Issue #12 item 4: the edit history, for everyone who may see the post — and nobody else.
  "routes/posts.$postId_.history": {
    run: async (c) => {
      for (const id of hiddenPostIds(c.s))
        c.hidden(await c.page(`/posts/${id}/history`), `history of hidden post ${id}`);
      if (!c.anonymous && !c.guest) c.status(await c.page(`/posts/${c.s.posts.public}/history`), 200, "public history");
    },
  },
  // Issue #11 §3: "seen by" of an announcement, and its CSV: a hidden post answers like a missing one; a post that
  // is not an announcement is not found either.
  "routes/posts.$postId_.acks": {
    run: async (c) => {
      for (const id of hiddenPostIds(c.s))
        c.hidden(await c.page(`/posts/${id}/acks`), `"seen by" of hidden post ${id}`);
      if (!c.anonymous && !c.guest)
        c.status(await c.page(`/posts/${c.s.posts.public}/acks`), 404, "not an announcement");
    },
  },
  "routes/posts.$postId_.acks[.csv]": {
    run: async (c) => {
      for (const id of hiddenPostIds(c.s)) c.hidden(await c.page(`/posts/${id}/acks.csv`), `CSV of hidden post ${id}`);
    },
  },
  // Issue #12 item 6: the no-JavaScript delete confirmation.
  "routes/posts.$postId_.delete": {
    run: async (c) => {
      for (const id of hiddenPostIds(c.s)) {
        c.hidden(await c.page(`/posts/${id}/delete`), `delete page of hidden post ${id}`);
        const obs = await c.page(`/posts/${id}/delete`, { method: "POST", form: { intent: "delete" } });
        c.hidden(obs, `delete action on hidden post ${id}`);
      }
      if (!c.anonymous && !c.guest) {
        c.status(await c.page(`/posts/${c.s.posts.public}/delete`), 403, "deleting someone else's post");
      }
    },
  },
  // Issue #12 item 7: who reacted, from a card.
  "routes/posts.$postId_.reactions": {
    run: async (c) => {
      for (const id of hiddenPostIds(c.s)) c.hidden(await c.page(`/posts/${id}/reactions`), `reactors of ${id}`);
      if (!c.anonymous && !c.guest) {
        const pub = await c.page(`/posts/${c.s.posts.public}/reactions`);
        expect.soft((pub.data as any).reactors.map((r: any) => r.handle)).toEqual([c.s.people.member.handle]);
      }
    },
  },
  "routes/posts.$postId_.edit": {
    run: async (c) => {
      for (const id of hiddenPostIds(c.s)) {
        // 404, not 403: the edit page must not tell that the post exists (edit history included).
        c.hidden(await c.page(`/posts/${id}/edit`), `edit page of hidden post ${id}`);
        const obs = await c.page(`/posts/${id}/edit`, {
          method: "POST",
          form: { intent: "edit", postId: String(id), body: "edit attempt" },
        });
        c.hidden(obs, `edit action on hidden post ${id}`);
      }
    },
  },
  "routes/posts.preview": {
    run: async (c) => {
      const { member, nonMember } = c.s.people;
      const mentions = `@${member.handle} @${nonMember.handle}`;
      for (const id of hiddenPostIds(c.s)) {
        const obs = await c.page("/posts/preview", { method: "POST", form: { body: mentions, replyToId: String(id) } });
        c.hidden(obs, `preview of a reply to hidden post ${id}`);
      }
      const secret = await c.page("/posts/preview", {
        method: "POST",
        form: { body: mentions, group: SECRET_GROUP.slug },
      });
      c.hidden(secret, "preview in the secret group");
      // Previewing in the private group must not tell who its members are: the composer's "not a member"
      // warning names the mentioned people who are not reached, so for a non-member it would list exactly the
      // non-members. Only someone who may post there gets a preview in that group.
      const priv = await c.page("/posts/preview", {
        method: "POST",
        form: { body: mentions, group: PRIVATE_GROUP.slug },
      });
      if (c.anonymous) c.signedOut(priv, "preview");
      else c.status(priv, [403, 404], "preview in the private group by someone who may not post there");
    },
  },

  // Issue #12 item 16: trending, followed and searched hashtags are the viewer's.
  "routes/hashtags._index": {
    run: async (c) => {
      const obs = await c.page("/hashtags");
      if (c.anonymous) return c.signedOut(obs, "/hashtags");
      for (const tag of [PRIVATE_TAG, SECRET_TAG]) {
        const found = await c.page(`/hashtags?q=${encodeURIComponent(tag)}`);
        expect.soft((found.data as any)?.results, `${c.who}: /hashtags?q=${tag}`).toEqual([]);
        c.redactLast((d) => ({ ...d, q: "(echo)" }));
        c.hidden(await c.page("/hashtags", { method: "POST", form: { intent: "unfollow", tag } }), `unfollow #${tag}`);
      }
    },
  },
  "routes/hashtags.$tag": {
    run: async (c) => {
      for (const tag of [PRIVATE_TAG, SECRET_TAG]) {
        const obs = await c.page(`/hashtags/${tag}`);
        if (c.anonymous) {
          c.signedOut(obs, `/hashtags/${tag}`);
          continue;
        }
        // The page echoes the tag that was asked for; it must know nothing else of it.
        expect.soft((obs.data as any)?.tag, `${c.who}: /hashtags/${tag}`).toMatchObject({ id: 0, postCount: 0 });
        expect.soft((obs.data as any)?.feed?.posts).toEqual([]);
        c.redactLast((d) => ({ ...d, tag: { ...d?.tag, name: "(echo)" } }));
        const follow = await c.page(`/hashtags/${tag}`, { method: "POST", form: { intent: "follow" } });
        c.hidden(follow, `following hidden hashtag #${tag}`);
      }
      const shared = await c.page(`/hashtags/${SHARED_TAG}`);
      if (c.anonymous) return c.signedOut(shared, "/hashtags/shared");
      const d = shared.data as any;
      if (c.guest) {
        expect.soft(d.tag).toMatchObject({ id: 0, postCount: 0 });
        c.redactLast((x) => ({ ...x, tag: { ...x.tag, name: "(echo)" } }));
      } else {
        // Used once company-wide and once in the private group: the count is the visible one.
        expect.soft(d.tag.postCount, `${c.who}: #${SHARED_TAG} count`).toBe(1);
        expect.soft(d.feed.posts.map((p: any) => p.id)).toEqual([c.s.posts.company]);
      }
      await probePostActions(c, `/hashtags/${SHARED_TAG}`);
    },
  },
  "routes/people.$handle": {
    run: async (c) => {
      for (const who of ["groupAdmin", "member", "exMember"] as const) {
        const handle = c.s.people[who].handle;
        const obs = await c.page(`/people/${handle}`);
        if (c.anonymous) {
          c.signedOut(obs, `/people/${handle}`);
          continue;
        }
        if (c.guest && !guestKnows(who)) {
          c.hidden(obs, `profile of ${handle}, outside the guest's groups`);
          continue;
        }
        const d = obs.data as any;
        const expected = visiblePostCount(who);
        expect.soft(d.profile.postCount, `${c.who}: ${handle}'s post count`).toBe(expected);
        expect.soft(d.feed.posts.length, `${c.who}: ${handle}'s posts listed`).toBe(expected);
      }
      const follow = await c.page(`/people/${c.s.people.member.handle}`, {
        method: "POST",
        form: { intent: "follow" },
      });
      if (c.guest) c.hidden(follow, "following someone outside the guest's groups");
      await probePostActions(c, `/people/${c.s.people.groupAdmin.handle}`, { publish: "refused" });
    },
  },
  // Issue #12 item 15: a profile's follower and following lists.
  "routes/people.$handle_.$list": {
    run: async (c) => {
      for (const who of ["groupAdmin", "member", "exMember"] as const) {
        for (const list of ["followers", "following"]) {
          const obs = await c.page(`/people/${c.s.people[who].handle}/${list}`);
          if (c.anonymous) c.signedOut(obs, `/people/…/${list}`);
        }
      }
      if (!c.anonymous) c.status(await c.page(`/people/${c.s.people.member.handle}/secrets`), 404, "unknown list");
    },
  },
  "routes/people._index": {
    run: async (c) => {
      const obs = await c.page("/people");
      if (c.anonymous) c.signedOut(obs, "/people");
      else if (c.guest) c.hidden(obs, "the company directory for a guest");
    },
  },
  "routes/people.suggest": {
    run: async (c) => {
      for (const q of ["a", "e", "al", "be", "de", "ca", "Kim", "Lee"]) await c.page(`/people/suggest?q=${q}`);
    },
  },
  "routes/photos.$userId": {
    run: async (c) => {
      const { groupAdmin, partnerAdmin } = c.s.people;
      const outside = await c.page(`/photos/${groupAdmin.id}`);
      const inside = await c.page(`/photos/${partnerAdmin.id}`);
      if (c.anonymous) return c.signedOut(outside, "photo");
      if (c.guest) {
        c.hidden(outside, "photo of an employee outside the guest's groups");
        c.status(inside, 200, "photo of a member of the guest's group");
      } else c.status(outside, 200, "an employee's photo for an employee");
    },
  },
  "routes/search": {
    run: async (c) => {
      for (const type of SEARCH_TYPES) {
        for (const q of HIDDEN_QUERIES) {
          const obs = await c.page(`/search?q=${encodeURIComponent(q)}&type=${type}`);
          if (c.anonymous) {
            c.signedOut(obs, "/search");
            return;
          }
          const page = (obs.data as any)?.page;
          expect.soft(page?.total ?? 0, `${c.who}: /search ${type} "${q}" total`).toBe(0);
          expect.soft(page?.results ?? [], `${c.who}: /search ${type} "${q}"`).toEqual([]);
          c.redactLast((d) => ({ ...d, q: "(echo)", echo: "(echo)", page: d?.page && { ...d.page, q: "(echo)" } }));
        }
      }
      const obs = await c.page(`/search?q=${SHARED_WORD}&type=posts`);
      const page = (obs.data as any).page;
      expect.soft(page.total, `${c.who}: /search "${SHARED_WORD}" total`).toBe(SHARED_WORD_VISIBLE[c.who]);
      expect.soft(page.results.length).toBe(SHARED_WORD_VISIBLE[c.who]);
      for (const filter of [`hashtag=${PRIVATE_TAG}`, `hashtag=${SECRET_TAG}`, `author=${c.s.people.member.handle}`]) {
        const f = await c.page(`/search?q=${SHARED_WORD}&type=posts&${filter}`);
        expect.soft((f.data as any).page?.total ?? 0, `${c.who}: /search ${filter}`).toBe(0);
        c.redactLast((d) => ({ ...d, echo: "(echo)" }));
      }
      // Filtering by a group: the secret group answers like one that does not exist; the private group finds nothing.
      const unknown = await c.page(`/search?q=${SHARED_WORD}&group=no-such-group`);
      for (const slug of [SECRET_GROUP.slug, PRIVATE_GROUP.slug]) {
        const f = await c.page(`/search?q=${SHARED_WORD}&group=${slug}`);
        expect.soft((f.data as any)?.page?.total ?? 0, `${c.who}: /search group=${slug}`).toBe(0);
        if (slug === SECRET_GROUP.slug || c.guest)
          c.status(f, unknown.status, `/search group=${slug} like an unknown group`);
        c.redactLast((d) => ({ ...d, echo: "(echo)" }));
      }
    },
  },
  "routes/questions.similar": {
    run: async (c) => {
      // Similar questions while asking (issue #9): the hidden questions' titles, bodies and best answers, and
      // words of their titles typed as a new title; the scenario's questions are all in the private and secret
      // groups, so none is ever suggested to these personas.
      for (const q of [...HIDDEN_QUESTION_QUERIES, ...HIDDEN_QUERIES]) {
        const obs = await c.page(`/questions/similar?q=${encodeURIComponent(q)}`);
        if (c.anonymous) return c.signedOut(obs, "/questions/similar");
        expect.soft((obs.data as any).questions, `${c.who}: similar questions for "${q}"`).toEqual([]);
      }
    },
  },
  "routes/search.suggest": {
    run: async (c) => {
      for (const q of HIDDEN_QUERIES) {
        const obs = await c.page(`/search/suggest?q=${encodeURIComponent(q)}`);
        if (c.anonymous) return c.signedOut(obs, "/search/suggest");
        const d = obs.data as any;
        expect.soft([...d.people, ...d.hashtags, ...d.posts], `${c.who}: suggestions for "${q}"`).toEqual([]);
      }
      // A prefix of the hidden tags and the secret group.
      for (const q of ["nightj", "ravenw", "pmro", "smro"]) await c.page(`/search/suggest?q=${q}`);
    },
  },

  // --- API ----------------------------------------------------------------------------------------------
  "api /api/v1/openapi.json": {
    why: "the API's description: the same document for everyone, with no data in it",
    run: async (c) => {
      const obs = await c.api("GET", "/api/v1/openapi.json");
      c.status(obs, 200, "the OpenAPI document");
    },
  },
  "api /api/docs": {
    why: "the reference page renders the public OpenAPI document in the browser; it holds no data",
    run: async (c) => {
      c.status(await c.api("GET", "/api/docs"), 200, "the API reference page");
    },
  },
  "api /api/v1/*": {
    run: async (c) => {
      for (const id of hiddenPostIds(c.s)) {
        c.hidden(await c.api("GET", `/api/v1/nothing/${id}`), "an unknown API path", { api: true });
      }
    },
  },
  "api /api/v1/me": {
    run: async (c) => {
      const obs = await c.api("GET", "/api/v1/me");
      if (c.anonymous) return c.signedOut(obs, "/api/v1/me", { api: true });
      // The ex-member's only post is their reply in the private group: their own count must not show it.
      if (c.who === "exMember") expect.soft((obs.data as any).posts, "ex-member's own post count").toBe(0);
    },
  },
  "api /api/v1/me/settings": {
    why: "the caller's own time zone, working hours and notification channels; no content",
    run: async (c) => {
      const obs = await c.api("GET", "/api/v1/me/settings");
      if (c.anonymous) return c.signedOut(obs, "/api/v1/me/settings", { api: true });
      c.status(obs, 200, "/api/v1/me/settings");
      c.status(await c.api("PATCH", "/api/v1/me/settings", { time_zone: "GMT+9" }), 400, "a free-text zone");
    },
  },
  "api /api/v1/feeds/home": {
    run: async (c) => {
      const obs = await c.api("GET", "/api/v1/feeds/home");
      if (c.anonymous) return c.signedOut(obs, "home feed", { api: true });
      if (c.who === "nonMember") expect.soft(obs.text).toContain(CONTROLS.company);
    },
  },
  "api /api/v1/stream": {
    run: async (c) => {
      // The live stream replayed from the beginning of the log (Last-Event-ID 0): of the scenario's posts, only
      // those the persona may see now (issue #10 §1); the scan below checks the payloads too.
      const headers = new Headers({ "Last-Event-ID": "0" });
      if (c.p.token) headers.set("Authorization", `Bearer ${c.p.token}`);
      const obs = await readStreamUntilLive(streamApi, new Request("http://localhost:3000/api/v1/stream", { headers }));
      c.seen.push({ label: "GET /api/v1/stream (Last-Event-ID: 0)", obs });
      if (c.anonymous) return c.signedOut(obs, "live stream", { api: true });
      c.status(obs, 200, "live stream");
      const sent = (obs.data as { event: string; data: string }[]).map((e) => JSON.parse(e.data).id as number);
      const hidden = hiddenPostIds(c.s).filter((id) => sent.includes(id));
      expect.soft(hidden, `${c.who}: hidden posts on the live stream`).toEqual([]);
      const own = c.guest ? c.s.posts.partner : c.s.posts.company;
      expect.soft(sent, `${c.who}: the live stream carries what they may see`).toContain(own);
    },
  },
  "api /api/v1/me/stream": {
    run: async (c) => {
      // The caller's own stream (issue #11 §5), the same stream under the notifications API's name: replayed from
      // the beginning, only what the persona may see now.
      const headers = new Headers({ "Last-Event-ID": "0" });
      if (c.p.token) headers.set("Authorization", `Bearer ${c.p.token}`);
      const obs = await readStreamUntilLive(
        streamApi,
        new Request("http://localhost:3000/api/v1/me/stream", { headers }),
      );
      c.seen.push({ label: "GET /api/v1/me/stream (Last-Event-ID: 0)", obs });
      if (c.anonymous) return c.signedOut(obs, "live stream", { api: true });
      c.status(obs, 200, "live stream");
      const sent = (obs.data as { event: string; data: string }[]).map((e) => JSON.parse(e.data).id as number);
      const hidden = hiddenPostIds(c.s).filter((id) => sent.includes(id));
      expect.soft(hidden, `${c.who}: hidden posts on the live stream`).toEqual([]);
      const own = c.guest ? c.s.posts.partner : c.s.posts.company;
      expect.soft(sent, `${c.who}: the live stream carries what they may see`).toContain(own);
    },
  },
  "api /api/v1/feeds/company": {
    run: async (c) => {
      const obs = await c.api("GET", "/api/v1/feeds/company");
      if (c.anonymous) return c.signedOut(obs, "company feed", { api: true });
      if (c.guest) c.status(obs, [403, 404], "guests have no company feed");
      else expect.soft(obs.text).toContain(CONTROLS.company);
    },
  },
  "api /api/v1/questions": {
    run: async (c) => {
      // The scenario's questions are all in the private and secret groups: no list shows them to these personas.
      for (const status of ["unanswered", "unresolved", "answered", "all"]) {
        for (const sort of ["newest", "votes", "activity"]) {
          const obs = await c.api("GET", `/api/v1/questions?status=${status}&sort=${sort}`);
          if (c.anonymous) return c.signedOut(obs, "question list", { api: true });
          expect.soft((obs.data as any).data, `${c.who}: ${status} questions by ${sort}`).toEqual([]);
        }
      }
      for (const mine of ["asked", "answerable"]) {
        expect
          .soft((await c.api("GET", `/api/v1/questions?mine=${mine}`)).data)
          .toEqual({ data: [], next_cursor: null });
      }
      for (const tag of [PRIVATE_TAG, SECRET_TAG]) {
        expect
          .soft((await c.api("GET", `/api/v1/questions?hashtag=${tag}`)).data)
          .toEqual({ data: [], next_cursor: null });
      }
      const missing = await c.api("GET", "/api/v1/questions?group=no-such-group");
      for (const slug of [PRIVATE_GROUP.slug, SECRET_GROUP.slug]) {
        const obs = await c.api("GET", `/api/v1/questions?group=${slug}`);
        c.hidden(obs, `questions of ${slug}`, { api: true });
        c.sameAs(obs, missing, `questions of ${slug}`);
      }
    },
  },
  "api /api/v1/questions/stats": {
    why: "site admins (admin scope) and a group's admins only; none of the personas is either",
    run: async (c) => {
      // Knowledge stats (issue #9 item 7): the company's, a department's and every group's are 404 for them, a
      // hidden group's exactly like a missing one.
      const missing = await c.api("GET", "/api/v1/questions/stats?group=no-such-group");
      for (const q of ["", "?days=365", "?department=Engineering"]) {
        const obs = await c.api("GET", `/api/v1/questions/stats${q}`);
        if (c.anonymous) return c.signedOut(obs, "knowledge stats", { api: true });
        c.hidden(obs, `knowledge stats ${q}`, { api: true });
      }
      for (const g of [PRIVATE_GROUP, SECRET_GROUP, PUBLIC_GROUP, PARTNER_GROUP]) {
        const obs = await c.api("GET", `/api/v1/questions/stats?group=${g.slug}`);
        c.hidden(obs, `knowledge stats of ${g.slug}`, { api: true });
        c.sameAs(obs, missing, `knowledge stats of ${g.slug}`);
      }
    },
  },
  "api /api/v1/questions/similar": {
    run: async (c) => {
      for (const q of [...HIDDEN_QUESTION_QUERIES, ...HIDDEN_QUERIES]) {
        const obs = await c.api("GET", `/api/v1/questions/similar?q=${encodeURIComponent(q)}`);
        if (c.anonymous) return c.signedOut(obs, "similar questions", { api: true });
        expect.soft((obs.data as any).data, `${c.who}: similar questions for "${q}"`).toEqual([]);
      }
    },
  },
  "api /api/v1/hashtags/{tag}/posts": {
    run: async (c) => {
      for (const tag of [PRIVATE_TAG, SECRET_TAG]) {
        const obs = await c.api("GET", `/api/v1/hashtags/${tag}/posts`);
        if (c.anonymous) return c.signedOut(obs, "hashtag posts", { api: true });
        expect.soft((obs.data as any).data, `${c.who}: #${tag} posts`).toEqual([]);
      }
      const shared = await c.api("GET", `/api/v1/hashtags/${SHARED_TAG}/posts`);
      const ids = (shared.data as any).data.map((p: any) => p.id);
      expect.soft(ids, `${c.who}: #${SHARED_TAG} posts`).toEqual(c.guest ? [] : [c.s.posts.company]);
    },
  },
  "api /api/v1/posts": {
    run: async (c) => {
      const missing = await c.api("POST", "/api/v1/posts", { body: "reply attempt", reply_to_id: MISSING_ID });
      for (const id of hiddenPostIds(c.s)) {
        const obs = await c.api("POST", "/api/v1/posts", { body: "reply attempt", reply_to_id: id });
        c.hidden(obs, `API reply to hidden post ${id}`, { api: true });
        c.sameAs(obs, missing, `API reply to hidden post ${id}`);
      }
      const secret = await c.api("POST", "/api/v1/posts", { body: "x", group: SECRET_GROUP.slug });
      c.hidden(secret, "API post into the secret group", { api: true });
      const priv = await c.api("POST", "/api/v1/posts", { body: "x", group: PRIVATE_GROUP.slug });
      if (c.anonymous) c.signedOut(priv, "API post", { api: true });
      else c.status(priv, c.guest ? 404 : [403, 404], "API post into the private group");
    },
  },
  "api /api/v1/posts/{id}": {
    run: async (c) => {
      const missing = await c.api("GET", `/api/v1/posts/${MISSING_ID}`);
      for (const id of hiddenPostIds(c.s)) {
        const get = await c.api("GET", `/api/v1/posts/${id}`);
        c.hidden(get, `GET hidden post ${id}`, { api: true });
        c.sameAs(get, missing, `GET hidden post ${id}`);
        c.hidden(await c.api("PATCH", `/api/v1/posts/${id}`, { body: "edit attempt" }), `PATCH ${id}`, { api: true });
        c.hidden(await c.api("DELETE", `/api/v1/posts/${id}`), `DELETE hidden post ${id}`, { api: true });
      }
      if (!c.anonymous && !c.guest) {
        const pub = await c.api("GET", `/api/v1/posts/${c.s.posts.company}`);
        c.status(pub, 200, "the company control post");
      }
    },
  },
  "api /api/v1/posts/{id}/reactions/{kind}": {
    run: async (c) => {
      for (const id of hiddenPostIds(c.s)) {
        for (const kind of REACTION_KINDS) {
          const on = await c.api("POST", `/api/v1/posts/${id}/reactions/${kind}`);
          c.hidden(on, `reacting ${kind} to hidden post ${id}`, { api: true });
        }
        const off = await c.api("DELETE", `/api/v1/posts/${id}/reactions/like`);
        c.hidden(off, `removing a reaction from hidden post ${id}`, { api: true });
      }
    },
  },
  "api /api/v1/posts/{id}/vote": {
    run: async (c) => {
      // The ex-member's own votes (cast while a member) are out of reach too: withdrawing one is "not found".
      const missing = await c.api("POST", `/api/v1/posts/${MISSING_ID}/vote`);
      for (const id of hiddenPostIds(c.s)) {
        const on = await c.api("POST", `/api/v1/posts/${id}/vote`);
        c.hidden(on, `voting on hidden post ${id}`, { api: true });
        c.sameAs(on, missing, `voting on hidden post ${id}`);
        c.hidden(await c.api("DELETE", `/api/v1/posts/${id}/vote`), `withdrawing a vote on ${id}`, { api: true });
      }
    },
  },
  "api /api/v1/posts/{id}/accept": {
    run: async (c) => {
      const missing = await c.api("POST", `/api/v1/posts/${MISSING_ID}/accept`);
      for (const id of hiddenPostIds(c.s)) {
        const on = await c.api("POST", `/api/v1/posts/${id}/accept`);
        c.hidden(on, `accepting hidden post ${id}`, { api: true });
        c.sameAs(on, missing, `accepting hidden post ${id}`);
        c.hidden(await c.api("DELETE", `/api/v1/posts/${id}/accept`), `unaccepting hidden post ${id}`, { api: true });
      }
    },
  },
  "api /api/v1/posts/{id}/ask": {
    run: async (c) => {
      const missing = await c.api("POST", `/api/v1/posts/${MISSING_ID}/ask`, { handles: ["member"] });
      for (const id of hiddenPostIds(c.s)) {
        const obs = await c.api("POST", `/api/v1/posts/${id}/ask`, { handles: ["member"] });
        c.hidden(obs, `asking someone to answer hidden post ${id}`, { api: true });
        c.sameAs(obs, missing, `asking someone to answer hidden post ${id}`);
      }
    },
  },
  // Announcements (issue #11 §3): acknowledging, and "seen by", of a post one may not see answer like a missing one.
  "api /api/v1/posts/{id}/ack": {
    run: async (c) => {
      const missing = await c.api("POST", `/api/v1/posts/${MISSING_ID}/ack`);
      for (const id of hiddenPostIds(c.s)) {
        const obs = await c.api("POST", `/api/v1/posts/${id}/ack`);
        c.hidden(obs, `acknowledging hidden post ${id}`, { api: true });
        c.sameAs(obs, missing, `acknowledging hidden post ${id}`);
      }
    },
  },
  "api /api/v1/posts/{id}/acks": {
    run: async (c) => {
      const missing = await c.api("GET", `/api/v1/posts/${MISSING_ID}/acks`);
      for (const id of hiddenPostIds(c.s)) {
        const obs = await c.api("GET", `/api/v1/posts/${id}/acks`);
        c.hidden(obs, `"seen by" of hidden post ${id}`, { api: true });
        c.sameAs(obs, missing, `"seen by" of hidden post ${id}`);
      }
    },
  },
  "api /api/v1/posts/{id}/replies": {
    run: async (c) => {
      const missing = await c.api("GET", `/api/v1/posts/${MISSING_ID}/replies`);
      for (const id of hiddenPostIds(c.s)) {
        const obs = await c.api("GET", `/api/v1/posts/${id}/replies`);
        c.hidden(obs, `replies of hidden post ${id}`, { api: true });
        c.sameAs(obs, missing, `replies of hidden post ${id}`);
      }
      if (!c.anonymous && !c.guest) {
        c.status(
          await c.api("GET", `/api/v1/posts/${c.s.posts.company}/replies`),
          200,
          "the company control's replies",
        );
      }
    },
  },
  "api /api/v1/search": {
    run: async (c) => {
      for (const type of SEARCH_TYPES) {
        for (const q of HIDDEN_QUERIES) {
          const obs = await c.api("GET", `/api/v1/search?q=${encodeURIComponent(q)}&type=${type}`);
          if (c.anonymous) return c.signedOut(obs, "API search", { api: true });
          expect.soft((obs.data as any).total, `${c.who}: API search ${type} "${q}" total`).toBe(0);
          expect.soft((obs.data as any).data, `${c.who}: API search ${type} "${q}"`).toEqual([]);
        }
      }
      // Questions (issue #9), answered or not: their titles as typed, and their best answers' text.
      for (const answered of ["1", "0"]) {
        for (const q of [...HIDDEN_QUESTION_QUERIES, MARKERS.privateAnswer, MARKERS.secretAnswer]) {
          const f = await c.api("GET", `/api/v1/search?type=questions&answered=${answered}&q=${encodeURIComponent(q)}`);
          expect.soft((f.data as any).total, `${c.who}: API questions "${q}" answered=${answered}`).toBe(0);
        }
      }
      const obs = await c.api("GET", `/api/v1/search?q=${SHARED_WORD}&type=posts`);
      expect.soft((obs.data as any).total, `${c.who}: API search "${SHARED_WORD}"`).toBe(SHARED_WORD_VISIBLE[c.who]);
      for (const filter of [`hashtag=${PRIVATE_TAG}`, `author=${c.s.people.member.handle}`]) {
        const f = await c.api("GET", `/api/v1/search?q=${SHARED_WORD}&type=posts&${filter}`);
        expect.soft((f.data as any).total, `${c.who}: API search ${filter}`).toBe(0);
      }
      const unknown = await c.api("GET", `/api/v1/search?q=${SHARED_WORD}&group=no-such-group`);
      for (const slug of [SECRET_GROUP.slug, PRIVATE_GROUP.slug]) {
        const f = await c.api("GET", `/api/v1/search?q=${SHARED_WORD}&group=${slug}`);
        expect.soft((f.data as any)?.total ?? 0, `${c.who}: API search group=${slug}`).toBe(0);
        if (slug === SECRET_GROUP.slug || c.guest) c.sameAs(f, unknown, `API search group=${slug}`);
      }
    },
  },
  "api /api/v1/users/{handle}": {
    run: async (c) => {
      for (const who of ["groupAdmin", "member", "exMember"] as const) {
        const handle = c.s.people[who].handle;
        const obs = await c.api("GET", `/api/v1/users/${handle}`);
        if (c.anonymous) return c.signedOut(obs, "API user", { api: true });
        if (c.guest && !guestKnows(who)) {
          c.hidden(obs, `API profile of ${handle} for the guest`, { api: true });
          continue;
        }
        expect.soft((obs.data as any).posts, `${c.who}: API ${handle} post count`).toBe(visiblePostCount(who));
      }
    },
  },
  "api /api/v1/users/{handle}/posts": {
    run: async (c) => {
      for (const who of ["groupAdmin", "member", "exMember"] as const) {
        const handle = c.s.people[who].handle;
        const obs = await c.api("GET", `/api/v1/users/${handle}/posts`);
        if (c.anonymous) return c.signedOut(obs, "API user posts", { api: true });
        if (c.guest && !guestKnows(who)) {
          c.hidden(obs, `API posts of ${handle} for the guest`, { api: true });
          continue;
        }
        expect.soft((obs.data as any).data.length, `${c.who}: API ${handle} posts`).toBe(visiblePostCount(who));
      }
    },
  },

  // --- Groups --------------------------------------------------------------------------------------------
  "routes/groups._index": {
    run: async (c) => {
      for (const q of ["", "raven", "night", "commons", "partner"]) {
        for (const tab of ["mine", "discover"]) {
          const obs = await c.page(`/groups?tab=${tab}&q=${q}`);
          if (c.anonymous) return c.signedOut(obs, "/groups");
          c.redactLast((d) => ({ ...d, q: "(echo)" }));
        }
      }
      // Control: employees find the private group's name (only the secret group is unlisted).
      if (!c.guest) {
        const obs = await c.page(`/groups?tab=discover`);
        expect.soft(obs.text, `${c.who}: the directory lists the private group`).toContain(PRIVATE_GROUP.name);
      }
    },
  },
  "routes/groups.new": {
    why: "the create form; shows no group content",
    run: async (c) => {
      const obs = await c.page("/groups/new");
      if (c.guest) c.status(obs, 403, "guests cannot create groups");
      // Taking a slug that is in use is refused (409, which cannot be avoided while slugs are unique) without
      // naming the group it belongs to; the form echoes what was typed.
      if (c.who === "nonMember") {
        await c.page("/groups/new", {
          method: "POST",
          form: { name: "Copy", slug: SECRET_GROUP.slug, visibility: "public", description: "" },
        });
      }
    },
  },
  "routes/groups.$slug": {
    run: async (c) => {
      const secret = await c.page(`/groups/${SECRET_GROUP.slug}`);
      c.hidden(secret, "the secret group's page");
      const priv = await c.page(`/groups/${PRIVATE_GROUP.slug}`);
      if (c.anonymous) c.signedOut(priv, "group page");
      else if (c.guest) c.hidden(priv, "the private group's page for a guest");
      else {
        // The private group's name is visible; its posts, pins and members are not.
        const d = priv.data as any;
        expect.soft(d.group.name).toBe(PRIVATE_GROUP.name);
        expect.soft(d.feed, `${c.who}: private group feed`).toBeNull();
        expect.soft(d.pinned).toEqual([]);
        c.status(await c.page(`/groups/${PUBLIC_GROUP.slug}`), 200, "the public group's page");
      }
      if (c.guest) {
        const own = await c.page(`/groups/${PARTNER_GROUP.slug}`);
        expect.soft(own.text, "the guest's own group shows its posts").toContain(CONTROLS.partner);
      }
      for (const slug of [SECRET_GROUP.slug, PRIVATE_GROUP.slug]) {
        const leave = await c.page(`/groups/${slug}`, { method: "POST", form: { intent: "leave" } });
        if (c.anonymous) c.signedOut(leave, "leave");
        else c.status(leave, slug === SECRET_GROUP.slug || c.guest ? 404 : [403, 404], `leaving ${slug}`);
      }
      const join = await c.page(`/groups/${SECRET_GROUP.slug}`, { method: "POST", form: { intent: "join" } });
      c.hidden(join, "joining the secret group");
      await probePostActions(c, `/groups/${PUBLIC_GROUP.slug}`, { publish: "ownGroup" });
    },
  },
  "routes/groups.$slug_.questions": {
    run: async (c) => {
      // The secret group does not exist for them; the private one shows its header only, as its posts page does.
      c.hidden(await c.page(`/groups/${SECRET_GROUP.slug}/questions`), "the secret group's questions");
      for (const status of ["unanswered", "unresolved", "answered", "all"]) {
        for (const sort of ["newest", "votes", "activity"]) {
          const obs = await c.page(`/groups/${PRIVATE_GROUP.slug}/questions?status=${status}&sort=${sort}`);
          if (c.anonymous) return c.signedOut(obs, "the private group's questions");
          if (c.guest) c.hidden(obs, "the private group's questions");
          else expect.soft((obs.data as any).questions, `${c.who}: ${status} questions by ${sort}`).toEqual([]);
        }
      }
      // Only the cards' intents here (no composer): a publish is refused as an unknown intent.
      await probePostActions(c, `/groups/${PRIVATE_GROUP.slug}/questions`, { publish: "refused" });
    },
  },
  "routes/hashtags.$tag_.questions": {
    run: async (c) => {
      for (const tag of [PRIVATE_TAG, SECRET_TAG, SHARED_TAG]) {
        for (const status of ["all", "answered", "unanswered"]) {
          const obs = await c.page(`/hashtags/${tag}/questions?status=${status}&sort=votes`);
          if (c.anonymous) return c.signedOut(obs, `/hashtags/${tag}/questions`);
          expect.soft((obs.data as any).questions, `${c.who}: #${tag} ${status} questions`).toEqual([]);
          // The page echoes the tag that was asked for.
          c.redactLast((d) => ({ ...d, name: "(echo)" }));
        }
      }
      // Only the cards' intents here (no composer): a publish is refused as an unknown intent.
      await probePostActions(c, `/hashtags/${SHARED_TAG}/questions`, { publish: "refused" });
    },
  },
  "routes/groups.$slug_.questions_.stats": {
    why: "a group's admins and site admins only; none of the personas is either",
    run: async (c) => {
      // Knowledge stats (issue #9 item 7): every group's answer like a group that does not exist, whatever the period.
      const missing = await c.page(`/groups/no-such-group/questions/stats`);
      for (const slug of [PRIVATE_GROUP.slug, SECRET_GROUP.slug, PUBLIC_GROUP.slug, PARTNER_GROUP.slug]) {
        for (const days of ["", "?days=365"]) {
          const obs = await c.page(`/groups/${slug}/questions/stats${days}`);
          if (c.anonymous) return c.signedOut(obs, "a group's knowledge stats");
          c.hidden(obs, `the knowledge stats of ${slug}${days}`);
          c.sameAs(obs, missing, `the knowledge stats of ${slug}${days}`);
        }
      }
    },
  },
  "routes/groups.$slug_.members": {
    run: async (c) => {
      c.hidden(await c.page(`/groups/${SECRET_GROUP.slug}/members`), "the secret group's members");
      // A private group's members are its own business: 404 to every non-member, employee or guest.
      c.hidden(await c.page(`/groups/${PRIVATE_GROUP.slug}/members`), "the private group's members");
      for (const slug of [SECRET_GROUP.slug, PRIVATE_GROUP.slug]) {
        const add = await c.page(`/groups/${slug}/members`, {
          method: "POST",
          form: { intent: "add", handles: c.p.handle || "x", emails: "" },
        });
        if (slug === SECRET_GROUP.slug || c.guest) c.hidden(add, `adding oneself to ${slug}`);
        else if (!c.anonymous) c.status(add, [403, 404], `adding oneself to ${slug}`);
        // Whether someone is a member must not show: a member, a non-member and nobody get the same answer.
        for (const intent of ["remove", "role", "approve", "decline"]) {
          const answers = new Set<string>();
          for (const handle of [c.s.people.member.handle, c.s.people.nonMember.handle, "nobody"]) {
            if (handle === c.p.handle) continue;
            const obs = await c.page(`/groups/${slug}/members`, {
              method: "POST",
              form: { intent, handle, role: "admin" },
            });
            if (slug === SECRET_GROUP.slug) c.hidden(obs, `${intent} ${handle} in the secret group`);
            answers.add(String(obs.status));
          }
          expect.soft([...answers], `${c.who}: ${intent} answers in ${slug}`).toHaveLength(1);
        }
      }
    },
  },
  "routes/groups.$slug_.settings": {
    run: async (c) => {
      c.hidden(await c.page(`/groups/${SECRET_GROUP.slug}/settings`), "the secret group's settings");
      const priv = await c.page(`/groups/${PRIVATE_GROUP.slug}/settings`);
      if (c.anonymous) c.signedOut(priv, "group settings");
      else c.status(priv, c.guest ? 404 : 403, "the private group's settings");
      for (const slug of [SECRET_GROUP.slug, PRIVATE_GROUP.slug]) {
        const forms: Record<string, string>[] = [
          { intent: "update", name: "Renamed", description: "", visibility: "public" },
          { intent: "archive" },
          { intent: "unarchive" },
        ];
        for (const form of forms) {
          const obs = await c.page(`/groups/${slug}/settings`, { method: "POST", form });
          if (slug === SECRET_GROUP.slug || c.guest) c.hidden(obs, `${form.intent} on ${slug}`);
          else if (!c.anonymous) c.status(obs, [403, 404], `${form.intent} on ${slug}`);
        }
      }
    },
  },
  "api /api/v1/groups": {
    run: async (c) => {
      for (const q of ["", "raven", "night", "cabal"]) {
        for (const mine of ["0", "1"]) {
          const obs = await c.api("GET", `/api/v1/groups?q=${q}&mine=${mine}`);
          if (c.anonymous) return c.signedOut(obs, "API groups", { api: true });
        }
      }
    },
  },
  "api /api/v1/groups/{slug}": {
    run: async (c) => {
      for (const method of ["GET", "PATCH", "DELETE"]) {
        const json = method === "PATCH" ? { description: "changed" } : undefined;
        const secret = await c.api(method, `/api/v1/groups/${SECRET_GROUP.slug}`, json);
        c.hidden(secret, `${method} the secret group`, { api: true });
      }
      const priv = await c.api("GET", `/api/v1/groups/${PRIVATE_GROUP.slug}`);
      if (c.anonymous) return c.signedOut(priv, "API group", { api: true });
      if (c.guest) c.hidden(priv, "the private group for a guest", { api: true });
      else expect.soft((priv.data as any).group.name).toBe(PRIVATE_GROUP.name);
      const patch = await c.api("PATCH", `/api/v1/groups/${PRIVATE_GROUP.slug}`, { description: "changed" });
      c.status(patch, c.guest ? 404 : 403, "editing the private group");
    },
  },
  "api /api/v1/groups/{slug}/posts": {
    run: async (c) => {
      for (const slug of [SECRET_GROUP.slug, PRIVATE_GROUP.slug]) {
        c.hidden(await c.api("GET", `/api/v1/groups/${slug}/posts`), `posts of ${slug}`, { api: true });
      }
      if (c.guest) {
        const own = await c.api("GET", `/api/v1/groups/${PARTNER_GROUP.slug}/posts`);
        expect.soft(own.text).toContain(CONTROLS.partner);
      }
    },
  },
  "api /api/v1/groups/{slug}/members": {
    run: async (c) => {
      for (const slug of [SECRET_GROUP.slug, PRIVATE_GROUP.slug]) {
        c.hidden(await c.api("GET", `/api/v1/groups/${slug}/members`), `members of ${slug}`, { api: true });
      }
      const secret = await c.api("POST", `/api/v1/groups/${SECRET_GROUP.slug}/members`, { handle: c.p.handle || "x" });
      c.hidden(secret, "adding oneself to the secret group", { api: true });
      const priv = await c.api("POST", `/api/v1/groups/${PRIVATE_GROUP.slug}/members`, { handle: c.p.handle || "x" });
      if (!c.anonymous) c.status(priv, c.guest ? 404 : 403, "adding oneself to the private group");
    },
  },
  "api /api/v1/groups/{slug}/members/{handle}": {
    run: async (c) => {
      // Whether someone is a member must not show in the answer: a member and a non-member get the same one.
      for (const slug of [SECRET_GROUP.slug, PRIVATE_GROUP.slug]) {
        const answers = [];
        for (const handle of [c.s.people.member.handle, c.s.people.nonMember.handle, "nobody"]) {
          const del = await c.api("DELETE", `/api/v1/groups/${slug}/members/${handle}`);
          const patch = await c.api("PATCH", `/api/v1/groups/${slug}/members/${handle}`, { role: "admin" });
          if (slug === SECRET_GROUP.slug) {
            c.hidden(del, `removing ${handle} from the secret group`, { api: true });
            c.hidden(patch, `promoting ${handle} in the secret group`, { api: true });
          }
          if (handle !== c.p.handle) answers.push(`${del.status}/${patch.status}`);
        }
        expect.soft(new Set(answers).size, `${c.who}: ${slug} member answers ${answers.join(", ")}`).toBe(1);
      }
    },
  },
  // Live event pages (issue #10 §2–3): the private group's event and its question answer like missing ones.
  "routes/events._index": {
    run: async (c) => {
      const obs = await c.page("/events");
      if (c.anonymous) return c.signedOut(obs, "/events");
      c.status(obs, 200, "/events");
      const data = obs.data as { live: { id: number }[]; upcoming: { id: number }[]; past: { id: number }[] };
      const ids = [...data.live, ...data.upcoming, ...data.past].map((e) => e.id);
      expect.soft(ids, `${c.who}: the private group's event on /events`).not.toContain(c.s.events.private);
    },
  },
  "routes/events.new": {
    why: "the new-event form: the personas administer no group and company-wide events are the admins'",
    run: async (c) => {
      const obs = await c.page("/events/new");
      if (c.anonymous) return c.signedOut(obs, "/events/new");
      c.status(obs, 403, "/events/new");
      const post = await c.page("/events/new", {
        method: "POST",
        form: {
          title: "x",
          kind: "seminar",
          group: PRIVATE_GROUP.slug,
          starts_at: "2030-01-01T10:00",
          ends_at: "2030-01-01T11:00",
        },
      });
      c.status(post, c.anonymous ? 302 : [403, 404], "creating an event in the private group");
    },
  },
  "routes/events.$eventId": {
    run: async (c) => {
      const { private: hidden, privateQuestion: q, privateComment: pc, privatePoll: pp, company } = c.s.events;
      const missing = await c.page(`/events/${MISSING_ID}`);
      const obs = await c.page(`/events/${hidden}`);
      c.hidden(obs, "the private group's event page");
      if (!c.anonymous) c.sameAs(obs, missing, "the private group's event page");
      const forms: Record<string, string>[] = [
        { intent: "ask", body: "ask attempt" },
        { intent: "vote", questionId: String(q) },
        { intent: "unvote", questionId: String(q) },
        { intent: "reply", questionId: String(q), body: "reply attempt" },
        { intent: "start" },
        { intent: "end" },
        // The live comments and polls beside the questions (issue #10 §4, §6).
        { intent: "comment", body: "comment attempt" },
        { intent: "deleteComment", commentId: String(pc) },
        { intent: "react", commentId: String(pc), kind: "like" },
        { intent: "unreact", commentId: String(pc), kind: "like" },
        { intent: "pollCreate", question: "poll attempt", options: "a\nb" },
        { intent: "pollOpen", pollId: String(pp) },
        { intent: "pollClose", pollId: String(pp) },
        { intent: "pollVote", pollId: String(pp), option: "0" },
      ];
      for (const form of forms) {
        c.hidden(await c.page(`/events/${hidden}`, { method: "POST", form }), `${form.intent} on the private event`);
      }
      // The private question, comment and poll through the company event's page are missing too.
      for (const intent of ["vote", "reply"]) {
        const form = { intent, questionId: String(q), body: "x" };
        c.hidden(await c.page(`/events/${company}`, { method: "POST", form }), `${intent} on a private question`);
      }
      const crossed: Record<string, string>[] = [
        { intent: "deleteComment", commentId: String(pc) },
        { intent: "react", commentId: String(pc), kind: "like" },
        { intent: "pollClose", pollId: String(pp) },
        { intent: "pollVote", pollId: String(pp), option: "0" },
      ];
      for (const form of crossed) {
        const res = await c.page(`/events/${company}`, { method: "POST", form });
        c.hidden(res, `${form.intent} on the private event's comment or poll through the company event`);
      }
      if (!c.anonymous && !c.guest) c.status(await c.page(`/events/${company}`), 200, "the company event (control)");
    },
  },
  // The presenter view (issue #10 §5): the private event's screen and its keys answer like a missing event's.
  "routes/events.$eventId_.present": {
    run: async (c) => {
      const { private: hidden, company } = c.s.events;
      const missing = await c.page(`/events/${MISSING_ID}/present`);
      const obs = await c.page(`/events/${hidden}/present`);
      c.hidden(obs, "the private event's presenter view");
      if (!c.anonymous) c.sameAs(obs, missing, "the private event's presenter view");
      for (const intent of ["next", "prev", "highlight", "answered"]) {
        const form = { intent };
        c.hidden(await c.page(`/events/${hidden}/present`, { method: "POST", form }), `${intent} on the private event`);
      }
      if (!c.anonymous && !c.guest) {
        c.status(await c.page(`/events/${company}/present`), 200, "the company event's presenter view (control)");
      }
    },
  },
  "routes/events.$eventId_.moderate": {
    run: async (c) => {
      const { private: hidden, privateQuestion: q } = c.s.events;
      c.hidden(await c.page(`/events/${hidden}/moderate`), "the private event's moderation queue");
      for (const intent of ["approve", "dismiss", "answering", "star"]) {
        const form = { intent, questionId: String(q) };
        c.hidden(
          await c.page(`/events/${hidden}/moderate`, { method: "POST", form }),
          `${intent} on the private event`,
        );
      }
      const ban = { intent: "ban", handle: c.s.people.member.handle };
      c.hidden(await c.page(`/events/${hidden}/moderate`, { method: "POST", form: ban }), "ban on the private event");
      if (!c.anonymous) {
        const company = await c.page(`/events/${c.s.events.company}/moderate`);
        c.status(company, c.guest ? 404 : 403, "the company event's queue (not theirs)");
      }
    },
  },
  "routes/events.$eventId_.export": {
    run: async (c) => {
      c.hidden(await c.page(`/events/${c.s.events.private}/export`), "the private event's CSV");
      if (!c.anonymous)
        c.status(await c.page(`/events/${c.s.events.company}/export`), c.guest ? 404 : 403, "company CSV");
    },
  },
  "routes/e.$code": {
    run: async (c) => {
      const code = rawStatement(`select code from events where id = @id`)
        .pluck()
        .get({ id: c.s.events.private }) as string;
      const missing = await c.page("/e/ZZZZZZ");
      const obs = await c.page(`/e/${code}`);
      c.hidden(obs, "joining the private event by its code");
      if (!c.anonymous) c.sameAs(obs, missing, "joining the private event by its code");
      c.hidden(await c.page(`/e/${code.toLowerCase()}`), "the code in lower case");
    },
  },
  // Live events and their open Q&A (issue #10 §2–3).
  "api /api/v1/events": {
    run: async (c) => {
      const obs = await c.api("GET", "/api/v1/events");
      if (c.anonymous) return c.signedOut(obs, "/api/v1/events", { api: true });
      const ids = ((obs.data as any)?.data ?? []).map((e: { id: number }) => e.id);
      expect.soft(ids, `${c.who}: the private group's event in the list`).not.toContain(c.s.events.private);
      if (!c.guest) expect.soft(ids, `${c.who}: the company event (control)`).toContain(c.s.events.company);
      for (const state of ["upcoming", "live", "ended"]) await c.api("GET", `/api/v1/events?state=${state}`);
      const create = await c.api("POST", "/api/v1/events", {
        title: "x",
        kind: "seminar",
        group: PRIVATE_GROUP.slug,
        starts_at: "2030-01-01T00:00:00Z",
        ends_at: "2030-01-01T01:00:00Z",
      });
      c.status(create, c.guest ? 404 : [403, 404], "creating an event in the private group");
    },
  },
  "api /api/v1/events/{id}": eventApi((t) => [
    ["GET", `/api/v1/events/${t.event}`],
    ["PATCH", `/api/v1/events/${t.event}`, { title: "edit attempt" }],
  ]),
  "api /api/v1/events/{id}/start": eventApi((t) => [["POST", `/api/v1/events/${t.event}/start`]]),
  "api /api/v1/events/{id}/end": eventApi((t) => [["POST", `/api/v1/events/${t.event}/end`]]),
  "api /api/v1/events/{id}/stream": eventApi((t) => [["GET", `/api/v1/events/${t.event}/stream`]]),
  "api /api/v1/events/{id}/export": eventApi((t) => [["GET", `/api/v1/events/${t.event}/export`]]),
  "api /api/v1/events/{id}/bans": eventApi((t) => [
    ["GET", `/api/v1/events/${t.event}/bans`],
    ["POST", `/api/v1/events/${t.event}/bans`, { handle: "betelgeuse" }],
  ]),
  "api /api/v1/events/{id}/bans/{handle}": eventApi((t) => [["DELETE", `/api/v1/events/${t.event}/bans/betelgeuse`]]),
  "api /api/v1/events/{id}/questions": eventApi((t) => [
    ["GET", `/api/v1/events/${t.event}/questions`],
    ["GET", `/api/v1/events/${t.event}/questions?status=pending`],
    ["POST", `/api/v1/events/${t.event}/questions`, { body: "ask attempt" }],
  ]),
  "api /api/v1/events/{id}/questions/{qid}": eventApi(
    (t) => [
      ["GET", Q(t)],
      ["PATCH", Q(t), { body: "edit attempt" }],
    ],
    { crossed: true },
  ),
  "api /api/v1/events/{id}/questions/{qid}/vote": eventApi(
    (t) => [
      ["POST", Q(t, "/vote")],
      ["DELETE", Q(t, "/vote")],
    ],
    { crossed: true },
  ),
  "api /api/v1/events/{id}/questions/{qid}/star": eventApi(
    (t) => [
      ["POST", Q(t, "/star")],
      ["DELETE", Q(t, "/star")],
    ],
    { crossed: true },
  ),
  "api /api/v1/events/{id}/questions/{qid}/approve": eventApi((t) => [["POST", Q(t, "/approve")]], { crossed: true }),
  "api /api/v1/events/{id}/questions/{qid}/dismiss": eventApi((t) => [["POST", Q(t, "/dismiss"), {}]], {
    crossed: true,
  }),
  "api /api/v1/events/{id}/questions/{qid}/answering": eventApi((t) => [["POST", Q(t, "/answering")]], {
    crossed: true,
  }),
  "api /api/v1/events/{id}/questions/{qid}/answered": eventApi((t) => [["POST", Q(t, "/answered"), {}]], {
    crossed: true,
  }),
  "api /api/v1/events/{id}/questions/{qid}/restore": eventApi((t) => [["POST", Q(t, "/restore")]], { crossed: true }),
  "api /api/v1/events/{id}/questions/{qid}/merge": eventApi((t) => [["POST", Q(t, "/merge"), { into: t.question }]], {
    crossed: true,
  }),
  "api /api/v1/events/{id}/questions/{qid}/reveal": eventApi(
    (t) => [["POST", Q(t, "/reveal"), { reason: "reveal attempt" }]],
    { crossed: true },
  ),
  "api /api/v1/events/{id}/questions/{qid}/replies": eventApi(
    (t) => [["POST", Q(t, "/replies"), { body: "reply attempt" }]],
    { crossed: true },
  ),
  // Live comments, segments and polls (issue #10 §4, §6): the private event's, and its comment and poll through
  // the company event's paths, answer like missing ones.
  "api /api/v1/events/{id}/comments": eventApi((t) => [
    ["GET", `/api/v1/events/${t.event}/comments`],
    ["GET", `/api/v1/events/${t.event}/comments?segment=1`],
    ["POST", `/api/v1/events/${t.event}/comments`, { body: "comment attempt" }],
  ]),
  "api /api/v1/events/{id}/comments/{cid}": eventApi(
    (t) => [["DELETE", `/api/v1/events/${t.event}/comments/${t.comment}`]],
    { crossed: true },
  ),
  "api /api/v1/events/{id}/comments/{cid}/reactions/{kind}": eventApi(
    (t) => [
      ["POST", `/api/v1/events/${t.event}/comments/${t.comment}/reactions/like`],
      ["DELETE", `/api/v1/events/${t.event}/comments/${t.comment}/reactions/like`],
    ],
    { crossed: true },
  ),
  "api /api/v1/events/{id}/segment": eventApi((t) => [["POST", `/api/v1/events/${t.event}/segment`, { index: 2 }]]),
  "api /api/v1/events/{id}/polls": eventApi((t) => [
    ["GET", `/api/v1/events/${t.event}/polls`],
    ["POST", `/api/v1/events/${t.event}/polls`, { question: "poll attempt", options: ["a", "b"] }],
  ]),
  "api /api/v1/events/{id}/polls/{pid}/open": eventApi(
    (t) => [["POST", `/api/v1/events/${t.event}/polls/${t.poll}/open`]],
    { crossed: true },
  ),
  "api /api/v1/events/{id}/polls/{pid}/close": eventApi(
    (t) => [["POST", `/api/v1/events/${t.event}/polls/${t.poll}/close`]],
    { crossed: true },
  ),
  "api /api/v1/events/{id}/polls/{pid}/vote": eventApi(
    (t) => [["POST", `/api/v1/events/${t.event}/polls/${t.poll}/vote`, { options: [1] }]],
    { crossed: true },
  ),
  // Notifications and mentions (issue #11): a mention of the non-member in the private group and the ex-member's
  // activity there before leaving create nothing they can read; the controls show they exist for members.
  "api /api/v1/notifications": {
    run: async (c) => {
      const [control] = await call("api /api/v1/notifications", "/api/v1/notifications", {
        token: c.s.controls.groupAdmin.token,
      });
      const controlTargets = ((control.data as any)?.data ?? []).map((n: any) => n.target.id);
      expect
        .soft(controlTargets, "the group admin is notified of the private thread (control)")
        .toContain(c.s.posts.privateRoot);
      for (const filter of ["all", "unread", "mentions"]) {
        const obs = await c.api("GET", `/api/v1/notifications?filter=${filter}`);
        if (c.anonymous) return c.signedOut(obs, "notifications", { api: true });
        c.status(obs, 200, `notifications (${filter})`);
        const targets = ((obs.data as any)?.data ?? []).flatMap((n: any) => [n.target.id, n.target.thread_id]);
        const hidden = hiddenPostIds(c.s).filter((id) => targets.includes(id));
        expect.soft(hidden, `${c.who}: hidden posts among notifications (${filter})`).toEqual([]);
        const groups = ((obs.data as any)?.data ?? []).filter((n: any) => n.target.type === "group");
        expect
          .soft(
            groups.map((n: any) => n.target.slug),
            `${c.who}: groups they are not in`,
          )
          .toEqual([]);
      }
    },
  },
  "api /api/v1/notifications/read": {
    run: async (c) => {
      // Everyone's notification ids: marking them read as a persona changes nobody else's.
      const all = rawStatement(`select id from notifications order by id`).pluck().all() as number[];
      const others = () =>
        rawStatement(`select id, unread from notifications where user_id <> @me order by id`).all({ me: c.p.id });
      const before = others();
      const obs = await c.api("POST", "/api/v1/notifications/read", { ids: all.slice(0, 100) });
      if (c.anonymous) c.signedOut(obs, "marking notifications read", { api: true });
      else c.status(obs, 200, "marking ids read");
      const every = await c.api("POST", "/api/v1/notifications/read", { all: true });
      if (c.anonymous) c.signedOut(every, "marking all read", { api: true });
      expect.soft(others(), `${c.who}: marking read changed someone else's notifications`).toEqual(before);
    },
  },
  "api /api/v1/mentions": {
    run: async (c) => {
      const obs = await c.api("GET", "/api/v1/mentions");
      if (c.anonymous) return c.signedOut(obs, "mentions", { api: true });
      c.status(obs, 200, "mentions");
      const ids = ((obs.data as any)?.data ?? []).map((p: { id: number }) => p.id);
      // The non-member is mentioned in the private root: it must not be listed.
      expect.soft(ids, `${c.who}: hidden posts among mentions`).toEqual([]);
    },
  },
  "api /api/v1/groups/{slug}/join": {
    run: async (c) => {
      c.hidden(await c.api("POST", `/api/v1/groups/${SECRET_GROUP.slug}/join`), "joining the secret group", {
        api: true,
      });
      const priv = await c.api("POST", `/api/v1/groups/${PRIVATE_GROUP.slug}/join`);
      // Asking to join a private group is allowed (it is listed); it grants nothing until an admin approves.
      if (c.guest) c.hidden(priv, "a guest asking to join the private group", { api: true });
      else if (!c.anonymous) expect.soft((priv.data as any).status).toBe("requested");
    },
  },
};

// ---------------------------------------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------------------------------------

describe("access contract: every route", () => {
  it("has a case for every route of the route table, and no case for a route that is gone", () => {
    const ids = ROUTES.map((r) => r.id);
    const missing = ids.filter((id) => !(id in cases));
    const stale = Object.keys(cases).filter((id) => !ids.includes(id));
    expect(missing, `routes without an access case in access-contract.test.ts: ${missing.join(", ")}`).toEqual([]);
    expect(stale, `cases for routes that no longer exist: ${stale.join(", ")}`).toEqual([]);
  });

  for (const route of ROUTES) {
    it(`${route.id} (/${route.pattern}) shows nothing of the private and secret groups`, async () => {
      const c = cases[route.id];
      if (!c) {
        expect.fail(`route ${route.id} (/${route.pattern}) has no case in access-contract.test.ts: add one`);
      }
      const s = await buildScenario();
      const before = contentSnapshot(s);
      for (const who of PERSONAS) {
        const ctx = new Ctx(s, who, route.id);
        await c.run(ctx);
        expect(ctx.seen.length, `${route.id}: the case made no request as ${who}`).toBeGreaterThan(0);
        const forbidden = forbiddenFor(s, who);
        for (const { label, obs } of ctx.seen) {
          expect.soft(obs.status, `${who} ${label}: no server error`).toBeLessThan(500);
          const text = obs.text.toLowerCase();
          const leaked = forbidden.filter((f) => text.includes(f.toLowerCase()));
          expect.soft(leaked, `${route.id} as ${who}: ${label} (status ${obs.status}) leaks`).toEqual([]);
        }
      }
      expect.soft(contentSnapshot(s), `${route.id}: a persona changed private content`).toBe(before);
    });
  }
});

describe("access contract: controls", () => {
  it("the scenario is real: members and the group admin see the private content the personas do not", async () => {
    const s = await buildScenario();
    for (const p of [s.controls.member, s.controls.groupAdmin]) {
      const thread = await call("routes/posts.$postId", `/posts/${s.posts.privateReply}`, { cookie: p.cookie });
      const text = thread.map((o) => o.text).join("\n");
      for (const m of [MARKERS.privateRoot, MARKERS.privateReply, MARKERS.exMemberReply]) expect(text).toContain(m);
      const threadData = thread.at(-1)!.data as any;
      expect(threadData.reactors.map((r: any) => r.handle).sort()).toEqual(
        [s.people.member.handle, s.people.exMember.handle].sort(),
      );
      const [search] = await call("routes/search", `/search?q=${MARKERS.privateReply}`, { cookie: p.cookie });
      expect((search.data as any).page.total).toBe(1);
      const [api] = await call("api /api/v1/search", `/api/v1/search?q=${SHARED_WORD}`, { token: p.token });
      // company, public group, private root, secret root
      expect((api.data as any).total).toBe(4);
      const [tag] = await call("routes/hashtags.$tag", `/hashtags/${PRIVATE_TAG}`, { cookie: p.cookie });
      expect((tag.data as any).tag.postCount).toBe(3);
      const [secret] = await call("api /api/v1/posts/{id}", `/api/v1/posts/${s.posts.secretRoot}`, { token: p.token });
      expect(secret.status).toBe(200);
      const [question] = await call("api /api/v1/posts/{id}", `/api/v1/posts/${s.posts.privateQuestion}`, {
        token: p.token,
      });
      expect(question.data).toMatchObject({ votes: 2, answer_count: 1, accepted_answer_id: s.posts.privateAnswer });
      const [answers] = await call(
        "api /api/v1/posts/{id}/replies",
        `/api/v1/posts/${s.posts.privateQuestion}/replies`,
        { token: p.token },
      );
      expect((answers.data as any).data).toMatchObject([{ id: s.posts.privateAnswer, is_accepted: true, votes: 1 }]);
    }
    // The group admin sees the private and the secret group's knowledge stats, with their unanswered questions.
    for (const group of [PRIVATE_GROUP, SECRET_GROUP]) {
      const [stats] = await call("routes/groups.$slug_.questions_.stats", `/groups/${group.slug}/questions/stats`, {
        cookie: s.controls.groupAdmin.cookie,
      });
      expect(stats.status, `the group admin: knowledge stats of ${group.slug}`).toBe(200);
      expect((stats.data as any).stats.asked, `questions asked in ${group.slug}`).toBeGreaterThan(0);
    }
    // The group admin sees the edit history of their own private post.
    const [edit] = await call("routes/posts.$postId_.edit", `/posts/${s.posts.privateRoot}/edit`, {
      cookie: s.controls.groupAdmin.cookie,
    });
    expect(edit.text).toContain(MARKERS.privateRevision);
  });

  it("each persona sees its own controls, so an empty answer means hidden, not broken", async () => {
    const s = await buildScenario();
    const { nonMember, exMember, guest } = s.personas;
    for (const p of [nonMember, exMember]) {
      const [feed] = await call("api /api/v1/feeds/company", "/api/v1/feeds/company", { token: p.token });
      expect(feed.text).toContain(CONTROLS.company);
      expect(feed.text).toContain(CONTROLS.public);
      const [search] = await call("routes/search", `/search?q=${CONTROLS.company}`, { cookie: p.cookie });
      expect((search.data as any).page.total).toBe(1);
    }
    const [own] = await call("api /api/v1/search", `/api/v1/search?q=${CONTROLS.partner}`, { token: guest.token });
    expect((own.data as any).total).toBe(1);
  });
});
