type AvatarUser = { id: number; name: string; photoVersion: number };

function initials(name: string) {
  const parts = name.trim().split(/\s+/);
  // Korean names read best as the given name's first syllables (김민수 → 민수); Latin names as initials.
  if (/^[\p{Script=Hangul}]+$/u.test(parts.join(""))) return parts.join("").slice(-2);
  return parts
    .slice(0, 2)
    .map((p) => p[0]?.toUpperCase() ?? "")
    .join("");
}

function hue(id: number) {
  return (id * 137) % 360;
}

/** The directory photo, or an initials avatar when there is none. */
export function Avatar({ user, size = 40 }: { user: AvatarUser; size?: number }) {
  if (user.photoVersion > 0) {
    return (
      <img
        className="avatar"
        src={`/photos/${user.id}?v=${user.photoVersion}`}
        alt=""
        width={size}
        height={size}
        loading="lazy"
      />
    );
  }
  return (
    <span
      className="avatar avatar-initials"
      aria-hidden="true"
      style={{ width: size, height: size, fontSize: size * 0.4, background: `hsl(${hue(user.id)} 55% 42%)` }}
    >
      {initials(user.name)}
    </span>
  );
}
