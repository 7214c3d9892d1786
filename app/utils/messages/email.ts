// Email confirmation of company-domain sign-ups (issue #8.1, #8.6): the pages and the emails themselves.
export const emailEn = {
  "signup.checkEmail":
    "Check your email: we sent a message to {email}. Open the link in it within 24 hours to finish signing up.",
  "signup.emailOff":
    "Sign-up with a company email address is unavailable because this server cannot send email. Ask an administrator for an invitation.",
  "signup.rateLimited": "Too many sign-up attempts. Try again in {minutes} minutes.",
  "signup.confirmTitle": "Confirm your email",
  "signup.confirmIntro": "Confirm {email} to create your account @{handle}.",
  "signup.confirmSubmit": "Confirm and sign in",
  "signup.linkInvalid":
    "This confirmation link is invalid, has expired or was already used. Sign up again to get a new one.",
  "signup.handleGone":
    "Someone took the handle @{handle} while your confirmation was pending. Sign up again with another handle.",
  "email.confirm.subject": "Confirm your {company} account",
  "email.confirm.body":
    "Hello {name},\n\nSomeone (hopefully you) signed up for {company} with this email address. Open this link within 24 hours to confirm it and create your account:\n\n{link}\n\nIf this wasn't you, ignore this email: no account will be created.",
  "email.existing.subject": "You already have a {company} account",
  "email.existing.body":
    "Hello,\n\nSomeone (hopefully you) tried to sign up for {company} with this email address, but you already have an account. Sign in instead:\n\n{link}\n\nIf you forgot your password, ask an administrator. If this wasn't you, ignore this email: nothing has changed.",
} as const;

export const emailKo: Record<keyof typeof emailEn, string> = {
  "signup.checkEmail":
    "이메일을 확인하세요. {email}(으)로 메일을 보냈습니다. 24시간 안에 메일의 링크를 열어 가입을 마치세요.",
  "signup.emailOff":
    "이 서버는 이메일을 보낼 수 없어 회사 이메일 주소로 가입할 수 없습니다. 관리자에게 초대를 요청하세요.",
  "signup.rateLimited": "가입 시도가 너무 많습니다. {minutes}분 후에 다시 시도하세요.",
  "signup.confirmTitle": "이메일 확인",
  "signup.confirmIntro": "{email} 주소를 확인하고 @{handle} 계정을 만드세요.",
  "signup.confirmSubmit": "확인하고 로그인",
  "signup.linkInvalid":
    "확인 링크가 유효하지 않거나, 만료되었거나, 이미 사용되었습니다. 다시 가입하여 새 링크를 받으세요.",
  "signup.handleGone": "확인을 기다리는 동안 다른 사람이 @{handle} 핸들을 사용했습니다. 다른 핸들로 다시 가입하세요.",
  "email.confirm.subject": "{company} 계정을 확인하세요",
  "email.confirm.body":
    "{name}님, 안녕하세요.\n\n누군가(아마도 본인)가 이 이메일 주소로 {company}에 가입했습니다. 24시간 안에 아래 링크를 열어 주소를 확인하고 계정을 만드세요:\n\n{link}\n\n본인이 아니라면 이 메일을 무시하세요. 계정은 만들어지지 않습니다.",
  "email.existing.subject": "이미 {company} 계정이 있습니다",
  "email.existing.body":
    "안녕하세요.\n\n누군가(아마도 본인)가 이 이메일 주소로 {company}에 가입하려고 했지만, 이미 계정이 있습니다. 대신 로그인하세요:\n\n{link}\n\n비밀번호를 잊었다면 관리자에게 문의하세요. 본인이 아니라면 이 메일을 무시하세요. 아무것도 바뀌지 않았습니다.",
};
