// The contact guard against obfuscation (issue 19): invisible characters, foreign digits, look-alike letters and
// odd separators must not walk a phone number, an e-mail, a handle or a link past it.
import { describe, expect, it } from 'vitest';
import { detectContactDetails, normalise } from './detection.js';
import { asciiDigit } from './detection/text.js';

const ZWSP = '\u200b';
const ZWNJ = '\u200c';
const ZWJ = '\u200d';
const WJ = '\u2060';
const SHY = '\u00ad';
const BOM = '\ufeff';
const RLO = '\u202e';

/** Obfuscations a volunteer could send, each with the kind it must still be found as. */
const OBFUSCATED: [string, string, string][] = [
  ['digits split by zero-width spaces', `5${ZWSP}5${ZWSP}5 1${ZWSP}2${ZWSP}3 4${ZWSP}5${ZWSP}6${ZWSP}7`, 'phone'],
  ['digits split by joiners', `555${ZWJ}123${ZWNJ}4567`, 'phone'],
  ['digits split by word joiners', `call 555${WJ}123${WJ}4567`, 'phone'],
  ['digits split by soft hyphens', `555${SHY}123${SHY}4567`, 'phone'],
  ['digits split by byte-order marks', `555${BOM}123${BOM}4567`, 'phone'],
  ['a bidi override inside the number', `text me ${RLO}555 123 4567`, 'phone'],
  ['Arabic-Indic digits', 'رقمي ٥٥٥ ١٢٣ ٤٥٦٧', 'phone'],
  ['Extended Arabic-Indic (Persian) digits', '۵۵۵۱۲۳۴۵۶۷', 'phone'],
  ['Devanagari digits', '५५५ १२३ ४५६७', 'phone'],
  ['Bengali digits', '৫৫৫ ১২৩ ৪৫৬৭', 'phone'],
  ['Thai digits', '๕๕๕ ๑๒๓ ๔๕๖๗', 'phone'],
  ['fullwidth digits', '５５５１２３４５６７', 'phone'],
  ['mathematical bold digits', '𝟓𝟓𝟓 𝟏𝟐𝟑 𝟒𝟓𝟔𝟕', 'phone'],
  ['circled digits', '⑤⑤⑤①②③④⑤⑥⑦', 'phone'],
  ['superscript digits', '⁵⁵⁵¹²³⁴⁵⁶⁷', 'phone'],
  ['keycap emoji digits', '5️⃣5️⃣5️⃣1️⃣2️⃣3️⃣4️⃣5️⃣6️⃣7️⃣', 'phone'],
  ['digits of several scripts mixed', '5٥5 1२3 ৪5６7', 'phone'],
  ['slashes between groups', 'my number 555/123/4567', 'phone'],
  ['underscores between groups', '555_123_4567', 'phone'],
  ['stars and pipes between groups', '555*123|4567', 'phone'],
  ['a dot between every digit', '5.5.5.1.2.3.4.5.6.7', 'phone'],
  ['bullets between groups', '555•123•4567', 'phone'],
  ['letter o for zero', 'text 8o5 555 o1o9', 'phone'],
  ['no-break and ideographic spaces', '555\u00a0123\u30004567', 'phone'],
  ['a Cyrillic "сом"', 'robin.helps@gmail.сом', 'email'],
  ['Cyrillic letters in the address', 'jоhn.dое@gmаil.com', 'email'],
  ['a Greek omicron', 'robin@hotmail.cοm', 'email'],
  ['a fullwidth at-sign', 'robin＠gmail.com', 'email'],
  ['a small commercial at', 'robin﹫gmail.com', 'email'],
  ['[at] and [dot]', 'robin [at] gmail [dot] com', 'email'],
  ['(at) and (dot)', 'robin(at)gmail(dot)com', 'email'],
  ['{at} and {dot}', 'robin{at}gmail{dot}com', 'email'],
  ['at and dot spelled out', 'robin at gmail dot com', 'email'],
  ['"at gmail" without .com', 'write to robin.w at gmail', 'email'],
  ['spaces around @ and the dot', 'robin88 @ gmail . com', 'email'],
  ['a zero-width space inside the address', `rob${ZWSP}in@gm${ZWSP}ail.com`, 'email'],
  ['mathematical bold letters', '𝐫𝐨𝐛𝐢𝐧@𝐠𝐦𝐚𝐢𝐥.𝐜𝐨𝐦', 'email'],
  ['letters with combining marks', 'r̷o̷b̷i̷n̷@g̷m̷a̷i̷l̷.c̷o̷m̷', 'email'],
  ['an ideographic full stop', 't。me/robinhelps', 'link'],
  ['a fullwidth full stop', 't．me/robinhelps', 'link'],
  ['a halfwidth ideographic full stop', 'wa｡me/15551234567', 'link'],
  ['a middle dot', 'instagram·com/robin.helps', 'link'],
  ['(dot) in a link', 'wa(dot)me/15551234567', 'link'],
  ['(.) in a link', 'discord(.)gg/robin', 'link'],
  ['spaces around the dot of a contact host', 't . me / robinhelps', 'link'],
  ['fullwidth letters in a link', 'ｔ.ｍｅ/robinhelps', 'link'],
  ['a handle with a Cyrillic o', 'find me @rоbin_helps', 'social_handle'],
  ['a handle without @', 'my snap is robin_helps', 'social_handle'],
  ['a handle after a platform and a dash', 'discord - robinhelps', 'social_handle'],
];

