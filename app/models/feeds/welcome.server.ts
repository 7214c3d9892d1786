// A new employee's first Home (issue #12 item 8). Home shows what one follows, so a newcomer who follows nobody saw
// an empty page in a company with hundreds of posts. Until they follow WELCOME_GOAL sources (people, hashtags and
// groups together), Home shows the company feed instead, with suggestions: colleagues of their own department
// first, then the most followed people; the largest public groups they are not in; this week's hashtags.
// Employees only: a guest's Home is their groups, and the company is not theirs to browse (app/access/rules.ts).
import type { Viewer } from "#app/access/rules";
import { FINDABLE_GROUP, visibilityParams } from "#app/access/visibility.server";
import { rawStatement } from "#app/infra/db.server";
import { listTrendingHashtags } from "#app/models/hashtags/hashtag.server";

export const WELCOME_GOAL = 5;

export type Welcome = {
  name: string;
  following: number;
  goal: number;
  people: {
    id: number;
    handle: string;
    name: string;
    title: string;
    department: string;
    photoVersion: number;
    sameDepartment: boolean;
  }[];
  groups: { slug: string; name: string; members: number }[];
  hashtags: { name: string; count: number }[];
};

/** What the viewer follows: people, hashtags and groups they are in. */
function countFollowing(viewer: Viewer): number {
  const n = rawStatement(
    `select (select count(*) from follows where follower_id = @me)
          + (select count(*) from hashtag_follows where user_id = @me)`,
  )
    .pluck()
    .get({ me: viewer.id }) as number;
  return n + viewer.memberOf.size;
}

/** The welcome panel's data while the viewer follows fewer than WELCOME_GOAL sources; null after (and for guests). */
export function getWelcome(viewer: Viewer): Welcome | null {
  if (viewer.guest) return null;
  const following = countFollowing(viewer);
  if (following >= WELCOME_GOAL) return null;
  const me = rawStatement(`select name, department from users where id = @me`).get({ me: viewer.id }) as {
    name: string;
    department: string;
  };
  // Active employees the viewer does not follow yet (every employee may see every employee).
  const people = rawStatement(
    `select u.id, u.handle, u.name, u.title, u.department, u.photo_version as photoVersion,
            (u.department <> '' and u.department = @department) as sameDepartment
       from users u
      where u.id <> @me and u.status = 'active' and u.role <> 'guest'
        and u.id not in (select followee_id from follows where follower_id = @me)
      order by sameDepartment desc,
               (select count(*) from follows f where f.followee_id = u.id) desc, u.name, u.id
      limit 6`,
  )
    .all({ me: viewer.id, department: me.department })
    .map((p) => {
      const row = p as Welcome["people"][number] & { sameDepartment: number | boolean };
      return { ...row, sameDepartment: !!row.sameDepartment };
    });
  // Public groups only: a newcomer joins those with one click (private ones ask; secret ones are not findable).
  const groups = rawStatement(
    `select g.slug, g.name, (select count(*) from group_members m where m.group_id = g.id) as members
       from groups g
      where ${FINDABLE_GROUP("g")} and g.visibility = 'public' and g.archived_at is null
        and g.id not in (select value from json_each(@member))
      order by members desc, g.name limit 4`,
  ).all(visibilityParams(viewer)) as Welcome["groups"];
  const followed = new Set(
    rawStatement(`select h.name from hashtag_follows f join hashtags h on h.id = f.hashtag_id where f.user_id = @me`)
      .pluck()
      .all({ me: viewer.id }) as string[],
  );
  const hashtags = listTrendingHashtags(viewer)
    .filter((t) => !followed.has(t.name))
    .slice(0, 6);
  return { name: me.name, following, goal: WELCOME_GOAL, people, groups, hashtags };
}
