// Hostile input (issue #8 §8, §12): bodies nested too deeply to render, in English and Korean.
export const hostileInputEn = {
  "hostileInput.postTooDeep":
    "This post nests quotes, lists, emphasis or links more than {max} levels deep. Flatten it and try again.",
} as const;

export const hostileInputKo: Record<keyof typeof hostileInputEn, string> = {
  "hostileInput.postTooDeep":
    "인용, 목록, 강조 또는 링크가 {max}단계보다 깊게 중첩되어 있습니다. 중첩을 줄인 뒤 다시 시도하세요.",
};