describe('the contact guard against obfuscation', () => {
  it.each(OBFUSCATED)('finds %s', (_how, text, kind) => {
    expect(detectContactDetails(text)).toContain(kind);
  });

  it('still lets ordinary text through, in any script', () => {
    for (const text of [
      'el ١٢/٠٥/٢٠٢٣ fue la primera vez',
      'it was on １２/０５/２０２３',
      'my case number is ２０２３-００４５６',
      'i was 14 in 2015',
      'I’m scared — really scared',
      'café, niño, ¿qué tal?',
      'Зачем? I typed this on a Russian keyboard by mistake',
      'I feel like everything I say gets twisted',
    ]) {
      expect(detectContactDetails(text), text).toEqual([]);
    }
  });

  it('lets support lines through when written with foreign digits', () => {
    expect(detectContactDetails('call ٩٨٨ or 1-800-656-4673')).toEqual([]);
  });
});

describe('normalise', () => {
  it('folds compatibility forms, marks, invisible characters, look-alikes and every decimal digit script', () => {
    expect(normalise(`ＧＭＡＩＬ.сом 𝟓${ZWSP}५٥`)).toBe('gmail.com 555');
    expect(normalise('Ya no quiero vivir')).toBe('ya no quiero vivir');
    expect(normalise('I don’t   want “this”')).toBe('i don\'t want "this"');
    expect(normalise('niño CORAZÓN')).toBe('nino corazon');
  });

  it('knows the value of every Unicode decimal digit of this runtime', () => {
    // Every code point of category Nd maps to the digit it stands for: its offset in its run of ten.
    let checked = 0;
    let runStart = -1;
    for (let cp = 0x80; cp < 0x110000; cp++) {
      if (!/\p{Nd}/u.test(String.fromCodePoint(cp))) {
        runStart = -1;
        continue;
      }
      if (runStart < 0) runStart = cp;
      expect(asciiDigit(cp), `U+${cp.toString(16)}`).toBe(String((cp - runStart) % 10));
      checked++;
    }
    expect(checked).toBeGreaterThan(600);
    expect(asciiDigit(0x0665)).toBe('5');
    expect(asciiDigit(0x096b)).toBe('5');
    expect(asciiDigit(0x09eb)).toBe('5');
    expect(asciiDigit(0xff15)).toBe('5');
    expect(asciiDigit('a'.codePointAt(0)!)).toBeUndefined();
  });
});
