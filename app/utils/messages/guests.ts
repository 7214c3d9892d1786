// Guests (issue #6): inviting outside partners into chosen groups, and what they see when they sign up.
export const guestsEn = {
  "guest.invite": "Invite a guest",
  "guest.inviteHelp":
    "A guest from a partner company sees only the groups you choose: never the company feed, other groups or the people directory.",
  "guest.organization": "Organization",
  "guest.groups": "Groups",
  "guest.noGroups": "You manage no open groups, so you cannot invite guests.",
  "guest.groupsRequired": "Choose at least one group.",
  "guest.groupNotInvitable": "You can invite guests only to open groups you manage.",
  "guest.inviteSubmit": "Create guest invitation",
  "guest.inviteLink": "Send this invitation link to the guest (valid for 14 days):",
  "guest.invitedAs": "You are invited as a guest of {organization}.",
  "guest.invitedTo": "You will join: {groups}",
  "guest.forbidden": "Only site admins and group admins can invite guests.",
} as const;

export const guestsKo: Record<keyof typeof guestsEn, string> = {
  "guest.invite": "게스트 초대하기",
  "guest.inviteHelp":
    "협력사 게스트는 선택한 그룹만 볼 수 있습니다. 회사 피드, 다른 그룹, 구성원 디렉터리는 볼 수 없습니다.",
  "guest.organization": "소속 회사",
  "guest.groups": "그룹",
  "guest.noGroups": "관리하는 열린 그룹이 없어 게스트를 초대할 수 없습니다.",
  "guest.groupsRequired": "그룹을 하나 이상 선택하세요.",
  "guest.groupNotInvitable": "관리하는 열린 그룹에만 게스트를 초대할 수 있습니다.",
  "guest.inviteSubmit": "게스트 초대 만들기",
  "guest.inviteLink": "이 초대 링크를 게스트에게 보내세요 (14일 동안 유효):",
  "guest.invitedAs": "{organization}의 게스트로 초대되었습니다.",
  "guest.invitedTo": "참여할 그룹: {groups}",
  "guest.forbidden": "사이트 관리자와 그룹 관리자만 게스트를 초대할 수 있습니다.",
};
