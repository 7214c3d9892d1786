// The post mutations every feed page accepts (composer, reply, react, edit, delete), as one intent union,
// so a form works without JavaScript on whichever page it sits and shows its errors there.
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { pinPost } from "#app/models/groups/group.server";
import { PostKindSchema, deletePost, editPost, publishPost, toggleReaction } from "#app/models/posts/post.server";
import { REACTION_KINDS } from "#db/schema";
import { takePostingAllowance } from "#app/infra/rate-limit.server";
import { requireViewer } from "#app/web/auth.server";
import { redirectWithFlash } from "#app/web/flash.server";
import { appErrorToAction, formToObject, invalid, parseWith, readForm } from "#app/web/forms.server";
import { PostBodySchema } from "#app/utils/validation";

const Id = z.coerce.number({ invalid_type_error: "error.invalid" }).int("error.invalid").positive("error.invalid");

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
    }),
    z.object({ intent: z.literal("pin"), postId: Id }),
    z.object({ intent: z.literal("unpin"), postId: Id }),
    z.object({ intent: z.literal("edit"), postId: Id, body: PostBodySchema }),
    z.object({ intent: z.literal("delete"), postId: Id }),
    z.object({
      intent: z.literal("react"),
      postId: Id,
      kind: z.enum(REACTION_KINDS, { errorMap: () => ({ message: "error.invalid" }) }),
    }),
  ],
  { errorMap: () => ({ message: "error.invalid" }) },
);

export async function handlePostAction(
  request: Request,
  { afterDelete }: { afterDelete?: (postId: number) => string } = {},
) {
  const { viewer } = await requireViewer(request);
  const url = new URL(request.url);
  const here = url.pathname + url.search;
  let values: Record<string, string> = {};
  try {
    values = formToObject(await readForm(request));
    const parsed = parseWith(PostIntentSchema, values);
    if (!parsed.ok) return invalid(parsed.errors, 400, values);
    const input = parsed.data;
    if (input.intent === "publish") {
      // Issue #8.13: a person may publish 30 posts a minute through the forms.
      const waitMs = await takePostingAllowance(viewer.id);
      const seconds = Math.ceil(waitMs / 1000);
      if (waitMs > 0) return invalid({ form: { key: "error.rateLimited", vars: { seconds } } }, 429, values);
    }
    switch (input.intent) {
      case "publish": {
        const replyToId = input.replyToId === "" || input.replyToId == null ? null : input.replyToId;
        publishPost({
          viewer,
          body: input.body,
          replyToId,
          group: replyToId == null && input.group ? input.group : null,
          kind: input.kind || undefined,
        });
        return redirectWithFlash(here, "post.published");
      }
      case "edit":
        editPost({ viewer, postId: input.postId, body: input.body });
        return redirectWithFlash(url.pathname, "post.updated");
      case "delete":
        deletePost({ viewer, postId: input.postId });
        return redirectWithFlash(afterDelete?.(input.postId) ?? here, "post.deleted");
      case "pin":
      case "unpin":
        pinPost({ viewer, postId: input.postId, pinned: input.intent === "pin" });
        return redirectWithFlash(here, input.intent === "pin" ? "group.pinned" : "group.unpinned");
      case "react":
        toggleReaction({ viewer, postId: input.postId, kind: input.kind });
        return redirect(here, 303);
    }
  } catch (error) {
    return appErrorToAction(error, values);
  }
}
