// GET /api/v1/me — the token owner, with the email address and settings only they may see.
import { getProfile, getSettings } from "#app/models/people/user.server";
import { apiJson, apiRoute, userToJson } from "#app/web/api.server";

const handle = apiRoute({
  GET: ({ user, viewer }) => {
    const profile = getProfile({ handle: user.handle, viewer });
    const settings = getSettings(user.id);
    return apiJson({
      ...userToJson(profile),
      email: settings.email,
      role: user.role,
      locale: settings.locale,
      time_zone: settings.timeZone,
    });
  },
});

export const loader = handle;
export const action = handle;
