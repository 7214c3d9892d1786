// Similar questions while asking (issue #9): `GET /api/v1/questions/similar?q=` → up to five questions the caller
// may see that resemble what they are typing (answered ones first), to stop a duplicate before it is asked.
// Registered before every `/api/v1/questions/{…}` route, so that "similar" is never read as an id.
import { createRoute, z } from "@hono/zod-openapi";
import { MAX_SIMILAR_QUESTIONS, similarQuestions } from "#app/models/questions/similar-questions.server";
import { MAX_QUERY_LENGTH } from "#search/types";
import { errorResponses, type Api } from "../operation.server";
import { PostSchema, postToJson } from "../schemas";

const SimilarQuestionsQuerySchema = z.object({
  q: z
    .string({ error: "error.invalid" })
    .max(MAX_QUERY_LENGTH, { error: "error.queryTooLong" })
    .optional()
    .openapi({
      description: `The question's title as typed so far (Korean or English; at most ${MAX_QUERY_LENGTH} characters). Empty: no questions.`,
      example: "연차 휴가 신청",
    }),
});

const SimilarQuestionsSchema = z
  .object({
    data: z
      .array(PostSchema)
      .max(MAX_SIMILAR_QUESTIONS)
      .openapi({
        description: `At most ${MAX_SIMILAR_QUESTIONS} questions, the most similar ones, answered first.`,
      }),
  })
  .openapi("SimilarQuestions");

const similar = createRoute({
  method: "get",
  path: "/api/v1/questions/similar",
  tags: ["Questions"],
  summary: "Questions like a title being typed (to avoid asking twice)",
  request: { query: SimilarQuestionsQuerySchema },
  responses: {
    200: { description: "Similar questions.", content: { "application/json": { schema: SimilarQuestionsSchema } } },
    ...errorResponses,
  },
});

export function registerSimilarQuestionRoutes(api: Api) {
  api.openapi(similar, async (c) => {
    const { q = "" } = c.req.valid("query");
    const posts = await similarQuestions({ viewer: c.get("viewer"), q });
    return c.json({ data: posts.map(postToJson) }, 200);
  });
}
