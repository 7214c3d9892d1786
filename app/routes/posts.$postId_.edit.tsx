import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { editPost } from "#app/models/posts/post.server";
import { listRevisions, requirePostView } from "#app/models/posts/read-model.server";
import { requireViewer } from "#app/web/auth.server";
import { forbidden } from "#app/utils/errors";
import { IdSchema, parseId } from "#app/utils/ids";
import { redirectWithFlash } from "#app/web/flash.server";
import { appErrorToAction, formToObject, invalid, parseWith, readForm } from "#app/web/forms.server";
import { pageLoader } from "#app/web/page.server";
import { PostBodySchema } from "#app/utils/validation";
import { formatDateTime } from "#app/utils/i18n";
import { useLocale, useT, useTimeZone } from "#app/utils/use-t";
import { Composer } from "#app/components/composer";
import { pageTitle } from "#app/utils/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "composer.editLabel");

// The no-JavaScript way to edit a post; with JavaScript the card edits in place.
export const loader = pageLoader(({ params, viewer }) => {
  const postId = parseId(params.postId);
  if (postId == null) throw new Response("Not found", { status: 404 });
  const post = requirePostView(postId, viewer);
  if (!post.can.edit) throw new Response("Forbidden", { status: 403 });
  return { post, revisions: listRevisions({ postId, viewer }) };
});

const EditSchema = z.object({
  // The post is the one in the URL; a form that names another is refused, not redirected to it.
  postId: IdSchema.optional(),
  body: PostBodySchema,
  // A question's title, edited beside its body (issue #9); editPost checks it.
  title: z.string().optional(),
});

/**
 * Saves an edit of the post in the URL — the only thing this page does (issue #8.7). Everything is checked
 * before the one write, so a failure never follows a change.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer } = await requireViewer(request);
  const postId = parseId(params.postId);
  if (postId == null) throw new Response("Not found", { status: 404 });
  let values: Record<string, string> = {};
  try {
    const post = requirePostView(postId, viewer);
    if (!post.can.edit) throw forbidden();
    values = formToObject(await readForm(request));
    if (values.intent !== "edit") return invalid({ form: "error.badRequest" }, 400, values);
    const parsed = parseWith(EditSchema, values);
    if (!parsed.ok) return invalid(parsed.errors, 400, values);
    if (parsed.data.postId != null && parsed.data.postId !== postId) {
      return invalid({ form: "error.badRequest" }, 400, values);
    }
    editPost({ viewer, postId, body: parsed.data.body, title: parsed.data.title });
    // After a successful save go to the conversation instead of back to this form.
    return redirectWithFlash(`/posts/${post.threadId}#post-${post.id}`, "post.updated");
  } catch (error) {
    return appErrorToAction(error, values);
  }
}

export default function EditPost() {
  const { post, revisions } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const timeZone = useTimeZone();
  return (
    <div className="stack" style={{ maxWidth: 760 }}>
      <div className="card">
        <Composer
          intent="edit"
          postId={post.id}
          defaultValue={post.body}
          defaultTitle={post.kind === "question" && post.replyToId == null ? post.title : null}
          label={t("post.edit")}
        />
      </div>
      {revisions.length ? (
        <section className="card">
          <h2>{t("post.history")}</h2>
          <ol>
            {revisions.map((r) => (
              <li key={r.id}>
                <span className="muted">{formatDateTime(locale, r.createdAt, timeZone)}</span>
                <pre style={{ whiteSpace: "pre-wrap" }}>{r.body}</pre>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </div>
  );
}
