// Personal access token scopes (issue #7), in English and Korean: the settings page, the model's errors and the CLI.
export const tokensEn = {
  "tokens.scopes": "Scopes",
  "tokens.scopesHint": "What scripts using this token may do. Choose at least one.",
  "tokens.scope.read": "Read",
  "tokens.scope.write": "Write",
  "tokens.scope.admin": "Admin",
  "tokens.scopeHint.read": "read feeds, posts and people (GET requests)",
  "tokens.scopeHint.write": "publish, edit, delete and react",
  "tokens.scopeHint.admin": "admin-only operations",
  "tokens.scopesRequired": "Choose at least one scope.",
  "tokens.scopeUnknown": 'Unknown scope "{scope}". Use one or more of: {allowed}.',
  "tokens.adminScopeForbidden": "Only site administrators can create tokens with the admin scope.",
} as const;

export const tokensKo: Record<keyof typeof tokensEn, string> = {
  "tokens.scopes": "권한 범위",
  "tokens.scopesHint": "이 토큰을 쓰는 스크립트가 할 수 있는 일입니다. 하나 이상 고르세요.",
  "tokens.scope.read": "읽기",
  "tokens.scope.write": "쓰기",
  "tokens.scope.admin": "관리",
  "tokens.scopeHint.read": "피드, 게시물, 사람 조회 (GET 요청)",
  "tokens.scopeHint.write": "게시, 수정, 삭제, 반응",
  "tokens.scopeHint.admin": "관리자 전용 작업",
  "tokens.scopesRequired": "권한 범위를 하나 이상 고르세요.",
  "tokens.scopeUnknown": '알 수 없는 권한 범위 "{scope}"입니다. 다음 중에서 고르세요: {allowed}.',
  "tokens.adminScopeForbidden": "관리 권한 범위가 있는 토큰은 사이트 관리자만 만들 수 있습니다.",
};
