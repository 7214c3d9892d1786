// The demo company's notifications (issue #11): the seed runs the notifications consumer over everything it
// published, so the demo people find mentions, replies, reactions and answers waiting — none of their own doing,
// none about something they may not see, the older ones read.
import { describe, expect, it } from "vitest";
import { rawStatement } from "#app/infra/db.server";
import { getViewerById } from "#app/access/viewer.server";
import { countUnread, listNotifications } from "#app/models/notifications/notifications.server";
import { notificationsBehind } from "#app/events/consumers/notifications.server";
import { DEMO_LOGINS, seedDemoCompany } from "#db/seed";

describe("the seed's notifications", () => {
  it(
    "gives the demo people grouped notifications they may see, of every everyday kind",
    { timeout: 120_000 },
    async () => {
      const lines: string[] = [];
      await seedDemoCompany({ ifEmpty: false, log: (l) => lines.push(l) });
      expect(lines.some((l) => /\d+ notifications/.test(l))).toBe(true);
      expect(notificationsBehind()).toBe(0);
      const kinds = rawStatement(`select distinct kind from notifications`).pluck().all() as string[];
      expect(kinds).toEqual(expect.arrayContaining(["mention", "reply", "reaction", "answer"]));
      // Never one's own doing.
      expect(
        rawStatement(
          `select count(*) from notification_actors a join notifications n on n.id = a.notification_id
          where a.user_id = n.user_id`,
        )
          .pluck()
          .get(),
      ).toBe(0);
      // Every row is one its person may see (the read filter hides none of them).
      const perUser = rawStatement(`select user_id as id, count(*) as n from notifications group by user_id`).all() as {
        id: number;
        n: number;
      }[];
      for (const { id, n } of perUser.slice(0, 15)) {
        const viewer = getViewerById(id)!;
        expect(listNotifications({ viewer, limit: 100 }).notifications.length).toBe(Math.min(n, 100));
      }
      // The demo admin's bell counts what their list shows as unread.
      const admin = rawStatement(`select id from users where email = @e`).pluck().get({ e: DEMO_LOGINS[0].email }) as
        number | undefined;
      const viewer = getViewerById(admin!)!;
      const all = listNotifications({ viewer, limit: 100 }).notifications;
      expect(all.length).toBeGreaterThan(0);
      expect(countUnread(viewer)).toBe(all.filter((n) => n.unread).length);
      // Recent activity is waiting; what is older than two days has been read.
      expect(rawStatement(`select count(distinct unread) from notifications`).pluck().get()).toBe(2);
    },
  );
});
