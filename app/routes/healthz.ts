import { checkHealth } from "#app/models/health.server";

export async function loader() {
  try {
    return Response.json(await checkHealth(), { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return Response.json({ status: "error", database: (error as Error).message }, { status: 503 });
  }
}
