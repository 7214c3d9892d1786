import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { listHomeFeed } from "#app/models/feeds/feed.server";
import { homeFeedScope } from "#app/models/feeds/live-scope.server";
import { feedPageLoader } from "#app/web/feed-page.server";
import { FEED_INTENTS, handlePostAction } from "#app/web/post-actions.server";
import { useT } from "#app/utils/use-t";
import { FeedPageView } from "#app/components/feed-page";
import { pageTitle } from "#app/utils/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "feed.home");

export const loader = feedPageLoader(listHomeFeed, homeFeedScope);

export const action = ({ request }: ActionFunctionArgs) => handlePostAction(request, { intents: FEED_INTENTS });

export default function Home() {
  const t = useT();
  return <FeedPageView title={t("feed.home")} data={useLoaderData<typeof loader>()} />;
}
