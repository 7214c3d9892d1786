import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { previewPost } from "#app/models/posts/post.server";
import { getLocale, requireViewer, safeRedirect } from "#app/web/auth.server";
import { extractMentionCandidates } from "#app/models/posts/markdown.server";
import { offWorkUntilByHandle } from "#app/models/people/working-hours.server";
import type { Viewer } from "#app/access/rules";
import { willBeNotifiedLabel } from "#app/utils/off-work";
import { appErrorToAction, readForm } from "#app/web/forms.server";
import { pageLoader } from "#app/web/page.server";
import { parseId } from "#app/utils/ids";
import { MAX_POST_LENGTH } from "#app/utils/validation";
import { useT } from "#app/utils/use-t";
import { pageTitle } from "#app/utils/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "composer.previewTitle");

// Nothing to show without a submitted draft; signed-out visitors go to sign in.
export const loader = pageLoader(() => null);

/**
 * Composer preview: the same renderer and sanitiser as publishing, nothing stored. With `group` (a slug) or
 * `replyToId` it also names the mentioned people who could not see the post, so the composer can warn. The
 * composer asks it by fetch; without JavaScript its Preview button posts here and this page shows the preview
 * with the draft, to post from here to the page it came from (`returnTo`, issue #12 item 6).
 */
/** The mentioned people (reached by the post) who are off work, gathered by when they will be told. */
async function offWorkNotice(
  request: Request,
  viewer: Viewer,
  timeZone: string,
  body: string,
  notReached: { handle: string }[],
): Promise<string | null> {
  const skip = new Set(notReached.map((p) => p.handle));
  const handles = extractMentionCandidates(body).filter((h) => !skip.has(h));
  const off = offWorkUntilByHandle(handles);
  if (off.size === 0) return null;
  const first = Math.min(...off.values());
  return willBeNotifiedLabel(
    await getLocale(request),
    [...off.keys()].map((h) => `@${h}`),
    first,
    timeZone,
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, viewer } = await requireViewer(request);
  const form = await readForm(request, 64 * 1024);
  const body = form.get("body");
  const group = form.get("group");
  const replyToId = form.get("replyToId");
  if (typeof body !== "string" || body.length > MAX_POST_LENGTH) {
    return Response.json({ html: "", notReached: [] }, { status: 400 });
  }
  const text = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" ? v : "";
  };
  try {
    const preview = previewPost({
      viewer,
      body: body.normalize("NFC"),
      group: typeof group === "string" && group ? group : null,
      replyToId: parseId(replyToId),
    });
    return {
      ...preview,
      // "지은님은 09:00에 알림을 받습니다" (issue #11 §2): mentioned people who may see it but are off work now.
      offWork: await offWorkNotice(request, viewer, user.timeZone, body, preview.notReached),
      // The draft as typed, to post it from the no-JavaScript preview page.
      draft: {
        body,
        group: text("group"),
        replyToId: text("replyToId"),
        kind: text("kind"),
        title: text("title").slice(0, 500),
        ask: text("ask").slice(0, 300),
        returnTo: safeRedirect(form.get("returnTo")),
      },
    };
  } catch (error) {
    return appErrorToAction(error);
  }
}

type PreviewData = {
  html: string;
  notReached: { handle: string; name: string }[];
  offWork?: string | null;
  draft?: {
    body: string;
    group: string;
    replyToId: string;
    kind: string;
    title: string;
    ask: string;
    returnTo: string;
  };
};

/** The no-JavaScript preview: the rendered post, then the draft in a form that posts it where it came from. */
export default function PreviewPage() {
  const data = useActionData<PreviewData>();
  const t = useT();
  const draft = data?.draft;
  if (!draft) {
    return (
      <div className="card">
        <p className="muted">{t("error.badRequest")}</p>
        <Link to="/home">{t("nav.home")}</Link>
      </div>
    );
  }
  return (
    <div className="stack" style={{ maxWidth: 760 }}>
      <h1>{t("composer.previewTitle")}</h1>
      <div className="card preview post-body" dangerouslySetInnerHTML={{ __html: data.html }} />
      {data.notReached.length ? (
        <ul className="not-reached" role="status">
          {data.notReached.map((p) => (
            <li key={p.handle}>⚠ {t("composer.notReached", { name: p.name })}</li>
          ))}
        </ul>
      ) : null}
      {data.offWork ? (
        <p className="muted off-work" role="status">
          {data.offWork}
        </p>
      ) : null}
      <Form method="post" action={draft.returnTo} className="card composer stack">
        <input type="hidden" name="intent" value="publish" />
        {draft.replyToId ? <input type="hidden" name="replyToId" value={draft.replyToId} /> : null}
        {draft.group ? <input type="hidden" name="group" value={draft.group} /> : null}
        {draft.kind ? <input type="hidden" name="kind" value={draft.kind} /> : null}
        {draft.title ? <input type="hidden" name="title" value={draft.title} /> : null}
        {draft.ask ? <input type="hidden" name="ask" value={draft.ask} /> : null}
        <div className="field">
          <label htmlFor="preview-body">{t("composer.previewBack")}</label>
          <textarea id="preview-body" name="body" defaultValue={draft.body} rows={6} />
        </div>
        <div className="post-actions">
          <button type="submit" className="primary">
            {draft.replyToId ? t("post.reply") : t("post.submit")}
          </button>
          <button
            type="submit"
            className="secondary"
            formAction="/posts/preview"
            name="returnTo"
            value={draft.returnTo}
          >
            {t("post.preview")}
          </button>
          <Link to={draft.returnTo}>{t("post.cancel")}</Link>
        </div>
      </Form>
    </div>
  );
}
