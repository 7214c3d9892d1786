// Similar questions while asking (issue #9, item 3): as a title is typed, the existing questions it resembles, so
// that people find an answer instead of asking again. The search engine does the matching — Korean and English,
// particles and two-syllable words, as for every search (search/query.ts) — with "any" term matching (a new title
// rarely shares every word with an earlier one) and the viewer's scopes inside the engine, so a question the
// viewer may not see is never suggested; the read model applies the access rule once more when it hydrates.
import type { Viewer } from "#app/access/rules";
import type { PostView } from "#app/models/posts/read-model.server";
import { searchContent } from "#app/models/search/search.server";
import { AppError } from "#app/utils/errors";

export const MAX_SIMILAR_QUESTIONS = 5;

/**
 * Up to `limit` (≤ 5) questions like `q` that the viewer may see: the most similar ones, answered first.
 * Nothing typed, or nothing searchable (only punctuation), gives none; a query longer than the search allows is a
 * 400 (AppError).
 */
export async function similarQuestions({
  viewer,
  q,
  limit = MAX_SIMILAR_QUESTIONS,
}: {
  viewer: Viewer;
  q: string;
  limit?: number;
}): Promise<PostView[]> {
  if (q.trim() === "") return [];
  const n = Math.max(1, Math.min(MAX_SIMILAR_QUESTIONS, Math.floor(limit) || MAX_SIMILAR_QUESTIONS));
  try {
    const page = await searchContent({ viewer, q, type: "questions", match: "any", limit: n });
    const posts = page.type === "questions" ? page.results.map((r) => r.post) : [];
    // The most similar n, answered ones first (a stable sort keeps relevance within each half).
    return posts.sort((a, b) => Number(b.acceptedAnswerId != null) - Number(a.acceptedAnswerId != null));
  } catch (error) {
    if (error instanceof AppError && error.code === "search_query_empty") return [];
    throw error;
  }
}
