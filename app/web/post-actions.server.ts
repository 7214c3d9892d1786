// The post mutations of the pages that show post cards (composer, reply, react, edit, delete, pin), as one
// intent union, so a form works without JavaScript on whichever page it sits and shows its errors there.
// Each page names the intents it serves and what its URL fixes (issue #8.7): an intent the page does not serve,
// or an id that contradicts the URL, is a 400 before anything is written.
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { pinPost } from "#app/models/groups/group.server";
import { acknowledgeAnnouncement } from "#app/models/posts/announcements.server";
import { PostKindSchema, deletePost, editPost, publishPost, toggleReaction } from "#app/models/posts/post.server";
import { requirePostView } from "#app/models/posts/read-model.server";
import { parseAskHandles } from "#app/models/questions/answer-requests.server";
import {
  acceptAnswer,
  questionOfAnswer,
  requestAnswers,
  setVote,
  unacceptAnswer,
} from "#app/models/questions/question.server";
import { REACTION_KINDS } from "#db/schema";
import { takePostingAllowance } from "#app/infra/rate-limit.server";
import { notFound } from "#app/utils/errors";
// Ids are read one way everywhere (issue #8.11): z.coerce.number() took "0x10" as 16 and " 373" as 373.
import { IdSchema as Id } from "#app/utils/ids";
import { requireViewer, safeRedirect } from "#app/web/auth.server";
import { redirectWithFlash } from "#app/web/flash.server";
import { appErrorToAction, formToObject, invalid, parseWith, readForm } from "#app/web/forms.server";
import { PostBodySchema, QuestionTitleSchema } from "#app/utils/validation";

// A question's title, checked beside the body so the form shows both errors at once (issue #9); publishPost
// checks it again. Read only for a question: without JavaScript the title field is sent whatever kind is chosen.
const QuestionTitleFormSchema = z.object({ title: QuestionTitleSchema });

export const PostIntentSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("publish"),
      body: PostBodySchema,
      replyToId: z.union([z.literal(""), Id]).optional(),
      // A group slug, or "" for company-wide.
      group: z.string().max(40, "error.invalid").optional(),
      kind: z.union([z.literal(""), PostKindSchema]).optional(),
      title: z.string().optional(),
      // "Ask someone" (issue #9 item 4): handles typed for a new question; read only for a question.
      ask: z.string().max(300, "error.tooLong").optional(),
      // A reply posted from a feed card returns to that feed (issue #12 item 7); a local path only.
      redirectTo: z.string().max(2000).optional(),
      // An announcement's options (issue #11 §3): checkboxes ("on" when ticked), the urgent one's reason.
      requiresAck: z.literal("on", { error: "error.invalid" }).optional(),
      urgent: z.literal("on", { error: "error.invalid" }).optional(),
      urgentReason: z.string().max(500, "error.invalid").optional(),
    }),
    // "확인했습니다 / I've read this" on a pinned announcement (or dismissing one that asks for none).
    z.object({ intent: z.literal("ack"), postId: Id }),
    z.object({ intent: z.literal("ask"), postId: Id, ask: z.string().max(300, "error.tooLong") }),
    // Questions and answers (issue #9): a vote on a question or an answer; the best answer, by the answer's id.
    z.object({ intent: z.literal("vote"), postId: Id }),
    z.object({ intent: z.literal("unvote"), postId: Id }),
    z.object({ intent: z.literal("accept"), postId: Id }),
    z.object({ intent: z.literal("unaccept"), postId: Id }),
    z.object({ intent: z.literal("pin"), postId: Id }),
    z.object({ intent: z.literal("unpin"), postId: Id }),
    // A question's title is edited beside its body (issue #9); editPost checks it.
    z.object({ intent: z.literal("edit"), postId: Id, body: PostBodySchema, title: z.string().optional() }),
    z.object({ intent: z.literal("delete"), postId: Id }),
    z.object({
      intent: z.literal("react"),
      postId: Id,
      kind: z.enum(REACTION_KINDS, { error: "error.invalid" }),
    }),
  ],
  { error: "error.invalid" },
);

export type PostIntent = z.infer<typeof PostIntentSchema>["intent"];

/** What a post card offers wherever it is shown. */
export const CARD_INTENTS = [
  "react",
  "vote",
  "unvote",
  "edit",
  "delete",
  "pin",
  "unpin",
  "ack",
] as const satisfies readonly PostIntent[];
/** A feed page with a composer: the card intents and publishing. */
export const FEED_INTENTS = ["publish", ...CARD_INTENTS] as const satisfies readonly PostIntent[];
/** A conversation page: replying, the card intents, and choosing a question's best answer. */
export const THREAD_INTENTS = [
  "publish",
  ...CARD_INTENTS,
  "accept",
  "unaccept",
  "ask",
] as const satisfies readonly PostIntent[];

