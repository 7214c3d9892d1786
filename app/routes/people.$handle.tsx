import type { MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { listProfileFeed } from "#app/models/feeds/feed.server";
import { followUser, getProfile } from "#app/models/people/user.server";
import { offWorkUntil } from "#app/models/people/working-hours.server";
import { getLocale } from "#app/web/auth.server";
import { offWorkLabel } from "#app/utils/off-work";
import { followOrPostAction, pageLoader } from "#app/web/page.server";
import { CARD_INTENTS } from "#app/web/post-actions.server";
import { useT } from "#app/utils/use-t";
import { Avatar } from "#app/components/avatar";
import { FeedList, GuestBadge } from "#app/components/post-card";
import { contentTitle } from "#app/utils/page-title";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  contentTitle(matches, data?.profile.name, "people.title");

export const loader = pageLoader(async ({ params, url, viewer, user, request }) => {
  const profile = getProfile({ handle: params.handle ?? "", viewer });
  // "퇴근 · 09:00에 알림" (issue #11 §2): when a message to them would reach them, in the viewer's zone.
  const until = profile.status === "active" ? offWorkUntil([profile.id]).get(profile.id) : undefined;
  const offWork = until != null ? offWorkLabel(await getLocale(request), until, user.timeZone) : null;
  return {
    profile,
    offWork,
    feed: listProfileFeed({ viewer, authorId: profile.id, cursor: url.searchParams.get("cursor") }),
  };
});

// A profile has no composer: its cards' intents only.
export const action = followOrPostAction(CARD_INTENTS, ({ params, viewer, on }) =>
  followUser({ viewer, handle: params.handle ?? "", follow: on }),
);

export default function Profile() {
  const { profile, feed, offWork } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="stack" style={{ maxWidth: 760 }}>
      <section className="card profile-head">
        <Avatar user={profile} size={96} />
        <div>
          <h1>
            {profile.name} <GuestBadge person={profile} />
          </h1>
          <p className="muted">
            @{profile.handle} · {[profile.title, profile.department].filter(Boolean).join(" · ")}
          </p>
          {profile.status !== "active" ? <p className="error">{t("profile.deactivated")}</p> : null}
          {offWork ? <p className="muted off-work">{offWork}</p> : null}
          {profile.bio ? <p>{profile.bio}</p> : null}
          <p className="counts">
            <span>
              <strong>{profile.postCount}</strong> {t("profile.posts")}
            </span>
            {/* The counts open the lists (issue #12 item 15). */}
            <Link to={`/people/${profile.handle}/followers`}>
              <strong>{profile.followers}</strong> {t("profile.followers")}
            </Link>
            <Link to={`/people/${profile.handle}/following`}>
              <strong>{profile.following}</strong> {t("profile.following")}
            </Link>
          </p>
        </div>
        {!profile.isSelf && profile.status === "active" ? (
          <Form method="post" style={{ marginLeft: "auto" }}>
            <button
              type="submit"
              name="intent"
              value={profile.isFollowing ? "unfollow" : "follow"}
              className={profile.isFollowing ? "secondary" : "primary"}
            >
              {profile.isFollowing ? t("profile.unfollow") : t("profile.follow")}
            </button>
          </Form>
        ) : null}
      </section>
      <FeedList posts={feed.posts} nextCursor={feed.nextCursor} />
    </div>
  );
}
