import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { getUser } from "#app/web/auth.server";
import { countUsers } from "#app/models/people/user.server";

export async function loader({ request }: LoaderFunctionArgs) {
  if (countUsers() === 0) throw redirect("/setup");
  throw redirect((await getUser(request)) ? "/home" : "/signin");
}
