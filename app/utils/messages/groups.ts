// Groups and guests (issue #6), in English and Korean.
export const groupsEn = {
  "nav.groups": "Groups",
  "group.slugInvalid": "Use 1–40 lower-case letters, digits or dashes (not at either end).",
  "group.slugTaken": "Another group already uses this address.",
  "group.archived": "This group is archived: it is read-only.",
  "group.lastAdmin": "A group needs at least one admin. Make someone else an admin first.",
  "group.guestAdmin": "A guest cannot be a group admin.",
  "group.pinLimit": "A group can pin at most {max} posts. Unpin one first.",
  "group.guestBadge": "Guest",
  "group.guestOf": "Guest ({organization})",
  "group.pinned": "Pinned to the group.",
  "group.unpinned": "Unpinned.",
  "group.pinnedBadge": "Pinned",
  "group.pin": "Pin",
  "group.unpin": "Unpin",
} as const;

export const groupsKo: Record<keyof typeof groupsEn, string> = {
  "nav.groups": "그룹",
  "group.slugInvalid": "소문자, 숫자, 대시로 1–40자를 사용하세요 (양 끝에는 대시를 쓸 수 없습니다).",
  "group.slugTaken": "다른 그룹이 이미 이 주소를 쓰고 있습니다.",
  "group.archived": "보관된 그룹이라 읽기만 할 수 있습니다.",
  "group.lastAdmin": "그룹에는 관리자가 한 명 이상 있어야 합니다. 먼저 다른 사람을 관리자로 지정하세요.",
  "group.guestAdmin": "게스트는 그룹 관리자가 될 수 없습니다.",
  "group.pinLimit": "그룹에는 게시물을 최대 {max}개까지 고정할 수 있습니다. 먼저 하나를 고정 해제하세요.",
  "group.guestBadge": "게스트",
  "group.guestOf": "게스트 ({organization})",
  "group.pinned": "그룹에 고정했습니다.",
  "group.unpinned": "고정을 해제했습니다.",
  "group.pinnedBadge": "고정됨",
  "group.pin": "고정",
  "group.unpin": "고정 해제",
};
