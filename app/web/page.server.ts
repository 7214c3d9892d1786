// The shape every content page shares, written once: sign-in and the Viewer first, then the route's work, with
// expected use-case failures (AppError) turned into the error boundary's status — instead of the same
// try/catch in every route.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import type { Viewer } from "#app/access/rules";
import { requireViewer, type SessionUser } from "./auth.server";
import { appErrorToAction, appErrorToResponse, readForm } from "./forms.server";
import { handlePostAction, type PostIntent } from "./post-actions.server";

export type PageContext = {
  request: Request;
  params: LoaderFunctionArgs["params"];
  url: URL;
  user: SessionUser;
  viewer: Viewer;
};

/** A page loader that needs a signed-in viewer; AppErrors become 4xx responses for the ErrorBoundary. */
export function pageLoader<T>(load: (ctx: PageContext) => T | Promise<T>) {
  return async ({ request, params }: LoaderFunctionArgs): Promise<T> => {
    const { user, viewer } = await requireViewer(request);
    try {
      return await load({ request, params, url: new URL(request.url), user, viewer });
    } catch (error) {
      return appErrorToResponse(error);
    }
  };
}

/**
 * The action of a page with a follow button (a person, a hashtag) and post cards: follow/unfollow calls
 * `follow`, anything else is one of the page's post `intents` (handlePostAction). Sign-in is checked before
 * the body is read.
 */
export function followOrPostAction(
  intents: readonly PostIntent[],
  follow: (ctx: PageContext & { on: boolean }) => void,
) {
  return async ({ request, params }: ActionFunctionArgs) => {
    const { user, viewer } = await requireViewer(request);
    const intent = (await readForm(request.clone())).get("intent");
    if (intent !== "follow" && intent !== "unfollow") return handlePostAction(request, { intents });
    const url = new URL(request.url);
    try {
      follow({ request, params, url, user, viewer, on: intent === "follow" });
    } catch (error) {
      return appErrorToAction(error);
    }
    // The button's new state is the feedback.
    return redirect(url.pathname, 303);
  };
}
