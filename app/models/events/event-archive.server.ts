// After the event (issue #10 §7, docs/decisions/0006-events.md): an ended event keeps what it learned as knowledge
// people find later. Each answered question with a written answer becomes a Q&A thread in the event's audience
// (its group, or the company) — a question post titled from the question, the written answer as its reply and best
// answer, credited to the host who answered — and a summary post ("타운홀 11/28: 질문 42개, 답변 30개") links to the
// event. The event page itself is the rest of the archive (questions, comments by segment, polls).
//
//   host ends it (setEventState) ──┐
//                                  ├─► archiveEndedEvent ─► posts + domain events ─► search, notifications, feeds
//   schedule ends it (sweep) ──────┘      (one transaction; events.archived_at says it is done)
//
// The posts are dated when they are written, as every post is (feeds page by id, so ids and times must agree); the
// event page keeps when each question was asked and answered.
//
// Idempotent: events.archived_at and event_questions.post_id are written in the transaction that writes the posts,
// so ending twice, two processes sweeping at once, or a crash and restart create nothing twice.
//
// Anonymity (DESIGN.md invariant 2): an anonymous question's post is authored by the host who answered it, never
// its asker, and marked anonymous: the read model shows "익명 / Anonymous", the API `author: null`, search indexes
// no author, and no feed by person lists it. The asker's id stays in event_questions alone, as during the event.
import type { GroupRef } from "#app/access/rules";
import { recordEvent } from "#app/events/domain-events.server";
import { getDb, IMMEDIATE, rawStatement } from "#app/infra/db.server";
import { insertPost, renderForAudience } from "#app/models/posts/post.server";
import { isLocale, translate, type Locale } from "#app/utils/i18n";
import { cleanDisplayText, MAX_TITLE_LENGTH } from "#app/utils/validation";
import type { EventKind, GroupVisibility } from "#db/enums";
import { EFFECTIVE_STATE } from "./event-fields";

/**
 * A question post's title from an event question: the whole question on one line when it fits in
 * MAX_TITLE_LENGTH, else cut at the last word that fits, with an ellipsis (a word longer than half the room is cut
 * where it must). The post's body keeps the whole question.
 */
export function questionTitleFrom(question: string): string {
  const text = cleanDisplayText(question.replace(/\s+/g, " "));
  if (text.length <= MAX_TITLE_LENGTH) return text;
  const room = MAX_TITLE_LENGTH - 1;
  let cut = "";
  // By code point, so an emoji is never split; lengths in UTF-16 units, as QuestionTitleSchema counts them.
  for (const ch of text) {
    if (cut.length + ch.length > room) break;
    cut += ch;
  }
  const atWord = text[cut.length] === " ";
  const space = cut.lastIndexOf(" ");
  if (!atWord && space > room / 2) cut = cut.slice(0, space);
  return `${cut.trimEnd()}…`;
}

type ArchiveEvent = {
  id: number;
  title: string;
  kind: EventKind;
  startsAt: number;
  groupId: number | null;
  visibility: GroupVisibility | null;
  groupArchivedAt: number | null;
  archivedAt: number | null;
  createdById: number | null;
};

type AnsweredQuestion = {
  id: number;
  authorId: number;
  anonymous: number;
  body: string;
  answer: string;
  answeredById: number | null;
};

/** The event's first host (the one who created it, unless they handed it on), for what nobody else signs. */
function firstHost(event: ArchiveEvent): number | null {
  const host = rawStatement(
    `select user_id from event_roles where event_id = @e and role = 'host' order by created_at, user_id limit 1`,
  )
    .pluck()
    .get({ e: event.id }) as number | undefined;
  return host ?? event.createdById;
}

/** "11/28": the event's day in the time zone of the person who signs the summary. */
function monthDay(at: number, timeZone: string): string {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat("en-US", { timeZone, month: "numeric", day: "numeric" }).formatToParts(at);
  } catch {
    parts = new Intl.DateTimeFormat("en-US", {
      timeZone: "Asia/Seoul",
      month: "numeric",
      day: "numeric",
    }).formatToParts(at);
  }
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("month")}/${part("day")}`;
}

/** Markdown link text that shows the title as typed (brackets and emphasis marks escaped). */
const linkText = (s: string) => s.replace(/[\\[\]*_`<>]/g, (c) => `\\${c}`);

/**
 * The summary post's body, in the language of the person who signs it; in both (Korean first) when they never
 * chose one — a post is read by the whole audience in one language.
 */
function summaryBody(
  event: ArchiveEvent,
  counts: { questions: number; answered: number },
  signer: { locale: string | null; timeZone: string },
): string {
  const date = monthDay(event.startsAt, signer.timeZone);
  const lines = (locale: Locale) =>
    `${translate(locale, "archive.summary", {
      kind: translate(locale, event.kind === "seminar" ? "archive.kind.seminar" : "archive.kind.town_hall"),
      date,
      questions: counts.questions,
      answered: counts.answered,
    })}\n\n${translate(locale, "archive.summaryLink", { title: linkText(event.title), url: `/events/${event.id}` })}`;
  return isLocale(signer.locale) ? lines(signer.locale) : `${lines("ko")}\n\n${lines("en")}`;
}

/**
 * Archives an event that has ended, inside the caller's write transaction (or its own): its answered questions
 * with a written answer become Q&A threads, and a summary post is written, signed by `publisherId` (the host who
 * ended it) or else the event's first host. Does nothing for an event archived already. Returns whether it did.
 * The caller has checked that the event has ended.
 */
