// Text folding before screening: one canonical form, so that look-alike letters, foreign digits and invisible
// characters cannot walk a message around the rules (issue 19), and accents and typography do not matter.

/** The zero of every Unicode decimal-digit run (\p{Nd}); a test checks that this covers the runtime's Unicode. */
const DIGIT_ZEROS = [
  0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0xde6, 0xe50, 0xed0, 0xf20, 0x1040,
  0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90, 0x1b50, 0x1bb0, 0x1c40, 0x1c50, 0xa620, 0xa8d0, 0xa900, 0xa9d0,
  0xa9f0, 0xaa50, 0xabf0, 0xff10, 0x104a0, 0x10d30, 0x10d40, 0x11066, 0x110f0, 0x11136, 0x111d0, 0x112f0, 0x11450,
  0x114d0, 0x11650, 0x116c0, 0x116d0, 0x116da, 0x11730, 0x118e0, 0x11950, 0x11bf0, 0x11c50, 0x11d50, 0x11da0, 0x11de0,
  0x11f50, 0x16130, 0x16a60, 0x16ac0, 0x16b50, 0x16d70, 0x1ccf0, 0x1d7ce, 0x1d7d8, 0x1d7e2, 0x1d7ec, 0x1d7f6, 0x1e140,
  0x1e2f0, 0x1e4f0, 0x1e5f1, 0x1e950, 0x1fbf0,
];

/** The ASCII digit for a decimal digit of any script, or undefined. */
export function asciiDigit(codePoint: number): string | undefined {
  if (codePoint >= 0x30 && codePoint <= 0x39) return String.fromCharCode(codePoint);
  let lo = 0;
  let hi = DIGIT_ZEROS.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const zero = DIGIT_ZEROS[mid]!;
    if (codePoint < zero) hi = mid - 1;
    else if (codePoint > zero + 9) lo = mid + 1;
    else return String.fromCharCode(0x30 + codePoint - zero);
  }
  return undefined;
}

/**
 * Letters of other scripts that look like Latin ones (Cyrillic, Greek, Armenian, Cherokee-free subset), Latin
 * letters that NFKD does not take apart, and small capitals: "gmail.сом" with a Cyrillic "сом" must read ".com".
 * Lower case only; the text is lower-cased first.
 */
