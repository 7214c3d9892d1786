import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { endSession } from "#app/web/auth.server";

export async function loader() {
  throw redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  return redirect("/signin", { headers: { "Set-Cookie": await endSession(request) } });
}
