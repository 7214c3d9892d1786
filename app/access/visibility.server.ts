// The visibility rule of rules.ts as SQL, for every query that turns rows into content. Use it with the
// parameters of visibilityParams(viewer):
//
//   rawStatement(`select … from posts p where ${VISIBLE_POST("p")} and …`).all({ ...visibilityParams(viewer), … })
//
// Keep it in step with canSeePost (tests/unit/access-rules.test.ts checks both on the same cases).
import { rawStatement } from "#app/infra/db.server";
import type { GroupRef, Viewer } from "./rules";

/** True for the rows of `posts` (aliased `alias`) the viewer may see. Needs @employee and @readable. */
export const VISIBLE_POST = (alias: string) =>
  `(${alias}.group_id is null and @employee = 1 or ${alias}.group_id in (select value from json_each(@readable)))`;

/** True for the rows of `users` (aliased `alias`) the viewer may see: canSeePerson. Needs @me, @employee, @admin, @member. */
export const VISIBLE_PERSON = (alias: string) =>
  `(${alias}.id = @me or (@employee = 1 and (${alias}.role <> 'guest' or @admin = 1)) or exists (
     select 1 from group_members vm where vm.user_id = ${alias}.id and vm.group_id in (select value from json_each(@member))))`;

/** True for the rows of `groups` (aliased `alias`) the viewer may find. Needs @employee, @admin and @member. */
export const FINDABLE_GROUP = (alias: string) =>
  `(${alias}.id in (select value from json_each(@member)) or @employee = 1 and (${alias}.visibility <> 'secret' or @admin = 1))`;

const paramsCache = new WeakMap<Viewer, VisibilityParams>();

export type VisibilityParams = { me: number; employee: 0 | 1; admin: 0 | 1; readable: string; member: string };

export function visibilityParams(viewer: Viewer): VisibilityParams {
  let params = paramsCache.get(viewer);
  if (!params) {
    params = {
      me: viewer.id,
      employee: viewer.guest ? 0 : 1,
      admin: viewer.role === "admin" ? 1 : 0,
      readable: JSON.stringify([...viewer.readable]),
      member: JSON.stringify([...viewer.memberOf]),
    };
    paramsCache.set(viewer, params);
  }
  return params;
}

/**
 * Of these accounts, those who may see a post in this audience (company-wide: null): the people a post may
 * mention and a question may ask for an answer. Anyone else is neither linked nor told (a private group's post
 * does not reach a non-member; a guest is reached only inside their groups).
 */
export function whoMaySeeAudience(ids: number[], group: Pick<GroupRef, "id" | "visibility"> | null): Set<number> {
  if (ids.length === 0) return new Set();
  const rows = rawStatement(
    `select u.id from users u where u.id in (select value from json_each(@ids)) and u.status = 'active' and (
       case when @group is null then u.role <> 'guest'
            when @public = 1 then u.role <> 'guest'
              or exists (select 1 from group_members m where m.group_id = @group and m.user_id = u.id)
            else exists (select 1 from group_members m where m.group_id = @group and m.user_id = u.id) end)`,
  )
    .pluck()
    .all({ ids: JSON.stringify(ids), group: group?.id ?? null, public: group?.visibility === "public" ? 1 : 0 });
  return new Set(rows as number[]);
}