const CONFUSABLES: Record<string, string> = {
  // Cyrillic
  а: 'a', б: 'b', в: 'b', г: 'r', д: 'd', е: 'e', ё: 'e', и: 'u', й: 'u', к: 'k', л: 'n', м: 'm', н: 'h', о: 'o',
  п: 'n', р: 'p', с: 'c', т: 't', у: 'y', х: 'x', ц: 'u', ш: 'w', щ: 'w', ъ: 'b', ы: 'bl', ь: 'b', э: 'e',
  ю: 'io', я: 'r', ѕ: 's', і: 'i', ї: 'i', ј: 'j', ԁ: 'd', ԛ: 'q', ԝ: 'w', һ: 'h', ӏ: 'l', ү: 'y', ҫ: 'c', ӑ: 'a', ӓ: 'a',
  ӧ: 'o', ӱ: 'y', ԍ: 'g', ԃ: 'd', ԏ: 't', ѵ: 'v', ѡ: 'w', ѳ: 'o', ҁ: 'c', ҝ: 'k', ҟ: 'k', ң: 'h', ҥ: 'h', ҳ: 'x',
  ӎ: 'm', ӗ: 'e', ә: 'e', ө: 'o', ӫ: 'o',
  // Greek
  α: 'a', β: 'b', γ: 'y', δ: 'd', ε: 'e', ζ: 'z', η: 'n', θ: 'o', ι: 'i', κ: 'k', λ: 'l', μ: 'u', ν: 'v', ξ: 'e', ο: 'o',
  π: 'n', ρ: 'p', σ: 'o', ς: 's', τ: 't', υ: 'u', φ: 'o', χ: 'x', ψ: 'w', ω: 'w', ϲ: 'c', ϳ: 'j', ϵ: 'e', ϱ: 'p', ϰ: 'k',
  ϒ: 'y', ϐ: 'b', ϑ: 'o', ϖ: 'w',
  // Armenian
  օ: 'o', ս: 'u', ո: 'n', հ: 'h', ց: 'g', զ: 'q', ա: 'w', ւ: 'l', լ: 'l', ք: 'p', ռ: 'n', ɡ: 'g',
  // Latin letters NFKD leaves whole, and IPA / small capitals
  ı: 'i', ȷ: 'j', ł: 'l', ø: 'o', đ: 'd', ð: 'd', ħ: 'h', ŧ: 't', ƀ: 'b', ƅ: 'b', ƈ: 'c', ƌ: 'd', ƒ: 'f', ƙ: 'k', ƚ: 'l',
  ƞ: 'n', ƥ: 'p', ƫ: 't', ƭ: 't', ʋ: 'v', ƴ: 'y', ƶ: 'z', ɓ: 'b', ɔ: 'o', ɖ: 'd', ɗ: 'd', ɛ: 'e', ɠ: 'g', ɦ: 'h', ɨ: 'i',
  ɩ: 'i', ɪ: 'i', ɫ: 'l', ɭ: 'l', ɱ: 'm', ɲ: 'n', ɳ: 'n', ɴ: 'n', ɵ: 'o', ɽ: 'r', ʀ: 'r', ʂ: 's', ʈ: 't', ʉ: 'u', ʏ: 'y',
  ʐ: 'z', ʑ: 'z', ʙ: 'b', ʜ: 'h', ʟ: 'l', ɑ: 'a', ɒ: 'o', ʌ: 'v', ʍ: 'w', ʎ: 'y', ɹ: 'r', ɾ: 'r', ɯ: 'w', ᴀ: 'a', ᴄ: 'c',
  ᴅ: 'd', ᴇ: 'e', ꜰ: 'f', ɢ: 'g', ᴊ: 'j', ᴋ: 'k', ᴍ: 'm', ᴏ: 'o', ᴘ: 'p', ǫ: 'q', ꜱ: 's', ᴛ: 't', ᴜ: 'u', ᴠ: 'v', ᴡ: 'w',
  ᴢ: 'z', ß: 'ss', æ: 'ae', œ: 'oe', þ: 'p',
  // Separators written with other scripts' punctuation: "t。me", "555•123•4567", "gmail·com"
  '。': '.', '｡': '.', '·': '.', '•': '.', '∙': '.', '⋅': '.', '‧': '.', '٫': '.', '۔': '.', '܂': '.', '꘎': '.',
  '⁄': '/', '∕': '/', '⧸': '/', '／': '/',
  // Typographic quotes and dashes, straightened
  '‘': "'", '’': "'", '‚': "'", '‛': "'", 'ʼ': "'", '´': "'", '′': "'", 'ʹ': "'", '‹': "'", '›': "'",
  '“': '"', '”': '"', '„': '"', '‟': '"', '«': '"', '»': '"', '″': '"',
  '‐': '-', '‑': '-', '‒': '-', '–': '-', '—': '-', '―': '-', '−': '-', '﹣': '-', '－': '-',
};

/**
 * Format characters (zero-width space, joiners, bidi controls, soft hyphen, word joiner, BOM, tags) and the
 * letters that draw nothing (Hangul fillers, braille blank): removed, so "5", a zero-width space, "5" reads "55".
 */
const INVISIBLE = /[\p{Cf}\u115f\u1160\u2800\u3164\uffa0]/gu;
const MARKS = /\p{M}/gu;
const NON_ASCII = /[\u0080-\u{10ffff}]/gu;
const HAS_NON_ASCII = /[\u0080-\u{10ffff}]/u;
const OTHER_SPACE = /[\p{Z}\t\r\v\f]/gu;

function foldChar(c: string): string {
  const mapped = CONFUSABLES[c];
  if (mapped !== undefined) return mapped;
  const digit = asciiDigit(c.codePointAt(0)!);
  return digit ?? c;
}

/**
 * The canonical text that every rule and the model read: compatibility forms folded (NFKD: fullwidth, math
 * alphanumerics, circled and superscript digits), marks and invisible characters removed, lower case, look-alike
 * letters and every script's decimal digits made ASCII, quotes and dashes straightened, spaces collapsed.
 */
export function normalise(text: string): string {
  let t = text.normalize('NFKD').toLowerCase();
  // The cheap ASCII path first: most messages have nothing else to fold.
  if (HAS_NON_ASCII.test(t)) {
    t = t.replace(MARKS, '').replace(INVISIBLE, '').replace(OTHER_SPACE, ' ').replace(NON_ASCII, foldChar);
  }
  return t.replace(/`/g, "'").replace(/\s+/g, ' ').trim();
}
