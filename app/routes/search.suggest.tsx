import type { LoaderFunctionArgs } from "@remix-run/node";
import { suggest } from "#app/models/search/search.server";
import { requireViewer } from "#app/web/auth.server";
import { AppError } from "#app/utils/errors";

const NO_STORE = { "Cache-Control": "no-store" };

/** Header autocomplete data: a few people, hashtags, groups and posts, shaped for the search box. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { viewer } = await requireViewer(request);
  const q = new URL(request.url).searchParams.get("q") ?? "";
  try {
    const s = await suggest({ viewer, q });
    // What a person may find is personal: never cached by a shared cache (issue #8.16).
    return Response.json(
      {
        people: s.people.map((p) => ({ handle: p.handle, name: p.name, department: p.department, title: p.title })),
        hashtags: s.hashtags.map((h) => ({ name: h.name, postCount: h.postCount })),
        groups: s.groups.map((g) => ({ slug: g.slug, name: g.name, memberCount: g.memberCount })),
        posts: s.posts.map((p) => ({
          id: p.post.id,
          threadId: p.post.threadId,
          snippet: p.snippet,
          authorName: p.post.author.name,
        })),
      },
      { headers: NO_STORE },
    );
  } catch (error) {
    if (error instanceof AppError)
      return Response.json(
        { people: [], hashtags: [], groups: [], posts: [] },
        { status: error.status, headers: NO_STORE },
      );
    throw error;
  }
}