export type PostActionOptions = {
  /** The intents this page serves; any other is refused before the body is acted on. */
  intents: readonly PostIntent[];
  /** A conversation page: new posts reply to this thread and cards act only on its posts. */
  threadId?: number;
  /** A group page: new posts go to this group (by slug). */
  group?: string;
  afterDelete?: (postId: number) => string;
};

export async function handlePostAction(request: Request, { intents, threadId, group, afterDelete }: PostActionOptions) {
  const { viewer } = await requireViewer(request);
  const url = new URL(request.url);
  // The request's own path, through the same check as any redirect target (a path such as "//host/…").
  const here = safeRedirect(url.pathname + url.search);
  let values: Record<string, string> = {};
  try {
    values = formToObject(await readForm(request));
    if (!intents.includes(values.intent as PostIntent)) return invalid({ form: "error.badRequest" }, 400, values);
    const parsed = parseWith(PostIntentSchema, values);
    const asking = values.intent === "publish" && values.kind === "question";
    const titled = asking ? parseWith(QuestionTitleFormSchema, { title: values.title }) : null;
    if (!parsed.ok || (titled && !titled.ok)) {
      return invalid(
        { ...(titled && !titled.ok ? titled.errors : {}), ...(parsed.ok ? {} : parsed.errors) },
        400,
        values,
      );
    }
    const input = parsed.data;
    if (input.intent === "publish") {
      // Issue #8.13: a person may publish 30 posts a minute through the forms.
      const waitMs = await takePostingAllowance(viewer.id);
      const seconds = Math.ceil(waitMs / 1000);
      if (waitMs > 0) return invalid({ form: { key: "error.rateLimited", vars: { seconds } } }, 429, values);
    }
    if (input.intent === "publish") {
      let replyToId = input.replyToId === "" || input.replyToId == null ? null : input.replyToId;
      let audience = input.group || null;
      // What the URL fixes is not up to the body: a different thread or group is a bad request.
      if (threadId != null) {
        if (replyToId != null && replyToId !== threadId) return invalid({ form: "error.badRequest" }, 400, values);
        replyToId = threadId;
      }
      if (group != null) {
        if (audience != null && audience.toLowerCase() !== group.toLowerCase()) {
          return invalid({ form: "error.badRequest" }, 400, values);
        }
        audience = group;
      }
      publishPost({
        viewer,
        body: input.body,
        replyToId,
        group: replyToId == null ? audience : null,
        kind: input.kind || undefined,
        title: titled?.ok ? titled.data.title : undefined,
        ask: asking && input.ask?.trim() ? parseAskHandles(input.ask) : [],
        // Read only for an announcement: without JavaScript the options are sent whatever kind is chosen.
        announcement:
          input.kind === "announcement"
            ? {
                requiresAck: input.requiresAck === "on",
                urgent: input.urgent === "on",
                urgentReason: input.urgent === "on" ? (input.urgentReason ?? "") : null,
              }
            : {},
      });
      return redirectWithFlash(input.redirectTo ? safeRedirect(input.redirectTo, here) : here, "post.published");
    }
    // A conversation page acts only on the posts it shows.
    if (threadId != null && requirePostView(input.postId, viewer).threadId !== threadId) throw notFound();
    switch (input.intent) {
      case "edit":
        editPost({ viewer, postId: input.postId, body: input.body, title: input.title });
        return redirectWithFlash(safeRedirect(url.pathname), "post.updated");
      case "delete":
        deletePost({ viewer, postId: input.postId });
        return redirectWithFlash(safeRedirect(afterDelete?.(input.postId) ?? here), "post.deleted");
      case "pin":
      case "unpin":
        pinPost({ viewer, postId: input.postId, pinned: input.intent === "pin" });
        return redirectWithFlash(here, input.intent === "pin" ? "group.pinned" : "group.unpinned");
      case "ack": {
        const { requiresAck } = requirePostView(input.postId, viewer).announcement ?? { requiresAck: false };
        acknowledgeAnnouncement({ viewer, postId: input.postId });
        return redirectWithFlash(here, requiresAck ? "announcement.ackDone" : "announcement.dismissed");
      }
      case "react":
        toggleReaction({ viewer, postId: input.postId, kind: input.kind });
        return redirect(here, 303);
      case "vote":
      case "unvote":
        setVote({ viewer, postId: input.postId, on: input.intent === "vote" });
        return redirect(here, 303);
      case "ask": {
        requestAnswers({ viewer, questionId: input.postId, handles: parseAskHandles(input.ask) });
        return redirectWithFlash(here, "askSomeone.doneFlash");
      }
      case "accept":
      case "unaccept": {
        const answerId = input.postId;
        const questionId = questionOfAnswer({ viewer, answerId });
        if (input.intent === "accept") acceptAnswer({ viewer, questionId, answerId });
        else unacceptAnswer({ viewer, questionId, answerId });
        return redirectWithFlash(
          here,
          input.intent === "accept" ? "question.acceptedFlash" : "question.unacceptedFlash",
        );
      }
    }
  } catch (error) {
    return appErrorToAction(error, values);
  }
}
