import { redirect, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { listCompanyFeed, listHomeFeed } from "#app/models/feeds/feed.server";
import { homeFeedScope } from "#app/models/feeds/live-scope.server";
import { getWelcome } from "#app/models/feeds/welcome.server";
import { followUser } from "#app/models/people/user.server";
import { followHashtag } from "#app/models/hashtags/hashtag.server";
import { joinGroup } from "#app/models/groups/group.server";
import { feedPageData } from "#app/web/feed-page.server";
import { requireViewer } from "#app/web/auth.server";
import { appErrorToAction, formToObject, invalid, readForm } from "#app/web/forms.server";
import { pageLoader } from "#app/web/page.server";
import { FEED_INTENTS, handlePostAction } from "#app/web/post-actions.server";
import { useT } from "#app/utils/use-t";
import { FeedPageView } from "#app/components/feed-page";
import { Welcome } from "#app/components/welcome";
import { pageTitle } from "#app/utils/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "feed.home");

// Until a newcomer follows enough, Home is the company feed with suggestions of whom to follow (issue #12 item 8).
export const loader = pageLoader(({ url, viewer }) => {
  const cursor = url.searchParams.get("cursor");
  const welcome = getWelcome(viewer);
  return {
    ...(welcome
      ? feedPageData(viewer, listCompanyFeed({ viewer, cursor }), { kind: "company" })
      : feedPageData(viewer, listHomeFeed({ viewer, cursor }), homeFeedScope(viewer))),
    welcome,
  };
});

// The welcome panel's one-click follows; every other intent is a feed card's or the composer's.
const WelcomeIntentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("follow-person"), handle: z.string().min(1).max(100) }),
  z.object({ intent: z.literal("follow-hashtag"), tag: z.string().min(1).max(100) }),
  z.object({ intent: z.literal("join-group"), slug: z.string().min(1).max(100) }),
]);

const WELCOME_INTENTS: ReadonlySet<string> = new Set(WelcomeIntentSchema.options.map((o) => o.shape.intent.value));

export async function action({ request }: ActionFunctionArgs) {
  const { viewer } = await requireViewer(request);
  const values = formToObject(await readForm(request.clone()));
  if (!WELCOME_INTENTS.has(values.intent ?? "")) return handlePostAction(request, { intents: FEED_INTENTS });
  const parsed = WelcomeIntentSchema.safeParse(values);
  if (!parsed.success) return invalid({ form: "error.badRequest" }, 400);
  try {
    const input = parsed.data;
    if (input.intent === "follow-person") followUser({ viewer, handle: input.handle, follow: true });
    else if (input.intent === "follow-hashtag") followHashtag({ viewer, name: input.tag, follow: true });
    else joinGroup({ viewer, slug: input.slug });
  } catch (error) {
    return appErrorToAction(error);
  }
  // The suggestion leaving the list (and, past the goal, Home becoming one's own) is the feedback.
  return redirect("/home", 303);
}

export default function Home() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  return (
    <FeedPageView title={t("feed.home")} data={data} intro={data.welcome ? <Welcome welcome={data.welcome} /> : null} />
  );
}
