// Announcements (issue #11 §3, §5): acknowledging one ("확인했습니다 / I've read this"; idempotent) and its
// "seen by" for the author and admins — counts overall and by department, and who has not, a page at a time.
// Access is the model's (app/models/posts/announcements.server.ts through app/access): a post the caller may not
// see answers 404, "seen by" of one that is not theirs to watch 403.
import { createRoute, z } from "@hono/zod-openapi";
import { acknowledgeAnnouncement, getAckSummary } from "#app/models/posts/announcements.server";
import { writeWithoutStalling } from "#app/infra/db.server";
import { errorResponses, type Api } from "../operation.server";
import { parseId } from "../http.server";
import { NextCursor, PageQuerySchema } from "../schemas";

const json = <S>(schema: S, description: string) => ({ description, content: { "application/json": { schema } } });
const PostIdParams = z.object({ id: z.string().openapi({ param: { name: "id", in: "path" }, example: "42" }) });

export const AckSchema = z
  .object({
    post_id: z.number().int(),
    acknowledged: z.literal(true),
    changed: z.boolean().openapi({ description: "false when the caller had already acknowledged it." }),
  })
  .openapi("Acknowledgement");

export const AckSummarySchema = z
  .object({
    post_id: z.number().int(),
    requires_ack: z.boolean(),
    acknowledged: z.number().int(),
    total: z.number().int().openapi({ description: "Its audience as it is now, without its author." }),
    departments: z.array(z.object({ department: z.string(), acknowledged: z.number().int(), total: z.number().int() })),
    not_yet: z
      .array(z.object({ handle: z.string(), name: z.string(), department: z.string() }))
      .openapi({ description: "Who has not acknowledged it, by name; a page at a time." }),
    next_cursor: NextCursor,
  })
  .openapi("AckSummary");

const ack = createRoute({
  method: "post",
  path: "/api/v1/posts/{id}/ack",
  tags: ["Posts"],
  summary: "Acknowledge an announcement addressed to the caller (idempotent; dismisses one that asks for none)",
  request: { params: PostIdParams },
  responses: { 200: json(AckSchema, "Acknowledged."), ...errorResponses },
});

const acks = createRoute({
  method: "get",
  path: "/api/v1/posts/{id}/acks",
  tags: ["Posts"],
  summary: "Who has acknowledged an announcement: counts by department and who has not (its author and admins)",
  request: { params: PostIdParams, query: PageQuerySchema },
  responses: { 200: json(AckSummarySchema, "Counts and a page of those who have not."), ...errorResponses },
});

export function registerAnnouncementRoutes(api: Api) {
  api.openapi(ack, async (c) => {
    const postId = parseId(c.req.valid("param").id);
    const viewer = c.get("viewer");
    const { changed } = await writeWithoutStalling(() => acknowledgeAnnouncement({ viewer, postId }));
    return c.json({ post_id: postId, acknowledged: true as const, changed }, 200);
  });

  api.openapi(acks, (c) => {
    const { cursor, limit } = c.req.valid("query");
    const s = getAckSummary({ viewer: c.get("viewer"), postId: parseId(c.req.valid("param").id), cursor, limit });
    return c.json(
      {
        post_id: s.postId,
        requires_ack: s.requiresAck,
        acknowledged: s.acknowledged,
        total: s.total,
        departments: s.departments,
        not_yet: s.notYet,
        next_cursor: s.nextCursor,
      },
      200,
    );
  });
}
