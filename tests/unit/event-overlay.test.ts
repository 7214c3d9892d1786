// What an event page applies from its stream without reloading (app/utils/event-overlay.ts): the lists a person
// sees after each frame, and after a reload that crosses frames in flight.
import { describe, expect, it } from "vitest";
import type { EventCommentView } from "#app/models/events/event-comments.server";
import type { EventPollView } from "#app/models/events/event-polls.server";
import type { EventQuestionView } from "#app/models/events/event-questions.server";
import { addFrame, emptyOverlay, foldOverlay, type EventOverlay } from "#app/utils/event-overlay";

const viewer = { handle: "minsu", canComment: true, canModerate: false };

const comment = (id: number, handle = "jieun"): EventCommentView => ({
  id,
  body: `c${id}`,
  html: `<p>c${id}</p>`,
  author: { handle, name: handle },
  segment: null,
  createdAt: id * 1000,
  mine: handle === viewer.handle,
  reactions: {},
  myReactions: [],
  can: { delete: handle === viewer.handle, react: true },
});

const question = (id: number, votes: number, status = "approved"): EventQuestionView =>
  ({ id, votes, status, createdAt: id * 1000, body: `q${id}` }) as EventQuestionView;

const poll = (id: number, results: EventPollView["results"]): EventPollView =>
  ({ id, options: ["a", "b"], results, status: "open" }) as EventPollView;

const created = (id: number, handle: string) => ({
  id,
  change: "created",
  body: `새 댓글 ${id}`,
  html: `<p>새 댓글 ${id}</p>`,
  author: { handle, name: handle.toUpperCase() },
  segment: 2,
  created_at: "2026-11-30T07:00:00.000Z",
});

function fold(overlay: EventOverlay, loaded: Partial<Parameters<typeof foldOverlay>[0]> = {}, limit = 50) {
  return foldOverlay(
    { from: 100, comments: [comment(3), comment(2)], questions: [], polls: [], sort: "top", ...loaded },
    overlay,
    viewer,
    limit,
  );
}

describe("event page overlay", () => {
  it("shows a new comment on top with what this viewer may do with it, once, and drops deleted and hidden ones", () => {
    let o = addFrame(emptyOverlay(), "comment", created(7, "minsu"), 101)!;
    o = addFrame(o, "comment", created(8, "bob"), 102)!;
    // The same frame again (a replay after reconnecting) changes nothing.
    o = addFrame(o, "comment", created(8, "bob"), 102)!;
    const shown = fold(o).comments!;
    expect(shown.map((c) => c.id)).toEqual([8, 7, 3, 2]);
    expect(shown[1]).toMatchObject({ mine: true, can: { delete: true, react: true }, segment: 2, body: "새 댓글 7" });
    expect(shown[0]).toMatchObject({ mine: false, can: { delete: false, react: true }, author: { name: "BOB" } });
    // A moderator may delete anyone's.
    expect(
      foldOverlay(
        { from: 100, comments: [], questions: [], polls: [], sort: "top" },
        o,
        { ...viewer, canModerate: true },
        50,
      ).comments![0].can.delete,
    ).toBe(true);

    o = addFrame(o, "comment", { id: 7, change: "deleted" }, 103)!;
    o = addFrame(o, "comment", { change: "hidden", ids: [3, 8] }, 104)!;
    expect(fold(o).comments!.map((c) => c.id)).toEqual([2]);
  });

  it("keeps the newest comments only, as the page loaded them", () => {
    let o = emptyOverlay();
    for (let id = 10; id < 15; id++) o = addFrame(o, "comment", created(id, "bob"), 100 + id)!;
    expect(fold(o, {}, 4).comments!.map((c) => c.id)).toEqual([14, 13, 12, 11]);
  });

  it("keeps a frame a reload has not seen and drops one it has, so nothing flickers back", () => {
    let o = addFrame(emptyOverlay(), "comment", created(7, "bob"), 101)!;
    o = addFrame(o, "comment", created(8, "bob"), 102)!;
    o = addFrame(o, "vote", { id: 1, votes: 5, as_of: 102 }, null)!;
    // The reload read the database at 101: it has comment 7 (and the vote count then), not 8.
    const reloaded = fold(o, {
      from: 101,
      comments: [comment(7), comment(3)],
      questions: [question(1, 4)],
    });
    expect(reloaded.comments!.map((c) => c.id)).toEqual([8, 7, 3]);
    expect(reloaded.questions[0].votes).toBe(5);
    // A later reload (at 102) has both and its own count, which wins over the older frame.
    const later = fold(o, { from: 102, comments: [comment(8), comment(7)], questions: [question(1, 6)] });
    expect(later.comments!.map((c) => c.id)).toEqual([8, 7]);
    expect(later.questions[0].votes).toBe(6);
  });

  it("moves a question up as its votes grow, the one being answered staying first; newest order stays", () => {
    const questions = [question(1, 0, "answering"), question(2, 3), question(3, 2), question(4, 2)];
    let o = addFrame(emptyOverlay(), "vote", { id: 4, votes: 4, as_of: 105 }, null)!;
    // An older count for the same question (a frame delayed behind a newer one) does not win.
    o = addFrame(o, "vote", { id: 4, votes: 1, as_of: 104 }, null)!;
    expect(fold(o, { questions }).questions.map((q) => [q.id, q.votes])).toEqual([
      [1, 0],
      [4, 4],
      [2, 3],
      [3, 2],
    ]);
    expect(fold(o, { questions, sort: "recent" }).questions.map((q) => q.id)).toEqual([1, 2, 3, 4]);
  });

  it("updates poll results and reaction counts it was shown, never revealing hidden results", () => {
    let o = addFrame(emptyOverlay(), "poll", { id: 1, results: { votes: [2, 1], voters: 3 }, as_of: 101 }, null)!;
    o = addFrame(o, "poll", { id: 2, results: { votes: [5, 5], voters: 10 }, as_of: 102 }, null)!;
    o = addFrame(o, "comment", { id: 3, change: "reactions", reactions: { like: 2, laugh: 0 }, as_of: 103 }, null)!;
    const shown = fold(o, { polls: [poll(1, { votes: [0, 0], voters: 0 }), poll(2, null)] });
    expect(shown.polls.map((p) => p.results)).toEqual([{ votes: [2, 1], voters: 3 }, null]);
    expect(shown.comments!.find((c) => c.id === 3)!.reactions).toEqual({ like: 2 });
  });

  it("leaves to a reload what it cannot apply: questions, state, parts, poll changes and malformed frames", () => {
    const o = emptyOverlay();
    for (const [type, data, id] of [
      ["question", { id: 1, change: "asked", hidden: false }, 101],
      ["state", { state: "ended", questions_open: false }, 102],
      ["segment", { index: 2, title: "데모", started_at: "2026-11-30T07:00:00.000Z" }, 103],
      ["poll", { id: 1, change: "opened", results: null }, 104],
      ["vote", { id: 1, votes: -1, as_of: 5 }, null],
      ["vote", { id: 1, votes: 2 }, null],
      ["comment", { id: 9, change: "created", author: "x" }, 105],
      ["comment", { id: 9, change: "reactions", reactions: { like: "2" }, as_of: 9 }, null],
      ["comment", "<script>", 106],
    ] as const) {
      expect(addFrame(o, type, data, id), `${type} ${JSON.stringify(data)}`).toBeNull();
    }
  });
});
