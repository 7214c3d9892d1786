// Sign-in throttling (issue #8.5). The same words answer for any email, registered or not, so a limit never
// tells anyone whether an account exists.
export const signinEn = {
  "signin.tooManyForAccount":
    "Too many failed sign-ins for this account from new browsers. Try again in {count} minutes, or sign in from a browser you have used before.",
  "signin.tooManyForAccount_one":
    "Too many failed sign-ins for this account from new browsers. Try again in 1 minute, or sign in from a browser you have used before.",
  "signin.tooManyOnDevice": "Too many failed sign-ins on this browser. Try again in {count} minutes.",
  "signin.tooManyOnDevice_one": "Too many failed sign-ins on this browser. Try again in 1 minute.",
  "signin.tooManyFromNetwork": "Too many failed sign-ins from your network. Try again in {count} minutes.",
  "signin.tooManyFromNetwork_one": "Too many failed sign-ins from your network. Try again in 1 minute.",
} as const;

export const signinKo: Record<keyof typeof signinEn, string> = {
  "signin.tooManyForAccount":
    "새 브라우저에서 이 계정으로 로그인에 너무 많이 실패했습니다. {count}분 후에 다시 시도하거나, 전에 사용한 브라우저에서 로그인하세요.",
  "signin.tooManyForAccount_one":
    "새 브라우저에서 이 계정으로 로그인에 너무 많이 실패했습니다. 1분 후에 다시 시도하거나, 전에 사용한 브라우저에서 로그인하세요.",
  "signin.tooManyOnDevice": "이 브라우저에서 로그인에 너무 많이 실패했습니다. {count}분 후에 다시 시도하세요.",
  "signin.tooManyOnDevice_one": "이 브라우저에서 로그인에 너무 많이 실패했습니다. 1분 후에 다시 시도하세요.",
  "signin.tooManyFromNetwork":
    "사용 중인 네트워크에서 로그인에 너무 많이 실패했습니다. {count}분 후에 다시 시도하세요.",
  "signin.tooManyFromNetwork_one": "사용 중인 네트워크에서 로그인에 너무 많이 실패했습니다. 1분 후에 다시 시도하세요.",
};
