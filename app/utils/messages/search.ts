// Search (issue #3) strings added with groups (issue #6), in English and Korean.
export const searchEn = {
  "search.groups": "Groups",
  "search.group": "Group (address)",
  "search.groupMembers": "{count} members",
  "search.groupMembers_one": "1 member",
  "search.groupNotFound": "There is no group you can see at this address.",
  "search.groupPublic": "Public",
  "search.groupPrivate": "Private",
  "search.groupSecret": "Secret",
  // Issue #13 item 6: an empty page proposes the query with its misspelt words corrected.
  "search.didYouMean": "Did you mean:",
} as const;

export const searchKo: Record<keyof typeof searchEn, string> = {
  "search.groups": "그룹",
  "search.group": "그룹 (주소)",
  "search.groupMembers": "멤버 {count}명",
  "search.groupMembers_one": "멤버 1명",
  "search.groupNotFound": "이 주소로 볼 수 있는 그룹이 없습니다.",
  "search.groupPublic": "공개",
  "search.groupPrivate": "비공개",
  "search.groupSecret": "비밀",
  "search.didYouMean": "이것을 찾으셨나요?",
};
