/** Home screens show about 12 characters under an icon, and cut longer names with an ellipsis. */
export const HOME_SCREEN_NAME_MAX = 12;

/**
 * A studio's name short enough for a home-screen label, never cut mid-word: as many whole
 * words as fit ("Latchkey Demo Studio" → "Latchkey"); a first word that is itself too long
 * gives the initials of the words ("Kraftwerkstatt Berlin" → "KB"), or its first letters.
 */
export function homeScreenName(name: string, max = HOME_SCREEN_NAME_MAX): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return "Latchkey";
  let fitted = "";
  for (const word of words) {
    const next = fitted ? `${fitted} ${word}` : word;
    if ([...next].length > max) break;
    fitted = next;
  }
  if (fitted) return fitted;
  const initials = words.map((w) => [...w][0]!.toUpperCase()).join("");
  return words.length > 1 && [...initials].length <= max
    ? initials
    : [...words[0]!].slice(0, max).join("");
}

/** Whether a link's home-screen manifest and icon are served: only while the link can be used. */
export function servesHomeScreen(state: string): boolean {
  return state === "active" || state === "scheduled";
}
