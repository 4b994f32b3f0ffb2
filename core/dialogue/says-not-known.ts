/** English and Spanish ways of saying "I can't give you that" ("I don't know it", "no idea", "no lo sé", "no lo encuentro"). */
const notKnown =
  /^\s*(?:(?:um+|uh+|hmm+|well|sorry|oh|ah|no|nope)[\s,.]+)*(?:i\s+)?(?:(?:do\s*n[o']?t|dont|really\s+don'?t)\s+(?:know|remember|have|recall)|no\s+idea|not\s+sure|i'?m\s+not\s+sure|(?:can'?t|cannot|couldn'?t)\s+(?:find|remember|recall|see)|no\s+clue|(?:i\s+)?forgot|ni\s+idea|no\s+(?:lo\s+)?s[eé]|no\s+me\s+acuerdo|no\s+lo\s+(?:tengo|encuentro|recuerdo)|no\s+estoy\s+segur[oa])(?![\p{L}])/iu;

/** The answer says the user does not have or know what was asked, instead of giving it. */
export function saysNotKnown(text: string): boolean {
  return notKnown.test(text);
}