export function archiveEndedEvent(eventId: number, { publisherId = null }: { publisherId?: number | null } = {}) {
  return getDb().transaction(() => {
    const event = rawStatement(
      `select e.id, e.title, e.kind, e.starts_at as startsAt, e.group_id as groupId, g.visibility,
              g.archived_at as groupArchivedAt, e.archived_at as archivedAt, e.created_by_id as createdById
         from events e left join groups g on g.id = e.group_id where e.id = @id`,
    ).get({ id: eventId }) as ArchiveEvent | undefined;
    if (!event || event.archivedAt != null) return false;
    const group: GroupRef | null =
      event.groupId == null
        ? null
        : { id: event.groupId, visibility: event.visibility ?? "private", archived: event.groupArchivedAt != null };
    const host = firstHost(event);
    // What the audience saw: approved, answering or answered, not merged away, the asker not banned.
    const shown = `q.event_id = @e and q.merged_into_id is null
      and not exists (select 1 from event_bans b where b.event_id = q.event_id and b.user_id = q.author_id)`;
    const answered = rawStatement(
      `select q.id, q.author_id as authorId, q.anonymous, q.body, q.answer, q.answered_by_id as answeredById
         from event_questions q
        where ${shown} and q.status = 'answered' and q.post_id is null and trim(coalesce(q.answer, '')) <> ''
        order by q.answered_at, q.id`,
    ).all({ e: event.id }) as AnsweredQuestion[];
    for (const q of answered) {
      const answererId = q.answeredById ?? host;
      if (answererId == null) continue;
      const anonymous = q.anonymous === 1;
      const asked = renderForAudience(q.body, group);
      const question = insertPost({
        // The host who answered publishes an anonymous question: the asker is never a post's author.
        authorId: anonymous ? answererId : q.authorId,
        kind: "question",
        title: questionTitleFrom(q.body),
        body: q.body,
        // Nobody is told they were mentioned "by" a host who only published someone else's words.
        rendered: anonymous ? { ...asked, mentionIds: [] } : asked,
        threadId: null,
        groupId: event.groupId,
        anonymous,
      });
      const answer = insertPost({
        authorId: answererId,
        kind: "update",
        title: null,
        body: q.answer,
        rendered: renderForAudience(q.answer, group),
        threadId: question.id,
        answers: question.id,
        groupId: event.groupId,
      });
      rawStatement(`update posts set accepted_answer_id = @a where id = @q`).run({ a: answer.id, q: question.id });
      recordEvent({
        type: "answer.accepted",
        questionId: question.id,
        answerId: answer.id,
        previousAnswerId: null,
        groupId: event.groupId,
        userId: answererId,
      });
      rawStatement(`update event_questions set post_id = @p where id = @id`).run({ p: question.id, id: q.id });
    }
    const counts = rawStatement(
      `select count(*) as questions, coalesce(sum(q.status = 'answered'), 0) as answered from event_questions q
        where ${shown} and q.status in ('approved', 'answering', 'answered')`,
    ).get({ e: event.id }) as { questions: number; answered: number };
    const signerId = publisherId ?? host;
    let summaryPostId: number | null = null;
    if (signerId != null) {
      const signer = rawStatement(`select locale, time_zone as timeZone from users where id = @id`).get({
        id: signerId,
      }) as { locale: string | null; timeZone: string };
      const body = summaryBody(event, counts, signer);
      summaryPostId = insertPost({
        authorId: signerId,
        kind: "update",
        title: null,
        body,
        rendered: renderForAudience(body, group),
        threadId: null,
        groupId: event.groupId,
      }).id;
    }
    rawStatement(`update events set archived_at = @now, summary_post_id = @s where id = @id`).run({
      id: event.id,
      now: Date.now(),
      s: summaryPostId,
    });
    return true;
  }, IMMEDIATE);
}

/**
 * Archives every event that has ended on its schedule (nobody pressed End) and is not archived yet, marking it
 * ended as the host's End would: an archived event is over, and starting it again is refused. Returns how many.
 * Run by the sweep below, and callable from the CLI or a test.
 */
export function archiveDueEvents(now = Date.now()): number {
  const due = rawStatement(
    `select e.id from events e where e.archived_at is null and ${EFFECTIVE_STATE("e")} = 'ended' order by e.ends_at`,
  )
    .pluck()
    .all({ now }) as number[];
  let done = 0;
  for (const id of due) {
    const archived = getDb().transaction(() => {
      // Checked again under the write lock: another process may have ended or archived it meanwhile.
      const row = rawStatement(
        `select e.group_id as groupId, e.state from events e
          where e.id = @id and e.archived_at is null and ${EFFECTIVE_STATE("e")} = 'ended'`,
      ).get({ id, now }) as { groupId: number | null; state: string } | undefined;
      if (!row) return false;
      if (row.state !== "ended") {
        rawStatement(
          `update events set state = 'ended', ended_at = coalesce(ended_at, ends_at), updated_at = @now where id = @id`,
        ).run({ id, now });
        recordEvent({ type: "event.state", eventId: id, groupId: row.groupId, state: "ended" });
      }
      return archiveEndedEvent(id);
    }, IMMEDIATE);
    if (archived) done++;
  }
  return done;
}

/** How often a process looks for events that ended on their schedule. */
export const ARCHIVE_SWEEP_MS = 60_000;

/**
 * Starts the sweep in this process (every ARCHIVE_SWEEP_MS, and once at start-up: an event that ended while the
 * server was down is archived when it comes back). Each process of `npm start` sweeps; the transaction's checks
 * make a second sweeper a no-op. Returns a stop function.
 */
export function startEventArchiver(intervalMs = ARCHIVE_SWEEP_MS): () => void {
  const sweep = () => {
    try {
      archiveDueEvents();
    } catch (error) {
      console.warn("event archive: sweep failed:", error instanceof Error ? error.message : error);
    }
  };
  const first = setTimeout(sweep, 0);
  const timer = setInterval(sweep, intervalMs);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
