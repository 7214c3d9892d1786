// Accounts (issue #8): deactivation by site admins, the admin's lock on names and titles, signing out everywhere, and
// the limits on tokens, posting and passwords.
export const accountsEn = {
  "accounts.status.active": "Active",
  "accounts.status.deactivated": "Deactivated",
  "accounts.deactivate": "Deactivate",
  "accounts.reactivate": "Reactivate",
  "accounts.deactivateHint":
    "Deactivating ends the person's sessions and revokes their API tokens at once; their posts and group memberships stay, and come back if you reactivate them.",
  "accounts.deactivated": "Account deactivated: its sessions ended and its API tokens were revoked.",
  "accounts.reactivated": "Account reactivated.",
  "accounts.cannotDeactivateSelf": "You cannot deactivate your own account.",
  "accounts.signOutEverywhere": "Sign out everywhere and revoke all API tokens",
  "accounts.signOutEverywhereHint":
    "Ends every session, including this one, and revokes all your API tokens: scripts that use them stop working.",
  "accounts.tooManyTokens": "You can have at most {max} API tokens. Revoke one you no longer use first.",
  "accounts.passwordCommon":
    "This password is too common or too easy to guess. Use a longer phrase that is not a well-known password.",
  "accounts.profile": "Name, department and title",
  "accounts.profileLocked": "Locked",
  "accounts.lockProfile": "Save and lock",
  "accounts.unlockProfile": "Unlock",
  "accounts.lockProfileHint":
    "The directory is authoritative: once locked, the person can no longer change their name, department or title in their settings. Unlocking lets them change these again.",
  "accounts.profileLockSaved": "Name, department and title saved and locked.",
  "accounts.profileUnlocked": "Unlocked: the person can change their name, department and title again.",
  "accounts.setByAdmin": "Set by your administrator.",
} as const;

export const accountsKo: Record<keyof typeof accountsEn, string> = {
  "accounts.status.active": "활성",
  "accounts.status.deactivated": "비활성",
  "accounts.deactivate": "비활성화",
  "accounts.reactivate": "다시 활성화",
  "accounts.deactivateHint":
    "비활성화하면 그 사람의 모든 세션이 즉시 끝나고 API 토큰이 폐기됩니다. 게시물과 그룹 멤버십은 남아 있으며, 다시 활성화하면 돌아옵니다.",
  "accounts.deactivated": "계정을 비활성화했습니다. 모든 세션이 끝나고 API 토큰이 폐기되었습니다.",
  "accounts.reactivated": "계정을 다시 활성화했습니다.",
  "accounts.cannotDeactivateSelf": "자신의 계정은 비활성화할 수 없습니다.",
  "accounts.signOutEverywhere": "모든 기기에서 로그아웃하고 API 토큰 모두 폐기",
  "accounts.signOutEverywhereHint":
    "이 기기를 포함한 모든 세션을 끝내고 API 토큰을 모두 폐기합니다. 토큰을 쓰는 스크립트는 더 이상 작동하지 않습니다.",
  "accounts.tooManyTokens": "API 토큰은 최대 {max}개까지 만들 수 있습니다. 쓰지 않는 토큰을 먼저 폐기하세요.",
  "accounts.passwordCommon":
    "너무 흔하거나 추측하기 쉬운 비밀번호입니다. 잘 알려진 비밀번호가 아닌 더 긴 문구를 사용하세요.",
  "accounts.profile": "이름, 부서, 직함",
  "accounts.profileLocked": "잠김",
  "accounts.lockProfile": "저장하고 잠그기",
  "accounts.unlockProfile": "잠금 해제",
  "accounts.lockProfileHint":
    "관리자 디렉터리가 기준입니다. 잠그면 그 사람은 설정에서 이름, 부서, 직함을 바꿀 수 없습니다. 잠금을 해제하면 다시 바꿀 수 있습니다.",
  "accounts.profileLockSaved": "이름, 부서, 직함을 저장하고 잠갔습니다.",
  "accounts.profileUnlocked": "잠금을 해제했습니다. 그 사람이 이름, 부서, 직함을 다시 바꿀 수 있습니다.",
  "accounts.setByAdmin": "관리자가 설정했습니다.",
};
