import type { LoaderFunctionArgs } from "@remix-run/node";
import { similarQuestions } from "#app/models/questions/similar-questions.server";
import { requireViewer } from "#app/web/auth.server";
import { MAX_TITLE_LENGTH } from "#app/utils/validation";

/**
 * Similar questions for the composer's Question mode (issue #9): up to five questions the logged-in person may
 * see, like the title being typed (answered first). A title is at most MAX_TITLE_LENGTH characters, so longer
 * input is cut there rather than refused.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const { viewer } = await requireViewer(request);
  const q = (new URL(request.url).searchParams.get("q") ?? "").slice(0, MAX_TITLE_LENGTH);
  const questions = (await similarQuestions({ viewer, q })).map((p) => ({
    id: p.id,
    title: p.title ?? "",
    answered: p.acceptedAnswerId != null,
    answers: p.replyCount,
  }));
  // What a person may find is personal: never cached by a shared cache (issue #8.16).
  return Response.json({ questions }, { headers: { "Cache-Control": "no-store" } });
}
