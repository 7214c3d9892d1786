import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { deletePost } from "#app/models/posts/post.server";
import { requirePostView } from "#app/models/posts/read-model.server";
import { forbidden } from "#app/utils/errors";
import { IdSchema, parseId } from "#app/utils/ids";
import { requireViewer } from "#app/web/auth.server";
import { redirectWithFlash } from "#app/web/flash.server";
import { appErrorToAction, formToObject, invalid, parseWith, readForm } from "#app/web/forms.server";
import { pageLoader } from "#app/web/page.server";
import { useT } from "#app/utils/use-t";
import { pageTitle } from "#app/utils/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "post.deleteTitle");

/**
 * Delete asks first without JavaScript too (issue #12 item 6): the card's Delete opens this confirmation page
 * (with JavaScript it asks in place). A post the viewer may not see answers 404, one they may not delete 403.
 */
export const loader = pageLoader(({ params, viewer }) => {
  const postId = parseId(params.postId);
  if (postId == null) throw new Response("Not found", { status: 404 });
  const post = requirePostView(postId, viewer);
  if (!post.can.delete) throw new Response("Forbidden", { status: 403 });
  return {
    post: { id: post.id, threadId: post.threadId, html: post.html, title: post.title, author: post.author.name },
  };
});

// The post is the one in the URL; a form naming another is refused.
const DeleteSchema = z.object({ intent: z.literal("delete"), postId: IdSchema.optional() });

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer } = await requireViewer(request);
  const postId = parseId(params.postId);
  if (postId == null) throw new Response("Not found", { status: 404 });
  let values: Record<string, string> = {};
  try {
    const post = requirePostView(postId, viewer);
    if (!post.can.delete) throw forbidden();
    values = formToObject(await readForm(request));
    const parsed = parseWith(DeleteSchema, values);
    if (!parsed.ok || (parsed.data.postId != null && parsed.data.postId !== postId)) {
      return invalid({ form: "error.badRequest" }, 400, values);
    }
    deletePost({ viewer, postId });
    // A deleted root takes its conversation with it: back Home; a reply returns to its conversation.
    return redirectWithFlash(post.threadId === post.id ? "/home" : `/posts/${post.threadId}`, "post.deleted");
  } catch (error) {
    return appErrorToAction(error, values);
  }
}

export default function DeletePost() {
  const { post } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="stack" style={{ maxWidth: 760 }}>
      <h1>{t("post.deleteTitle")}</h1>
      <article className="card">
        <p className="muted">{post.author}</p>
        {post.title ? <p className="post-title">{post.title}</p> : null}
        <div className="post-body" dangerouslySetInnerHTML={{ __html: post.html }} />
      </article>
      <p>{t("post.deleteExplain")}</p>
      <Form method="post" className="post-actions">
        <input type="hidden" name="intent" value="delete" />
        <input type="hidden" name="postId" value={post.id} />
        <button type="submit" className="primary danger">
          {t("post.deleteYes")}
        </button>
        <Link to={`/posts/${post.threadId}#post-${post.id}`} className="button secondary">
          {t("post.deleteNo")}
        </Link>
      </Form>
    </div>
  );
}
